/**
 * The Edgetill Worker: HTTP API (fetch), domain events (queue), periodic work (scheduled), and
 * the Durable Object classes the runtime must find on the main module.
 */
import { createApp } from "../src/app";
import { CONSUMERS } from "../src/consumers";
import type { Env } from "../src/platform/env";
import { handleQueue } from "../src/platform/events/queues";
import { runScheduled } from "../src/platform/scheduled";

export { StoreDurableObject } from "../durable-objects/store";

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, _ctx) => handleQueue(batch, env, CONSUMERS),
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;

/**
 * /v1/platform/events/dead-letters and /v1/platform/events/redrive: platform admins inspect what
 * the events queue gave up on and send it back once the cause is fixed (`npm run events:redrive`
 * calls the redrive route).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requirePlatformAdmin } from "../../domains/tenants/platform";
import { createRouter, jsonBody, jsonResponse, writeErrors } from "../http/router";
import { listDeadLetters, redriveDeadLetters } from "./dead-letters";

/** Dead-letter routes (platform admins only). */
export const deadLetterRoutes = createRouter();
// The platform router guards /v1/platform/* too; whichever runs first sets platformAdminId.
deadLetterRoutes.use("/v1/platform/events/*", async (c, next) => (c.get("platformAdminId") ? next() : requirePlatformAdmin()(c, next)));
const security = [{ bearer: [] }];
const tags = ["Platform"];

const DeadLetterOut = z
  .object({
    id: z.string(),
    eventId: z.string().nullable(),
    tenantId: z.string().nullable(),
    type: z.string().nullable(),
    reason: z.enum(["consumer_failed", "max_retries", "malformed_envelope"]),
    state: z.enum(["retrying", "recovered", "dead", "redriven"]),
    lastError: z.string().nullable(),
    attempts: z.number().int(),
    deaths: z.number().int(),
    redrives: z.number().int(),
    firstFailedAt: z.string(),
    lastFailedAt: z.string(),
    lastDeadAt: z.string().nullable(),
    redrivenAt: z.string().nullable(),
    body: z.unknown(),
  })
  .openapi("DeadLetter");

const Filter = z.object({
  tenantId: z.string().max(64).optional(),
  type: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

deadLetterRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/platform/events/dead-letters",
    operationId: "platformListDeadLetters",
    tags,
    security,
    summary: "Failed events (retrying, recovered) and dead letters (dead, redriven), least recently failed first",
    request: { query: Filter.extend({ state: z.enum(["retrying", "recovered", "dead", "redriven"]).optional() }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(DeadLetterOut) }), "Dead letters"), ...writeErrors },
  }),
  async (c) => c.json({ items: await listDeadLetters(c.env, c.req.valid("query")) }, 200),
);

deadLetterRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/platform/events/redrive",
    operationId: "platformRedriveEvents",
    tags,
    security,
    summary: "Send dead letters (all, or those named or filtered) back to the events queue",
    request: { body: jsonBody(Filter.extend({ ids: z.array(z.string().max(64)).max(1000).optional() })) },
    responses: {
      200: jsonResponse(z.object({ redriven: z.number().int(), ids: z.array(z.string()) }), "What was sent back"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const ids = await redriveDeadLetters(c.env, c.req.valid("json"));
    console.log(JSON.stringify({ level: "info", event: "events.redriven", by: c.get("platformAdminId"), count: ids.length }));
    return c.json({ redriven: ids.length, ids }, 200);
  },
);

/**
 * Which provider sends a tenant's messages. Development and tests use the outbox provider (the
 * tenant's notification_outbox, listed at GET /v1/dev/outbox), so nothing leaves the machine.
 * Production providers (email, SMS, WhatsApp, push HTTP APIs) plug in here behind the same
 * Notifier interface; until one is configured, production sends fail and stay listed as failed.
 */
import type { Env } from "../../platform/env";
import { type Notifier, outboxNotifier } from "../../platform/notify";

/** The notifier for a tenant database in this environment. */
export function notifierFor(env: Pick<Env, "ENVIRONMENT">, d1: D1Database): Notifier {
  if (env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test") return outboxNotifier(d1);
  return {
    async send(m) {
      throw new Error(`no ${m.channel} provider is configured`);
    },
  };
}

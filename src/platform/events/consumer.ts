/**
 * The queue consumer: validates each message's envelope, finds the tenant's database, and hands
 * the event to every consumer registered for its type. Per message: ack on success; a malformed
 * envelope goes straight to the dead-letter queue (retrying cannot fix it); a failing consumer is
 * retried with exponential backoff, and Cloudflare moves it to the DLQ after max_retries
 * (wrangler.toml). Failures are recorded with their error in the control plane (dead_letters,
 * state retrying) so operators see why before the message is dead. Consumers are idempotent:
 * the event id is a key.
 */

import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { tenants } from "../../db/platform";
import { type Env, tenantDatabase } from "../env";
import { malformedWrapper, recordFailure, recordRecovery } from "./dead-letters";
import { type EventEnvelope, EventEnvelopeSchema } from "./envelope";

/** A consumer of events of some types ("*" = every type), given the tenant's database. Must be idempotent. */
export interface EventConsumer {
  name: string;
  types: readonly string[];
  handle(event: EventEnvelope, tenantDb: D1Database, env: Env): Promise<void>;
}

/** Whether `consumer` takes events of `type`. */
export function consumes(consumer: EventConsumer, type: string): boolean {
  return consumer.types.includes("*") || consumer.types.includes(type);
}

/** Backoff before retry n (1-based): 2^n seconds, at most 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(1, attempts));
}

/** Handles one batch from the events queue with `consumers`. */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env, consumers: readonly EventConsumer[]): Promise<void> {
  const platform = drizzle(env.PLATFORM_DB);
  for (const message of batch.messages) {
    const parsed = EventEnvelopeSchema.safeParse(message.body);
    if (!parsed.success) {
      console.error(
        JSON.stringify({ level: "error", event: "events.malformed", messageId: message.id, issues: parsed.error.issues.length }),
      );
      await env.EVENTS_DLQ.send(malformedWrapper(message.body), { contentType: "json" });
      message.ack();
      continue;
    }
    const event = parsed.data;
    try {
      const tenant = await platform.select().from(tenants).where(eq(tenants.id, event.tenantId)).get();
      const db = tenant?.databaseBinding ? tenantDatabase(env, tenant.databaseBinding) : undefined;
      if (!db) throw new Error(`no database for tenant ${event.tenantId}`);
      for (const c of consumers) if (consumes(c, event.type)) await c.handle(event, db, env);
      // Only a retried message can have a failure on record: first deliveries cost no extra write.
      if (message.attempts > 1) await recordRecovery(env, event);
      message.ack();
    } catch (err) {
      console.error(
        JSON.stringify({
          level: "error",
          event: "events.consumer_failed",
          eventId: event.eventId,
          type: event.type,
          attempts: message.attempts,
          message: String(err),
        }),
      );
      await recordFailure(env, event, message.attempts, err);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/**
 * The queue consumer: validates each message's envelope, finds the tenant's database, and hands
 * the event to every consumer registered for its type. Per message: ack on success; a malformed
 * envelope goes straight to the dead-letter queue (retrying cannot fix it); a failing consumer is
 * retried with exponential backoff, and Cloudflare moves it to the DLQ after max_retries
 * (wrangler.toml). Consumers are idempotent: the event id is a key.
 */
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { tenants } from "../../db/platform";
import { type Env, tenantDatabase } from "../env";
import { EventEnvelopeSchema, type EventEnvelope } from "./envelope";

/** A consumer of events of some types, given the tenant's database. Must be idempotent. */
export interface EventConsumer {
  name: string;
  types: readonly string[];
  handle(event: EventEnvelope, tenantDb: D1Database, env: Env): Promise<void>;
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
      console.error(JSON.stringify({ level: "error", event: "events.malformed", messageId: message.id, issues: parsed.error.issues.length }));
      await env.EVENTS_DLQ.send({ reason: "malformed_envelope", body: message.body });
      message.ack();
      continue;
    }
    const event = parsed.data;
    try {
      const tenant = await platform.select().from(tenants).where(eq(tenants.id, event.tenantId)).get();
      const db = tenant?.databaseBinding ? tenantDatabase(env, tenant.databaseBinding) : undefined;
      if (!db) throw new Error(`no database for tenant ${event.tenantId}`);
      for (const c of consumers) if (c.types.includes(event.type)) await c.handle(event, db, env);
      message.ack();
    } catch (err) {
      console.error(JSON.stringify({ level: "error", event: "events.consumer_failed", eventId: event.eventId, type: event.type, attempts: message.attempts, message: String(err) }));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

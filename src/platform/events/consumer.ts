/**
 * The queue consumer: validates each message's envelope, finds the tenant's database, and hands
 * the events to every consumer registered for their type. A malformed envelope goes straight to
 * the dead-letter queue (retrying cannot fix it); a failing event is retried with exponential
 * backoff, and Cloudflare moves it to the DLQ after max_retries (wrangler.toml). Failures are
 * recorded with their error in the control plane (dead_letters, state retrying) so operators see
 * why before the message is dead. Consumers are idempotent: the event id is a key.
 *
 * Two paths, one outcome (docs/events.md, "Batching"):
 * - batched ({@link consumeEvents}): the batch's valid events are grouped by tenant; the tenants
 *   are read from the control plane in ONE query; each consumer gets all of a tenant's events of
 *   its types at once, in queue order ({@link EventConsumer.handleBatch}, typically one D1 batch),
 *   and the tenant's messages are acked together. A handful of D1 round trips per tenant per
 *   batch instead of several per message: the queue consumer was half of the Worker's CPU.
 * - per message ({@link consumeEventsOneByOne}): the original path, one event at a time. It is the
 *   fallback: when the batched path fails for a tenant, that tenant's messages go through it, so a
 *   bad message is retried (and dead-lettered) alone and the others are acked.
 */

import type { Env } from "../env";
import { malformedWrapper, recordFailure, recordRecoveries } from "./dead-letters";
import { type EventEnvelope, EventEnvelopeSchema } from "./envelope";
import { type EventTenant, lookUpTenants, type TenantTarget } from "./tenants";

export type { EventTenant, TenantTarget } from "./tenants";

/**
 * A consumer of events of some types ("*" = every type), given the tenant's database. Must be
 * idempotent: an event can arrive any number of times, and after a failed batch its events are
 * handled again one by one.
 */
export interface EventConsumer {
  name: string;
  types: readonly string[];
  /**
   * Applies one event. `tenant` (id, time zone) is given by the queue consumer; callers outside
   * it (tests, tools) may leave it out, and a consumer that needs it then reads the control plane.
   * @throws to have the message retried.
   */
  handle(event: EventEnvelope, tenantDb: D1Database, env: Env, tenant?: EventTenant): Promise<void>;
  /**
   * Optional: applies several events of one tenant at once, in the order given (queue order, so a
   * store's events stay in outbox order) — usually one atomic D1 batch. Same effect as
   * {@link handle} on each in turn. A throw sends the tenant's messages through the per-message
   * path, so the events may be applied again: stay idempotent.
   * @param events every event of the batch for `tenant` that this consumer takes, at least one.
   */
  handleBatch?(events: readonly EventEnvelope[], tenantDb: D1Database, env: Env, tenant: EventTenant): Promise<void>;
}

/** Whether `consumer` takes events of `type`. */
export function consumes(consumer: EventConsumer, type: string): boolean {
  return consumer.types.includes("*") || consumer.types.includes(type);
}

/** Backoff before retry n (1-based): 2^n seconds, at most 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(1, attempts));
}

/** A valid message with its envelope. */
interface Parsed {
  message: Message<unknown>;
  event: EventEnvelope;
}

/**
 * Validates every message of `batch`: malformed ones are wrapped, sent to the DLQ and acked here.
 * @returns the valid ones in batch order.
 * @throws when the DLQ send fails (the runtime then retries the messages not yet acked).
 */
async function parseBatch(batch: MessageBatch<unknown>, env: Env): Promise<Parsed[]> {
  const valid: Parsed[] = [];
  for (const message of batch.messages) {
    const parsed = EventEnvelopeSchema.safeParse(message.body);
    if (parsed.success) {
      valid.push({ message, event: parsed.data });
      continue;
    }
    console.error(JSON.stringify({ level: "error", event: "events.malformed", messageId: message.id, issues: parsed.error.issues.length }));
    await env.EVENTS_DLQ.send(malformedWrapper(message.body), { contentType: "json" });
    message.ack();
  }
  return valid;
}

/**
 * Runs every consumer over one tenant's events, consumer by consumer (each sees the events of its
 * types in queue order): `handleBatch` when the consumer has it, else `handle` per event.
 * @throws the first consumer error; what ran before it stays applied (consumers are idempotent).
 */
export async function applyTenantEvents(
  events: readonly EventEnvelope[],
  target: TenantTarget,
  env: Env,
  consumers: readonly EventConsumer[],
): Promise<void> {
  for (const c of consumers) {
    const mine = events.filter((e) => consumes(c, e.type));
    if (mine.length === 0) continue;
    if (c.handleBatch) await c.handleBatch(mine, target.db, env, target.tenant);
    else for (const e of mine) await c.handle(e, target.db, env, target.tenant);
  }
}

/**
 * Handles one message on its own: runs every consumer of its type, then acks it (marking a retried
 * one recovered); on any error records the failure and retries it after {@link retryDelaySeconds}.
 * @param target the tenant as already read, or undefined to read it now (one control-plane query).
 */
async function consumeOne(m: Parsed, env: Env, consumers: readonly EventConsumer[], target?: TenantTarget): Promise<void> {
  const { message, event } = m;
  try {
    const t = target ?? (await lookUpTenants(env, [event.tenantId])).get(event.tenantId);
    if (!t) throw new Error(`no database for tenant ${event.tenantId}`);
    for (const c of consumers) if (consumes(c, event.type)) await c.handle(event, t.db, env, t.tenant);
    // Only a retried message can have a failure on record: first deliveries cost no extra write.
    if (message.attempts > 1) await recordRecoveries(env, [event]);
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

/**
 * Handles one batch from the events queue with `consumers`, batched per tenant (module comment).
 * Each tenant's messages are acked once all its consumers succeeded; when the tenant lookup or any
 * consumer fails for a tenant, that tenant's messages go one by one through the per-message path
 * (ack, or record the failure and retry, per message). Never throws for a consumer's failure.
 * @throws only when the DLQ send for a malformed message fails (the batch is then redelivered).
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env, consumers: readonly EventConsumer[]): Promise<void> {
  const valid = await parseBatch(batch, env);
  if (valid.length === 0) return;
  const byTenant = new Map<string, Parsed[]>();
  for (const m of valid) {
    const group = byTenant.get(m.event.tenantId);
    if (group) group.push(m);
    else byTenant.set(m.event.tenantId, [m]);
  }
  let targets: Map<string, TenantTarget>;
  try {
    targets = await lookUpTenants(env, [...byTenant.keys()]);
  } catch (err) {
    logFallback(null, valid.length, err);
    for (const m of valid) await consumeOne(m, env, consumers);
    return;
  }
  for (const [tenantId, group] of byTenant) {
    const target = targets.get(tenantId);
    try {
      if (!target) throw new Error(`no database for tenant ${tenantId}`);
      await applyTenantEvents(
        group.map((m) => m.event),
        target,
        env,
        consumers,
      );
    } catch (err) {
      logFallback(tenantId, group.length, err);
      for (const m of group) await consumeOne(m, env, consumers, target);
      continue;
    }
    const retried = group.filter((m) => m.message.attempts > 1).map((m) => m.event);
    if (retried.length > 0) await recordRecoveries(env, retried);
    for (const m of group) m.message.ack();
  }
}

function logFallback(tenantId: string | null, messages: number, err: unknown): void {
  console.error(JSON.stringify({ level: "warn", event: "events.batch_fallback", tenantId, messages, message: String(err) }));
}

/**
 * The per-message path over a whole batch: for each message, the tenant is read, every consumer's
 * `handle` runs, and the message is acked or retried on its own. This was the only path before
 * batching; {@link consumeEvents} uses it as the fallback for a failing tenant, and the consumer
 * benchmark (bench/consumer.mjs) times it beside the batched path.
 * @throws only when the DLQ send for a malformed message fails.
 */
export async function consumeEventsOneByOne(batch: MessageBatch<unknown>, env: Env, consumers: readonly EventConsumer[]): Promise<void> {
  for (const m of await parseBatch(batch, env)) await consumeOne(m, env, consumers);
}

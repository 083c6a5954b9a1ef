/**
 * Failed events and dead letters, kept in the control plane's dead_letters table (one row per
 * event, keyed "<tenantId>:<eventId>", or "msg:<message id>" for a body that is no envelope):
 *
 * - the events consumer records each failed delivery with its error (state `retrying`), and a
 *   later successful retry marks it `recovered` ({@link recordFailure}, {@link recordRecovery});
 * - after max_retries (wrangler.toml) Cloudflare moves the message to the dead-letter queue,
 *   whose consumer marks it `dead` ({@link storeDeadLetters}); malformed envelopes are sent there
 *   at once by the consumer, wrapped as {reason: "malformed_envelope", body};
 * - an operator lists them and, once the cause is fixed, redrives them to the events queue
 *   ({@link redriveDeadLetters}: state `redriven`). A redriven event that dies again is the same
 *   row, dead again. Redrive is safe because every consumer is idempotent.
 */

import type { Env } from "../env";
import { newId, nowIso } from "../ids";
import { type EventEnvelope, EventEnvelopeSchema } from "./envelope";

/** Why a row exists: a consumer threw (still retrying), the queue gave up, or no valid envelope. */
export type FailureReason = "consumer_failed" | "max_retries" | "malformed_envelope";
/** Where a failed event stands. */
export type FailureState = "retrying" | "recovered" | "dead" | "redriven";

/** A failed event as listed. `body` is the message body redrive sends back. */
export interface DeadLetter {
  id: string;
  eventId: string | null;
  tenantId: string | null;
  type: string | null;
  reason: FailureReason;
  state: FailureState;
  lastError: string | null;
  attempts: number;
  deaths: number;
  redrives: number;
  firstFailedAt: string;
  lastFailedAt: string;
  lastDeadAt: string | null;
  redrivenAt: string | null;
  body: unknown;
}

/** The wrapper consumeEvents puts around a malformed body (src/platform/events/consumer.ts). */
export function malformedWrapper(body: unknown): { reason: "malformed_envelope"; body: unknown } {
  return { reason: "malformed_envelope", body };
}

const keyOf = (e: Pick<EventEnvelope, "tenantId" | "eventId">) => `${e.tenantId}:${e.eventId}`;

/** What one dead-letter message stands for: its reason, the original body and its key. */
export function classifyDeadLetter(
  messageId: string,
  raw: unknown,
): { reason: FailureReason; body: unknown; dedupeKey: string; eventId: string | null; tenantId: string | null; type: string | null } {
  const wrapped =
    raw && typeof raw === "object" && (raw as Record<string, unknown>).reason === "malformed_envelope" && "body" in (raw as object);
  const body = wrapped ? (raw as { body: unknown }).body : raw;
  const env = EventEnvelopeSchema.safeParse(body);
  if (env.success) {
    const e = env.data;
    return {
      reason: wrapped ? "malformed_envelope" : "max_retries",
      body,
      dedupeKey: keyOf(e),
      eventId: e.eventId,
      tenantId: e.tenantId,
      type: e.type,
    };
  }
  const loose = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v.slice(0, 64) : null);
  return {
    reason: "malformed_envelope",
    body,
    dedupeKey: `msg:${messageId}`,
    eventId: str(loose.eventId),
    tenantId: str(loose.tenantId),
    type: str(loose.type),
  };
}

const UPSERT = `INSERT INTO dead_letters (id, dedupe_key, event_id, tenant_id, type, body, reason, state, last_error, attempts, deaths, last_message_id,
    redrives, first_failed_at, last_failed_at, last_dead_at)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?13, ?14)`;

/**
 * Records a failed delivery of `event` (the consumer will retry it). Never throws: recording is
 * for operators and must not change what happens to the message.
 */
export async function recordFailure(env: Env, event: EventEnvelope, attempts: number, error: unknown): Promise<void> {
  const at = nowIso();
  try {
    await env.PLATFORM_DB.prepare(
      `${UPSERT}
       ON CONFLICT (dedupe_key) DO UPDATE SET last_error = excluded.last_error, attempts = excluded.attempts, last_failed_at = excluded.last_failed_at,
         reason = CASE WHEN state = 'dead' THEN reason ELSE 'consumer_failed' END,
         state = CASE WHEN state = 'dead' THEN 'dead' ELSE 'retrying' END`,
    )
      .bind(
        newId("deadLetter"),
        keyOf(event),
        event.eventId,
        event.tenantId,
        event.type,
        JSON.stringify(event),
        "consumer_failed",
        "retrying",
        String(error).slice(0, 1000),
        attempts,
        0,
        null,
        at,
        null,
      )
      .run();
  } catch (err) {
    console.error(JSON.stringify({ level: "error", event: "events.failure_record_failed", eventId: event.eventId, message: String(err) }));
  }
}

/**
 * Marks failed events recovered after a retry succeeded: one control-plane statement however many
 * (the batched consumer acks a tenant's messages together). Never throws.
 */
export async function recordRecoveries(env: Env, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await env.PLATFORM_DB.prepare(
      "UPDATE dead_letters SET state = 'recovered' WHERE dedupe_key IN (SELECT value FROM json_each(?)) AND state = 'retrying'",
    )
      .bind(JSON.stringify(events.map(keyOf)))
      .run();
  } catch (err) {
    console.error(
      JSON.stringify({
        level: "error",
        event: "events.failure_record_failed",
        eventIds: events.map((e) => e.eventId),
        message: String(err),
      }),
    );
  }
}

/** Marks a failed event recovered after a retry succeeded ({@link recordRecoveries} of one). Never throws. */
export function recordRecovery(env: Env, event: EventEnvelope): Promise<void> {
  return recordRecoveries(env, [event]);
}

/**
 * The dead-letter queue's consumer: marks each message's row dead (ack) or, when the control
 * plane cannot be written, retries it. A redelivery of the same message does not count as a death.
 */
export async function storeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const d = classifyDeadLetter(message.id, message.body);
    const at = nowIso();
    try {
      await env.PLATFORM_DB.prepare(
        `${UPSERT}
         ON CONFLICT (dedupe_key) DO UPDATE SET state = 'dead', body = excluded.body,
           reason = CASE WHEN excluded.reason = 'malformed_envelope' THEN excluded.reason ELSE 'max_retries' END,
           deaths = deaths + (last_message_id IS NOT excluded.last_message_id), last_message_id = excluded.last_message_id,
           last_dead_at = excluded.last_dead_at, last_failed_at = excluded.last_failed_at`,
      )
        .bind(
          newId("deadLetter"),
          d.dedupeKey,
          d.eventId,
          d.tenantId,
          d.type,
          JSON.stringify(d.body ?? null),
          d.reason,
          "dead",
          null,
          message.attempts,
          1,
          message.id,
          at,
          at,
        )
        .run();
      console.error(
        JSON.stringify({
          level: "error",
          event: "events.dead_letter",
          eventId: d.eventId,
          type: d.type,
          tenantId: d.tenantId,
          reason: d.reason,
        }),
      );
      message.ack();
    } catch (err) {
      console.error(
        JSON.stringify({ level: "error", event: "events.dead_letter_store_failed", messageId: message.id, message: String(err) }),
      );
      message.retry({ delaySeconds: 30 });
    }
  }
}

function toDeadLetter(r: Record<string, unknown>): DeadLetter {
  return {
    id: r.id as string,
    eventId: (r.event_id as string | null) ?? null,
    tenantId: (r.tenant_id as string | null) ?? null,
    type: (r.type as string | null) ?? null,
    reason: r.reason as FailureReason,
    state: r.state as FailureState,
    lastError: (r.last_error as string | null) ?? null,
    attempts: r.attempts as number,
    deaths: r.deaths as number,
    redrives: r.redrives as number,
    firstFailedAt: r.first_failed_at as string,
    lastFailedAt: r.last_failed_at as string,
    lastDeadAt: (r.last_dead_at as string | null) ?? null,
    redrivenAt: (r.redriven_at as string | null) ?? null,
    body: JSON.parse(r.body as string) as unknown,
  };
}

/** Which rows to list or redrive. `ids` narrows to those rows. */
export interface DeadLetterFilter {
  ids?: string[];
  tenantId?: string;
  type?: string;
  state?: FailureState;
  limit: number;
}

/** Rows matching `f`, least recently failed first. */
export async function listDeadLetters(env: Env, f: DeadLetterFilter): Promise<DeadLetter[]> {
  const ids = f.ids && f.ids.length > 0 ? JSON.stringify(f.ids) : null;
  const rows = await env.PLATFORM_DB.prepare(
    `SELECT * FROM dead_letters
     WHERE (?1 IS NULL OR id IN (SELECT value FROM json_each(?1))) AND (?2 IS NULL OR tenant_id = ?2) AND (?3 IS NULL OR type = ?3)
       AND (?4 IS NULL OR state = ?4)
     ORDER BY last_failed_at, id LIMIT ?5`,
  )
    .bind(ids, f.tenantId ?? null, f.type ?? null, f.state ?? null, f.limit)
    .all<Record<string, unknown>>();
  return rows.results.map(toDeadLetter);
}

/** Messages per Queue sendBatch call (Cloudflare Queues: at most 100). */
const SEND_BATCH = 100;

/**
 * Sends dead letters (state `dead`) matching `f` back to the events queue, then marks them
 * redriven. A crash between the send and the mark sends again later: consumers dedupe.
 * @returns the ids redriven.
 */
export async function redriveDeadLetters(env: Env, f: Omit<DeadLetterFilter, "state">): Promise<string[]> {
  const dead = await listDeadLetters(env, { ...f, state: "dead" });
  const done: string[] = [];
  for (let i = 0; i < dead.length; i += SEND_BATCH) {
    const chunk = dead.slice(i, i + SEND_BATCH);
    await env.EVENTS.sendBatch(chunk.map((d) => ({ body: d.body, contentType: "json" as const })));
    const at = nowIso();
    await env.PLATFORM_DB.batch(
      chunk.map((d) =>
        env.PLATFORM_DB.prepare(
          "UPDATE dead_letters SET state = 'redriven', redrives = redrives + 1, redriven_at = ? WHERE id = ? AND state = 'dead'",
        ).bind(at, d.id),
      ),
    );
    done.push(...chunk.map((d) => d.id));
  }
  return done;
}

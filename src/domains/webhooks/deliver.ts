/**
 * Webhook delivery: an event consumer records one delivery per subscribed endpoint and attempts
 * it at once; a failed attempt is scheduled again with backoff, and the cron sweep
 * ({@link retryDueWebhooks}) makes the due attempts, until success or the last retry. Every
 * attempt is logged (webhook_attempts). Endpoint failures never fail the queue message: the
 * events queue's retries and dead letters are for our faults, not a tenant's server being down.
 * HTTP goes through an injected {@link Fetcher}, so tests use a local fake endpoint.
 */
import type { EventConsumer } from "../../platform/events/consumer";
import type { EventEnvelope } from "../../platform/events/envelope";
import { newId } from "../../platform/ids";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

/** The HTTP client deliveries use: the Workers fetch in production, a fake in tests. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Waits before each retry, seconds: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h — about two days
 * in all, then the delivery is failed. Our choice, modelled on Stripe's exponential retries; the
 * cron sweep runs every 5 minutes (wrangler.toml), so a retry happens at the first sweep after it is due.
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [60, 300, 1800, 7200, 21600, 43200, 86400] as const;
/** Attempts in all: the first and one per retry delay. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_SECONDS.length + 1;
/** An attempt waits at most 10 seconds for the answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Deliveries retried per tenant per sweep. */
const SWEEP_LIMIT = 100;

interface DueDelivery {
  id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** The JSON body sent for an event: the envelope as it travelled on the queue. */
export function deliveryBody(event: EventEnvelope): string {
  return JSON.stringify(event);
}

/** Whether an endpoint subscribed to `types` (JSON array) takes events of `type`. */
export function subscribed(typesJson: string, type: string): boolean {
  return takes(JSON.parse(typesJson) as string[], type);
}

/** Whether a subscription to `types` ("*" = every type) takes events of `type`. */
function takes(types: readonly string[], type: string): boolean {
  return types.includes("*") || types.includes(type);
}

/**
 * Makes one attempt of a delivery and records it: the attempt row, and the delivery's status
 * (succeeded on 2xx; else pending with the next time due, or failed after the last attempt).
 * @param nowMs the attempt's instant, epoch milliseconds.
 */
export async function attemptDelivery(
  d1: D1Database,
  fetcher: Fetcher,
  d: DueDelivery,
  nowMs: number,
): Promise<"succeeded" | "pending" | "failed"> {
  const attempt = d.attempts + 1;
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetcher(d.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Edgetill-Webhooks/1.0",
        [SIGNATURE_HEADER]: await signatureHeader(d.secret, d.body, Math.floor(nowMs / 1000)),
        "Edgetill-Event-Id": d.event_id,
        "Edgetill-Event-Type": d.event_type,
        "Edgetill-Delivery-Id": d.id,
      },
      body: d.body,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    statusCode = res.status;
    await res.body?.cancel();
    if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
  } catch (err) {
    error = String(err).slice(0, 300);
  }
  const status = error === null ? "succeeded" : attempt >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending";
  const delay = WEBHOOK_RETRY_DELAYS_SECONDS[attempt - 1];
  const next = status === "pending" && delay !== undefined ? new Date(nowMs + delay * 1000).toISOString() : null;
  const at = new Date(nowMs).toISOString();
  await d1.batch([
    d1
      .prepare(
        "INSERT OR IGNORE INTO webhook_attempts (id, delivery_id, attempt, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(newId("webhookAttempt"), d.id, attempt, at, statusCode, error, Date.now() - started),
    d1
      .prepare(
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?, updated_at = ? WHERE id = ? AND attempts = ?",
      )
      .bind(status, attempt, next, statusCode, error, at, d.id, d.attempts),
  ]);
  return status;
}

const DUE_SELECT = `SELECT d.id, d.event_id, d.event_type, d.body, d.attempts, e.url, e.secret
  FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
  WHERE e.deleted_at IS NULL AND d.status = 'pending'`;

/**
 * Records and first-attempts the deliveries of `events` (one tenant's, in queue order): the live
 * endpoints are read once; for each event, every endpoint subscribed to its type gets one delivery
 * (unique per endpoint and event, so a repeat records none), and the deliveries not attempted yet
 * are attempted in event order. No subscribed endpoint: one query and nothing else.
 * @param nowMs clock for attempts.
 * @throws on a D1 failure (an endpoint's failure is recorded, never thrown).
 */
export async function deliverEvents(
  db: D1Database,
  fetcher: Fetcher,
  nowMs: () => number,
  events: readonly EventEnvelope[],
): Promise<void> {
  const endpoints = await db
    .prepare("SELECT id, event_types FROM webhook_endpoints WHERE deleted_at IS NULL")
    .all<{ id: string; event_types: string }>();
  if (endpoints.results.length === 0) return;
  const subscriptions = endpoints.results.map((e) => ({ id: e.id, types: JSON.parse(e.event_types) as string[] }));
  const wanted = events.flatMap((event) =>
    subscriptions.filter((s) => takes(s.types, event.type)).map((s) => ({ event, endpointId: s.id })),
  );
  if (wanted.length === 0) return;
  const bodies = new Map(events.map((e) => [e.eventId, deliveryBody(e)]));
  await db.batch(
    wanted.map(({ event, endpointId }) =>
      db
        .prepare(
          "INSERT OR IGNORE INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)",
        )
        .bind(newId("webhookDelivery"), endpointId, event.eventId, event.type, bodies.get(event.eventId), new Date(nowMs()).toISOString()),
    ),
  );
  const ids = [...new Set(wanted.map((w) => w.event.eventId))];
  const fresh = await db
    .prepare(`${DUE_SELECT} AND d.event_id IN (SELECT value FROM json_each(?)) AND d.attempts = 0`)
    .bind(JSON.stringify(ids))
    .all<DueDelivery>();
  const order = new Map(ids.map((id, i) => [id, i]));
  const due = fresh.results.sort((a, b) => (order.get(a.event_id) ?? 0) - (order.get(b.event_id) ?? 0));
  for (const d of due) await attemptDelivery(db, fetcher, d, nowMs());
}

/**
 * The consumer: for every live endpoint subscribed to the event's type, records the delivery
 * once (unique per endpoint and event) and makes its first attempt. A redelivered event finds the
 * deliveries made and attempts none again (later attempts belong to the sweep). A queue batch's
 * events of one tenant share one read of the endpoints and one D1 batch ({@link deliverEvents}).
 * @param nowMs clock for attempts (tests pass one).
 */
export function webhookConsumer(fetcher: Fetcher, nowMs: () => number = Date.now): EventConsumer {
  return {
    name: "webhooks",
    types: ["*"],
    handle: (event, db) => deliverEvents(db, fetcher, nowMs, [event]),
    handleBatch: (events, db) => deliverEvents(db, fetcher, nowMs, events),
  };
}

/**
 * Makes every attempt that is due by `nowMs` (run by the cron for each tenant).
 * @returns how many attempts were made.
 */
export async function retryDueWebhooks(d1: D1Database, fetcher: Fetcher, nowMs = Date.now()): Promise<number> {
  const due = await d1
    .prepare(`${DUE_SELECT} AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at LIMIT ?`)
    .bind(new Date(nowMs).toISOString(), SWEEP_LIMIT)
    .all<DueDelivery>();
  for (const d of due.results) await attemptDelivery(d1, fetcher, d, nowMs);
  return due.results.length;
}

/** The production fetcher: the Workers runtime's fetch. */
export const workerFetch: Fetcher = (url, init) => fetch(url, init);

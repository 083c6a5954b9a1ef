/**
 * The outbox: events written in the same transaction as the change they describe, sent to the
 * events Queue by the alarm, then marked sent. Delivery is at-least-once (a crash between the
 * send and the mark re-sends), so consumers dedupe on `eventId`.
 */
import { checkEnvelope } from "../../src/platform/events/envelope";
import type { EventEnvelope, StoreConfig } from "./tx";

/** Messages per Queue sendBatch call (Cloudflare Queues: at most 100 messages per batch). */
export const OUTBOX_BATCH_SIZE = 100;

/** Whether any outbox row is unsent. */
export function hasPendingOutbox(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1").toArray().length > 0;
}

/**
 * Sends unsent rows to `queue` in order, up to `maxBatches` batches, marking each batch sent
 * after the queue accepted it. @returns how many rows were sent. Throws what the queue throws.
 */
export async function flushOutbox(storage: DurableObjectStorage, config: StoreConfig, queue: Queue, maxBatches = 10): Promise<number> {
  let sent = 0;
  for (let i = 0; i < maxBatches; i++) {
    const rows = storage.sql
      .exec<{ seq: number; event_id: string; type: string; version: number; occurred_at: string; payload: string }>(
        "SELECT seq, event_id, type, version, occurred_at, payload FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
        OUTBOX_BATCH_SIZE,
      )
      .toArray();
    if (rows.length === 0) break;
    const envelopes: EventEnvelope[] = rows.map((r) => ({
      eventId: r.event_id,
      tenantId: config.tenantId,
      storeId: config.storeId,
      type: r.type,
      version: r.version,
      occurredAt: r.occurred_at,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
    // Validated here as the consumer validates it (ARCHITECTURE.md, "Events": zod on both ends).
    await queue.sendBatch(envelopes.map((e) => ({ body: checkEnvelope(e), contentType: "json" as const })));
    const last = rows[rows.length - 1]!.seq;
    storage.sql.exec("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND seq <= ?", new Date().toISOString(), last);
    sent += rows.length;
  }
  return sent;
}

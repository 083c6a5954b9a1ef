/**
 * Crash-safe messages between two stores' ledgers (transfers). A step that must reach another
 * store writes a `deliveries` row in the SAME transaction as its own effect; the row is then
 * sent (right away, and again by the alarm until it is acknowledged). The receiver applies each
 * delivery once, keyed by the delivery id in its `operations` table. So a crash or eviction at
 * any point either loses nothing (the row is still pending) or repeats a message the receiver
 * ignores: no unit is lost or doubled.
 */
import { newId } from "../../src/platform/ids";
import type { DeliveryInput } from "./inputs";
import type { LedgerTx, Result } from "./tx";

/** First retry after 1 s, doubling, at most every 5 minutes. */
export const DELIVERY_BACKOFF_BASE_MS = 1000;
export const DELIVERY_BACKOFF_MAX_MS = 5 * 60 * 1000;

/** The message kinds stores exchange about a transfer. */
export type DeliveryKind = DeliveryInput["kind"];

/** Sends one delivery to the target store's Durable Object (acceptDelivery). */
export type DeliverySender = (targetStoreId: string, message: DeliveryInput) => Promise<Result<object>>;

/** Queues a message to `targetStoreId` in the current transaction. @returns the delivery id. */
export function enqueueDelivery(tx: LedgerTx, targetStoreId: string, kind: DeliveryKind, payload: Record<string, unknown>): string {
  const id = newId("delivery");
  tx.run(
    "INSERT INTO deliveries (id, target_store, kind, payload, state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
    id,
    targetStoreId,
    kind,
    JSON.stringify(payload),
    tx.nowMs,
    tx.now,
  );
  return id;
}

/** Backoff before attempt `attempts + 1`, in ms. */
export function deliveryBackoffMs(attempts: number): number {
  return Math.min(DELIVERY_BACKOFF_BASE_MS * 2 ** Math.min(attempts, 20), DELIVERY_BACKOFF_MAX_MS);
}

/**
 * Sends every due pending delivery in creation order. A failed send leaves the row pending with
 * a backoff, and holds back later messages to the same store (so they arrive in order).
 * A refusal from the receiver is final (it would refuse again): the row is closed with the error.
 * @returns how many were acknowledged.
 */
export async function sendDueDeliveries(storage: DurableObjectStorage, fromStoreId: string, send: DeliverySender): Promise<number> {
  const rows = storage.sql
    .exec<{ id: string; target_store: string; kind: DeliveryKind; payload: string; attempts: number }>(
      "SELECT id, target_store, kind, payload, attempts FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at, rowid LIMIT 100",
      Date.now(),
    )
    .toArray();
  const blocked = new Set<string>();
  let done = 0;
  for (const r of rows) {
    if (blocked.has(r.target_store)) continue;
    try {
      const res = await send(r.target_store, {
        deliveryId: r.id,
        fromStoreId,
        kind: r.kind,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      });
      const error = res.ok ? null : `${res.code}: ${res.detail}`;
      if (error)
        console.error(
          JSON.stringify({ level: "error", msg: "delivery refused", deliveryId: r.id, kind: r.kind, target: r.target_store, error }),
        );
      storage.sql.exec(
        "UPDATE deliveries SET state = 'done', attempts = attempts + 1, delivered_at = ?, last_error = ? WHERE id = ? AND state = 'pending'",
        new Date().toISOString(),
        error,
        r.id,
      );
      done++;
    } catch (e) {
      blocked.add(r.target_store);
      storage.sql.exec(
        "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
        Date.now() + deliveryBackoffMs(r.attempts),
        String(e).slice(0, 500),
        r.id,
      );
    }
  }
  return done;
}

/** The earliest due time of a pending delivery (ms since epoch), or null. */
export function nextDeliveryDue(sql: SqlStorage): number | null {
  return sql.exec<{ t: number | null }>("SELECT MIN(next_attempt_at) AS t FROM deliveries WHERE state = 'pending'").one().t ?? null;
}

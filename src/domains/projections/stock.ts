/**
 * The stock projection consumer: folds stock.moved events into stock_levels. Exactly-once in
 * effect under at-least-once delivery: the processed_events row and the change are one D1 batch
 * (atomic), and a redelivered event fails on the processed_events primary key, so the batch —
 * change included — rolls back.
 */

import type { EventConsumer } from "../../platform/events/consumer";
import { StockMovedPayload } from "../../platform/events/envelope";

/** Inventory value change of one entry, minor units: incoming at qty × unit cost, outgoing at its recorded cost. */
export function valueDelta(p: { qty: number; unitCost?: number | null; costTotal?: number | null }): number {
  if (p.qty >= 0) return p.costTotal ?? p.qty * (p.unitCost ?? 0);
  return -Math.abs(p.costTotal ?? 0);
}

/** Consumer name, part of the processed_events key. */
export const STOCK_PROJECTION = "stock_projection";

/** Keeps stock_levels in step with every store's ledger. */
export const stockProjection: EventConsumer = {
  name: STOCK_PROJECTION,
  types: ["stock.moved"],
  async handle(event, db) {
    if (!event.storeId) throw new Error("stock.moved without storeId");
    const p = StockMovedPayload.parse(event.payload);
    try {
      await db.batch([
        db
          .prepare("INSERT INTO processed_events (key, processed_at) VALUES (?, ?)")
          .bind(`${STOCK_PROJECTION}:${event.eventId}`, new Date().toISOString()),
        db
          .prepare(
            `INSERT INTO stock_levels (store_id, sku, batch, on_hand, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (store_id, sku, batch) DO UPDATE SET on_hand = on_hand + excluded.on_hand, value = value + excluded.value,
               updated_at = max(updated_at, excluded.updated_at)`,
          )
          .bind(event.storeId, p.sku, p.batch ?? "", p.qty, valueDelta(p), p.postedAt),
      ]);
    } catch (err) {
      if (String(err).includes("UNIQUE") && String(err).includes("processed_events")) return; // already applied
      throw err;
    }
  },
};

/**
 * The stock projection consumer: folds stock.moved events into stock_levels. Exactly-once in
 * effect under at-least-once delivery: each event is a pair of statements in one atomic D1 batch —
 * the stock_levels upsert, guarded by "this event has no processed_events row yet", then the
 * processed_events row (`ON CONFLICT DO NOTHING`). A redelivered event finds its row and changes
 * nothing, without failing the batch, so many events (a queue batch, even one naming the same
 * event twice) go in ONE batch: the guard reads the rows the earlier statements of the same batch
 * wrote (D1 runs a batch's statements in order, in one transaction).
 */

import type { EventConsumer } from "../../platform/events/consumer";
import { type EventEnvelope, StockMovedPayload } from "../../platform/events/envelope";

/** Inventory value change of one entry, minor units: incoming at qty × unit cost, outgoing at its recorded cost. */
export function valueDelta(p: { qty: number; unitCost?: number | null; costTotal?: number | null }): number {
  if (p.qty >= 0) return p.costTotal ?? p.qty * (p.unitCost ?? 0);
  return -Math.abs(p.costTotal ?? 0);
}

/** Consumer name, part of the processed_events key. */
export const STOCK_PROJECTION = "stock_projection";

/**
 * The upsert of one entry, applied only when its processed_events key (?7) is absent. The SELECT
 * has a WHERE clause, as SQLite requires of INSERT … SELECT with an upsert clause (it would parse
 * ON as a join constraint otherwise).
 */
const GUARDED_UPSERT = `INSERT INTO stock_levels (store_id, sku, batch, on_hand, value, updated_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM processed_events WHERE key = ?7)
  ON CONFLICT (store_id, sku, batch) DO UPDATE SET on_hand = on_hand + excluded.on_hand, value = value + excluded.value,
    updated_at = max(updated_at, excluded.updated_at)`;
const MARK_PROCESSED = "INSERT INTO processed_events (key, processed_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";

/**
 * The two statements that apply one stock.moved event exactly once (module comment); they must run
 * in this order inside one `db.batch`.
 * @param now ISO instant recorded as processed_at.
 * @throws Error when the event has no storeId; ZodError when the payload lacks a field read here.
 */
export function stockMovedStatements(db: D1Database, event: EventEnvelope, now: string): D1PreparedStatement[] {
  if (!event.storeId) throw new Error("stock.moved without storeId");
  const p = StockMovedPayload.parse(event.payload);
  const key = `${STOCK_PROJECTION}:${event.eventId}`;
  return [
    db.prepare(GUARDED_UPSERT).bind(event.storeId, p.sku, p.batch ?? "", p.qty, valueDelta(p), p.postedAt, key),
    db.prepare(MARK_PROCESSED).bind(key, now),
  ];
}

/** Keeps stock_levels in step with every store's ledger. */
export const stockProjection: EventConsumer = {
  name: STOCK_PROJECTION,
  types: ["stock.moved"],
  async handle(event, db) {
    await db.batch(stockMovedStatements(db, event, new Date().toISOString()));
  },
  /** All the events in one atomic batch, in queue order; every payload is checked before anything is written. */
  async handleBatch(events, db) {
    const now = new Date().toISOString();
    await db.batch(events.flatMap((e) => stockMovedStatements(db, e, now)));
  },
};

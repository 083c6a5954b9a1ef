/**
 * The report_stock_moves consumer: one fact row per ledger entry (every kind) from stock.moved, so
 * the movement summary and stock ageing reports read one indexed table instead of every store
 * object. Idempotent: the ledger entry id is the primary key (`ON CONFLICT DO NOTHING`), so a
 * redelivered or replayed event inserts nothing. The row's day is the posting instant's date in the
 * tenant's time zone (the same bucketing as every report). A queue batch's events of one tenant
 * are inserted in one D1 batch (handleBatch).
 *
 * Only entries posted after this consumer was deployed are here: a tenant with older stock needs a
 * replay of its stock.moved history (not built; see docs/reports.md).
 */
import { z } from "zod";
import { localDay } from "../../../durable-objects/pos/series";
import type { Env } from "../../platform/env";
import type { EventConsumer } from "../../platform/events/consumer";
import type { EventEnvelope } from "../../platform/events/envelope";

/** Consumer name. */
export const REPORT_STOCK_MOVES = "report_stock_moves";

/** The stock.moved fields this consumer reads (the catalogue schema has them all). */
const MovePayload = z.object({
  entryId: z.string(),
  sku: z.string(),
  batch: z.string(),
  qty: z.number().int(),
  kind: z.string(),
  costTotal: z.number().int().nullable().optional(),
  postedAt: z.string(),
});

/** The tenant's IANA time zone from the control plane. @throws when the tenant is unknown (the message is retried). */
export async function tenantTimeZone(env: Pick<Env, "PLATFORM_DB">, tenantId: string): Promise<string> {
  const row = await env.PLATFORM_DB.prepare("SELECT time_zone AS tz FROM tenants WHERE id = ?").bind(tenantId).first<{ tz: string }>();
  if (!row) throw new Error(`unknown tenant ${tenantId}`);
  return row.tz;
}

/** The insert of one entry's fact (nothing when the entry is there already). @throws ZodError or Error on a bad event. */
function moveStatement(db: D1Database, event: EventEnvelope, timeZone: string): D1PreparedStatement {
  if (!event.storeId) throw new Error("stock.moved without storeId");
  const p = MovePayload.parse(event.payload);
  return db
    .prepare(
      `INSERT INTO report_stock_moves (entry_id, store_id, sku, batch, kind, qty, cost_total, day, posted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING`,
    )
    .bind(p.entryId, event.storeId, p.sku, p.batch, p.kind, p.qty, p.costTotal ?? null, localDay(p.postedAt, timeZone), p.postedAt);
}

/**
 * Records every ledger entry as a movement fact. The time zone comes with the tenant the queue
 * consumer read once per batch; only a caller that gives no tenant costs a control-plane query.
 */
export const reportStockMovesConsumer: EventConsumer = {
  name: REPORT_STOCK_MOVES,
  types: ["stock.moved"],
  async handle(event, db, env, tenant) {
    const tz = tenant?.timeZone ?? (await tenantTimeZone(env, event.tenantId));
    await moveStatement(db, event, tz).run();
  },
  /** One D1 batch of inserts, in queue order; every payload is checked before anything is written. */
  async handleBatch(events, db, _env, tenant) {
    await db.batch(events.map((e) => moveStatement(db, e, tenant.timeZone)));
  },
};

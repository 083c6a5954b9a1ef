/**
 * The report_costs consumer: keeps the cost of goods of every ledger entry a sale or a return
 * posted, from stock.moved events. The ledger prices outgoing stock at the store's valuation (FIFO
 * or moving average) and a return at the original sale's cost, and the event carries that cost, so
 * reports need no second valuation. Idempotent: the ledger entry id is the primary key, so a
 * redelivered event inserts nothing. Each row takes its document's day (report_sale_docs) when the
 * document fact is already there, else facts.ts sets it when the fact is written: either order. Write-offs of returned goods (kind adjustment) are a loss, not
 * cost of goods sold, and are left out.
 */
import { z } from "zod";
import type { EventConsumer } from "../../platform/events/consumer";
import type { EventEnvelope } from "../../platform/events/envelope";

/** Consumer name. */
export const REPORT_COSTS = "report_costs";

/** The stock.moved fields this consumer reads. */
const CostPayload = z.object({
  entryId: z.string(),
  sku: z.string(),
  qty: z.number().int(),
  kind: z.string(),
  documentType: z.string().optional(),
  documentId: z.string().optional(),
  costTotal: z.number().int().nullable().optional(),
  unitCost: z.number().int().nullable().optional(),
});

/** Cost of an entry, minor units, positive: its recorded cost total, else |qty| × unit cost. */
export function entryCost(p: { qty: number; costTotal?: number | null; unitCost?: number | null }): number {
  return Math.abs(p.costTotal ?? Math.abs(p.qty) * (p.unitCost ?? 0));
}

/** A cost row to write: the entry's fields, or null for an entry that is no sale or return cost. */
function costRow(event: EventEnvelope) {
  const p = CostPayload.parse(event.payload);
  const kind =
    p.kind === "sale" && p.documentType === "sale" ? "sale" : p.kind === "return" && p.documentType === "return" ? "return" : null;
  if (!kind || !p.documentId || !event.storeId) return null;
  return { p, kind, documentId: p.documentId, storeId: event.storeId };
}

/** The insert of one cost row (nothing when the entry is there already). */
function costInsert(db: D1Database, r: NonNullable<ReturnType<typeof costRow>>): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO report_costs (entry_id, kind, document_id, store_id, sku, quantity, cost, day)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT day FROM report_sale_docs WHERE source_id = ?3 LIMIT 1))
       ON CONFLICT (entry_id) DO NOTHING`,
    )
    .bind(r.p.entryId, r.kind, r.documentId, r.storeId, r.p.sku, Math.abs(r.p.qty), entryCost(r.p));
}

/** The document's cogs recomputed from all its cost rows (not incremented): a repeat gives the same sum. */
function cogsUpdate(db: D1Database, documentId: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE report_sale_docs SET cogs = (SELECT COALESCE(SUM(cost), 0) FROM report_costs WHERE document_id = ?1) WHERE source_id = ?1",
    )
    .bind(documentId);
}

/**
 * The statements recording `events`' costs: every insert in event order, then one cogs update per
 * document named (after all of its rows, so the sum is the same as updating after each row).
 * @throws ZodError when a payload lacks a field read here.
 */
export function costStatements(db: D1Database, events: readonly EventEnvelope[]): D1PreparedStatement[] {
  const rows = events.map(costRow).filter((r) => r !== null);
  const documents = [...new Set(rows.map((r) => r.documentId))];
  return [...rows.map((r) => costInsert(db, r)), ...documents.map((d) => cogsUpdate(db, d))];
}

/** Records the cost of sale and return entries: one D1 batch per event, or per tenant for a queue batch. */
export const reportCostsConsumer: EventConsumer = {
  name: REPORT_COSTS,
  types: ["stock.moved"],
  async handle(event, db) {
    const statements = costStatements(db, [event]);
    if (statements.length > 0) await db.batch(statements);
  },
  async handleBatch(events, db) {
    const statements = costStatements(db, events);
    if (statements.length > 0) await db.batch(statements);
  },
};

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

/** Records the cost of sale and return entries. */
export const reportCostsConsumer: EventConsumer = {
  name: REPORT_COSTS,
  types: ["stock.moved"],
  async handle(event, db) {
    const p = CostPayload.parse(event.payload);
    const kind =
      p.kind === "sale" && p.documentType === "sale" ? "sale" : p.kind === "return" && p.documentType === "return" ? "return" : null;
    if (!kind || !p.documentId || !event.storeId) return;
    // The document's cogs is recomputed from all its entries (not incremented): a repeat gives the same sum.
    await db.batch([
      db
        .prepare(
          `INSERT INTO report_costs (entry_id, kind, document_id, store_id, sku, quantity, cost, day)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT day FROM report_sale_docs WHERE source_id = ?3 LIMIT 1))
           ON CONFLICT (entry_id) DO NOTHING`,
        )
        .bind(p.entryId, kind, p.documentId, event.storeId, p.sku, Math.abs(p.qty), entryCost(p)),
      db
        .prepare(
          "UPDATE report_sale_docs SET cogs = (SELECT COALESCE(SUM(cost), 0) FROM report_costs WHERE document_id = ?1) WHERE source_id = ?1",
        )
        .bind(p.documentId),
    ]);
  },
};

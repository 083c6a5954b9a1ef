/** Sale commit and return-to-stock verbs. */
import { admitLine } from "./admit";
import type { ReturnInput, SaleInput } from "./inputs";
import { issueLines } from "./issue";
import type { LedgerTx, PostedEntry } from "./tx";
import { currentUnitCost, roundHalfUpDiv } from "./valuation";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** What a committed sale returns: its entries, total COGS (minor units), and any flagged shortfall. */
export interface SaleResult {
  saleId: string;
  entries: PostedEntry[];
  costTotal: number;
  flagged: { entryId: string; sku: string; batch: string }[];
}

/**
 * Commits the stock side of a sale: FEFO unless a batch is named, serials sold once, COGS on
 * every entry. With `allowShortfall` (offline POS) a short line is accepted, its entry flagged
 * and a shortfall row kept for follow-up. @throws Refusal insufficient_stock (nothing written).
 */
export function commitSale(tx: LedgerTx, input: Parsed<typeof SaleInput>): SaleResult {
  const entries = issueLines(tx, input.lines, {
    kind: "sale",
    documentType: "sale",
    documentId: input.saleId,
    allowShortfall: input.allowShortfall,
    serialState: "sold",
  });
  return {
    saleId: input.saleId,
    entries,
    costTotal: entries.reduce((n, e) => n + e.costTotal, 0),
    flagged: entries.filter((e) => e.flagged).map((e) => ({ entryId: e.entryId, sku: e.sku, batch: e.batch })),
  };
}

/** The unit cost a return comes back at: the original sale's average COGS for the SKU, else the current cost. */
function returnUnitCost(tx: LedgerTx, sku: string, saleId: string | undefined): number {
  if (saleId) {
    const s = tx.one<{ qty: number; cost: number }>(
      "SELECT -SUM(qty) AS qty, SUM(cost_total) AS cost FROM ledger_entries WHERE document_type = 'sale' AND document_id = ? AND sku = ? AND kind = 'sale'",
      saleId,
      sku,
    );
    if (s && s.qty > 0) return roundHalfUpDiv(s.cost, s.qty);
  }
  return currentUnitCost(tx, sku);
}

/**
 * Takes goods back from a customer. `restock`: a `return` entry puts them back on hand at the
 * original cost (serials go back in stock). `write_off`: the return entry is paired with an
 * `adjustment` (reason return_write_off) of the same units and cost, so the ledger shows both
 * the return and the loss while on-hand and valuation are unchanged.
 */
export function returnToStock(tx: LedgerTx, input: Parsed<typeof ReturnInput>): { returnId: string; entries: PostedEntry[] } {
  const entries: PostedEntry[] = [];
  const writeOff = input.disposition === "write_off";
  for (const l of input.lines) {
    const unitCost = l.unitCost ?? returnUnitCost(tx, l.sku, input.saleId);
    const opts = { documentType: "return", documentId: input.returnId, serialFrom: ["sold"] as const, skipValuation: writeOff };
    const back = admitLine(tx, { ...l, unitCost }, { ...opts, kind: "return" });
    entries.push(...back);
    if (writeOff) {
      for (const e of back) {
        entries.push(
          tx.post({
            sku: e.sku,
            batch: e.batch,
            serial: e.serial,
            qty: -e.qty,
            kind: "adjustment",
            reason: "return_write_off",
            documentType: "return",
            documentId: input.returnId,
            unitCost: e.unitCost,
            costTotal: e.costTotal,
          }),
        );
        if (e.serial) tx.run("UPDATE serials SET state = 'written_off', updated_at = ? WHERE serial = ?", tx.now, e.serial);
      }
    }
  }
  return { returnId: input.returnId, entries };
}

/** Sale commit and return-to-stock verbs. */
import { admitLine } from "./admit";
import type { ReturnInput, SaleInput } from "./inputs";
import { isSerialTracked, issueLines } from "./issue";
import type { LedgerTx, PostedEntry } from "./tx";
import { refuse } from "./tx";
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

/** What one sale took of a SKU from one batch (and serial), in the order the sale posted it. */
interface SoldPart {
  batch: string;
  serial: string;
  qty: number;
  /** COGS of those units, minor units. */
  cost: number;
  /** Units of this part already returned by earlier returns of the sale. */
  returned: number;
}

/** The parts of `sku` that sale `saleId` took, oldest entry first, with what already came back. */
function soldParts(tx: LedgerTx, saleId: string, sku: string): SoldPart[] {
  return tx.rows<{ batch: string; serial: string; qty: number; cost: number; returned: number }>(
    `SELECT e.batch, COALESCE(e.serial, '') AS serial, -SUM(e.qty) AS qty, SUM(e.cost_total) AS cost,
            COALESCE((SELECT r.qty FROM sale_returns r WHERE r.sale_id = ?1 AND r.sku = ?2 AND r.batch = e.batch
                       AND r.serial = COALESCE(e.serial, '')), 0) AS returned
       FROM ledger_entries e
      WHERE e.document_type = 'sale' AND e.document_id = ?1 AND e.sku = ?2 AND e.kind = 'sale'
      GROUP BY e.batch, COALESCE(e.serial, '')
      ORDER BY MIN(e.seq)`,
    saleId,
    sku,
  );
}

/** Records `qty` units of (sku, batch, serial) as returned from `saleId`. */
function noteReturned(tx: LedgerTx, saleId: string, sku: string, batch: string, serial: string, qty: number): void {
  tx.run(
    `INSERT INTO sale_returns (sale_id, sku, batch, serial, qty) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sale_id, sku, batch, serial) DO UPDATE SET qty = qty + excluded.qty`,
    saleId,
    sku,
    batch,
    serial,
    qty,
  );
}

type ReturnLine = Parsed<typeof ReturnInput>["lines"][number];
/** An incoming piece of a return: a batch, its units (or one serial) and their unit cost. */
type Piece = { batch: string; qty: number; unitCost: number; serials?: string[] };

/**
 * Where the units of a return line go back, and at what cost. Against a sale that moved the SKU
 * here, the units go back to the batches the sale took them from, at the sale's cost of each
 * batch (COGS ÷ units, rounded half up): named serials to their own batch; other units to the
 * sale's batches IN THE SALE'S ORDER (for a FEFO sale: earliest expiry first — the conservative
 * guess, since the unit that comes back is then the first to be sold or written off), skipping
 * what earlier returns of the sale already took back. A line naming a batch, or a return without
 * a sale that moved the SKU, comes back as asked, at the current cost.
 * @throws Refusal unprocessable (a serial not sold on the sale, or more back than the sale took),
 *   conflict (a serial already returned), validation_failed (a serial-tracked SKU without serials).
 */
function allocateReturn(tx: LedgerTx, saleId: string | undefined, l: ReturnLine, i: number): Piece[] {
  const parts = saleId && !l.batch ? soldParts(tx, saleId, l.sku) : [];
  if (!saleId || parts.length === 0) {
    return [{ batch: l.batch ?? "", qty: l.qty, unitCost: l.unitCost ?? currentUnitCost(tx, l.sku), serials: l.serials }];
  }
  const costOf = (p: SoldPart) => l.unitCost ?? roundHalfUpDiv(p.cost, p.qty);
  const pieces: Piece[] = [];
  if (l.serials && l.serials.length > 0) {
    if (l.serials.length !== l.qty)
      refuse("validation_failed", `${l.sku}: ${l.qty} units need ${l.qty} serials, got ${l.serials.length}`, {
        fields: [{ path: `lines.${i}.serials`, message: `give exactly ${l.qty} serials` }],
      });
    for (const serial of l.serials) {
      const p = parts.find((x) => x.serial === serial);
      if (!p)
        refuse("unprocessable", `Serial ${serial} of ${l.sku} was not sold on sale ${saleId}`, {
          fields: [{ path: `lines.${i}.serials`, message: `${serial} is not on this sale` }],
        });
      if (p.returned >= p.qty) refuse("conflict", `Serial ${serial} already came back from sale ${saleId}`);
      pieces.push({ batch: p.batch, qty: 1, unitCost: costOf(p), serials: [serial] });
      noteReturned(tx, saleId, l.sku, p.batch, serial, 1);
    }
    return pieces;
  }
  if (isSerialTracked(tx, l.sku))
    refuse("validation_failed", `${l.sku} is serial-tracked: name the serials`, {
      fields: [{ path: `lines.${i}.serials`, message: "required" }],
    });
  let left = l.qty;
  for (const p of parts.filter((x) => x.serial === "")) {
    const take = Math.min(left, p.qty - p.returned);
    if (take <= 0) continue;
    pieces.push({ batch: p.batch, qty: take, unitCost: costOf(p) });
    noteReturned(tx, saleId, l.sku, p.batch, "", take);
    left -= take;
    if (left === 0) break;
  }
  if (left > 0)
    refuse("unprocessable", `${l.sku}: ${l.qty} back exceeds what sale ${saleId} took and has not had back (${l.qty - left})`, {
      fields: [{ path: `lines.${i}.qty`, message: `at most ${l.qty - left}` }],
    });
  return pieces;
}

/**
 * Takes goods back from a customer. `restock`: `return` entries put them back on hand, in the
 * batches the sale took them from and at the sale's cost (see {@link allocateReturn}); serials go
 * back in stock. `write_off`: each return entry is paired with an `adjustment` (reason
 * return_write_off) of the same units and cost, so the ledger shows both the return and the loss
 * while on-hand and valuation are unchanged.
 */
export function returnToStock(tx: LedgerTx, input: Parsed<typeof ReturnInput>): { returnId: string; entries: PostedEntry[] } {
  const entries: PostedEntry[] = [];
  const writeOff = input.disposition === "write_off";
  input.lines.forEach((l, i) => {
    for (const piece of allocateReturn(tx, input.saleId, l, i)) {
      const opts = { documentType: "return", documentId: input.returnId, serialFrom: ["sold"] as const, skipValuation: writeOff };
      const line = {
        sku: l.sku,
        qty: piece.qty,
        unitCost: piece.unitCost,
        serials: piece.serials,
        ...(piece.batch ? { batch: piece.batch } : {}),
      };
      const back = admitLine(tx, line, { ...opts, kind: "return", line: i });
      entries.push(...back);
      if (!writeOff) continue;
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
  });
  return { returnId: input.returnId, entries };
}

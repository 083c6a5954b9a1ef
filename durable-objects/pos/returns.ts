/**
 * A return against a sale of this store, in ONE transactionSync: checks each line against what was
 * sold minus what already came back, puts stock back (restock) or writes it off (ledger
 * returnToStock), refunds by the original tenders (or the manager's choice), reduces udhaar,
 * issues a credit note in its own series citing the invoice (CGST Rules rule 53(1A)), and writes
 * the outbox events sale.returned and credit_note.issued. Any refusal writes nothing.
 */

import { amountInWords } from "../../src/domains/sales/words";
import type { ComputedLine } from "../../src/domains/tax";
import { newId } from "../../src/platform/ids";
import { returnToStock } from "../ledger/sale";
import type { LedgerTx } from "../ledger/tx";
import { refuse } from "../ledger/tx";
import { inSaleTerms } from "./checkout";
import { creditFigures, creditLine } from "./credit";
import {
  EXCHANGE_CREDIT,
  type InvoiceDocument,
  type RecordedTenderType,
  type ReturnDocument,
  type SaleDocument,
  type SaleLine,
  type TenderType,
} from "./documents";
import type { PosReturnInput } from "./inputs";
import { takeNumber } from "./series";

type Parsed = Omit<PosReturnInput, "idempotencyKey"> & { actor: string };

/** The sale document of `saleId` in this store. @throws Refusal not_found. */

/**
 * Books a refund to udhaar: the customer's receivable (keyed by phone) goes down by `amount`
 * (minor units, positive) for return `returnId` at `at`.
 */
export function bookUdhaarRefund(tx: LedgerTx, phone: string, amount: number, returnId: string, at: string): void {
  tx.run(
    "INSERT INTO pos_receivables (customer_phone, amount, document_type, document_id, created_at) VALUES (?, ?, 'return', ?, ?)",
    phone,
    -amount,
    returnId,
    at,
  );
}
export function loadSale(tx: LedgerTx, saleId: string): SaleDocument {
  const row = tx.one<{ document: string }>("SELECT document FROM pos_sales WHERE id = ?", saleId);
  if (!row) refuse("not_found", `Sale ${saleId} not found in this store`);
  return JSON.parse(row.document) as SaleDocument;
}

/**
 * Splits `amount` over the sale's tenders in their order, each up to what it kept minus what it
 * refunded, and books it on them (pos_tenders.refunded). An exchange credit on the sale (it was the
 * new sale of an exchange) is refunded as store credit: that value never was money at this till.
 */
function allocateRefund(tx: LedgerTx, saleId: string, amount: number, refundTo: TenderType | undefined) {
  const out = splitRefund(tx, saleId, amount, refundTo);
  for (const r of out)
    if (r.idx !== null) tx.run("UPDATE pos_tenders SET refunded = refunded + ? WHERE sale_id = ? AND idx = ?", r.amount, saleId, r.idx);
  return out;
}

function splitRefund(tx: LedgerTx, saleId: string, amount: number, refundTo: TenderType | undefined) {
  const tenders = tx.rows<{ idx: number; type: string; amount: number; refunded: number }>(
    "SELECT idx, type, amount, refunded FROM pos_tenders WHERE sale_id = ? ORDER BY idx",
    saleId,
  );
  const out: { type: TenderType; amount: number; idx: number | null }[] = [];
  if (refundTo) return [{ type: refundTo, amount, idx: null }];
  let left = amount;
  for (const t of tenders) {
    const take = Math.min(left, t.amount - t.refunded);
    const type = (t.type === EXCHANGE_CREDIT ? "store_credit" : t.type) as TenderType;
    if (take > 0) out.push({ type, amount: take, idx: t.idx });
    left -= take;
  }
  // Only a rounding residue can be left (credit notes round off to the rupee): it goes back the first way.
  if (left > 0) out.push({ type: (tenders[0]?.type ?? "cash") as TenderType, amount: left, idx: null });
  return out;
}

/**
 * The serials a return line names, checked against the sale line: a line sold with serials must
 * name one per unit returned, each sold on that line and named once; a line sold without serials
 * names none. @returns the serials, or undefined for a line without. @throws Refusal validation_failed.
 */
function returnedSerials(saleLine: SaleLine, l: Parsed["lines"][number], i: number): string[] | undefined {
  const path = `lines.${i}.serials`;
  const sold = saleLine.serials ?? [];
  const named = l.serials ?? [];
  if (sold.length === 0) {
    if (named.length > 0)
      refuse("validation_failed", `Line ${saleLine.lineId} was sold without serials`, {
        fields: [{ path, message: "not serial-tracked" }],
      });
    return undefined;
  }
  if (named.length !== l.quantity)
    refuse("validation_failed", `${saleLine.sku}: ${l.quantity} units need ${l.quantity} serials, got ${named.length}`, {
      fields: [{ path, message: `give exactly ${l.quantity} serials` }],
    });
  if (new Set(named).size !== named.length)
    refuse("validation_failed", `${saleLine.sku}: a serial is named twice`, { fields: [{ path, message: "a serial is named twice" }] });
  const foreign = named.filter((s) => !sold.includes(s));
  if (foreign.length > 0)
    refuse("validation_failed", `Line ${saleLine.lineId} did not sell ${foreign.join(", ")}`, {
      fields: [{ path, message: `not sold on line ${saleLine.lineId}` }],
    });
  return named;
}

/**
 * The new sale of an exchange, for the return that pays for it: up to `total` (minor units) of the
 * credit note is applied to that sale as an `exchange_credit` refund (booked against the original
 * tenders, but not paid out; no udhaar is reduced — the debt now covers the new goods).
 */
export interface ExchangeTarget {
  saleId: string;
  total: number;
}

/**
 * Commits a return. With `exchange`, the credit goes first to the exchange's new sale and only the
 * rest is refunded (durable-objects/pos/exchange.ts).
 * @returns the return document. @throws Refusal not_found, conflict (a cancelled sale), unprocessable (beyond the sold quantity).
 */
export function posReturn(tx: LedgerTx, input: Parsed, exchange?: ExchangeTarget): { return: ReturnDocument } {
  const sale = loadSale(tx, input.saleId);
  if (sale.status === "cancelled") refuse("conflict", `Sale ${sale.id} was cancelled: nothing can come back from it`);
  const at = input.at ? new Date(input.at).toISOString() : tx.now;
  const returnId = newId("saleReturn");
  const creditNoteId = newId("creditNote");
  const seen = new Set<string>();
  const credited: (ComputedLine & { serials?: string[] })[] = [];
  const returned: { line: SaleLine; quantity: number; disposition: "restock" | "write_off"; index: number; serials?: string[] }[] = [];
  input.lines.forEach((l, i) => {
    if (seen.has(l.lineId))
      refuse("validation_failed", `Line ${l.lineId} is named twice`, { fields: [{ path: `lines.${i}.lineId`, message: "duplicate" }] });
    seen.add(l.lineId);
    const row = tx.one<{ qty: number; returned_qty: number }>(
      "SELECT qty, returned_qty FROM pos_sale_lines WHERE sale_id = ? AND line_id = ?",
      sale.id,
      l.lineId,
    );
    const invoiceLine = sale.invoice.lines.find((x) => x.lineId === l.lineId);
    const saleLine = sale.lines.find((x) => x.lineId === l.lineId);
    if (!row || !invoiceLine || !saleLine)
      refuse("unprocessable", `Sale ${sale.id} has no line ${l.lineId}`, {
        fields: [{ path: `lines.${i}.lineId`, message: "not a line of this sale" }],
      });
    if (l.quantity > row.qty - row.returned_qty)
      refuse(
        "unprocessable",
        `Line ${l.lineId}: ${l.quantity} exceeds what may still be returned (${row.qty - row.returned_qty} of ${row.qty})`,
        {
          fields: [{ path: `lines.${i}.quantity`, message: `at most ${row.qty - row.returned_qty}` }],
        },
      );
    const serials = returnedSerials(saleLine, l, i);
    const { serials: _sold, ...credit } = creditLine(invoiceLine, row.qty, row.returned_qty, l.quantity) as ComputedLine & {
      serials?: string[];
    };
    credited.push(serials ? { ...credit, serials } : credit);
    returned.push({ line: saleLine, quantity: l.quantity, disposition: l.disposition, index: i, ...(serials ? { serials } : {}) });
    tx.run("UPDATE pos_sale_lines SET returned_qty = returned_qty + ? WHERE sale_id = ? AND line_id = ?", l.quantity, sale.id, l.lineId);
  });

  // The ledger restocks to the batches the sale took (ledger/sale.ts allocateReturn), at the sale's cost.
  for (const disposition of ["restock", "write_off"] as const) {
    const group = returned.filter((r) => r.disposition === disposition && r.line.kind === "stock");
    const lines = group.map((r) => ({ sku: r.line.sku, qty: r.quantity, ...(r.serials ? { serials: r.serials } : {}) }));
    if (lines.length > 0)
      inSaleTerms(
        group.map((r) => r.index),
        () =>
          returnToStock(tx, { actor: input.actor, returnId, saleId: sale.id, disposition, lines } as Parameters<typeof returnToStock>[1]),
      );
  }

  const left = tx.one<{ open: number }>("SELECT SUM(qty - returned_qty) AS open FROM pos_sale_lines WHERE sale_id = ?", sale.id)?.open ?? 0;
  const creditedBefore =
    tx.one<{ total: number | null }>(
      "SELECT SUM(json_extract(document, '$.creditNote.grandTotal')) AS total FROM pos_returns WHERE sale_id = ?",
      sale.id,
    )?.total ?? 0;
  const figures = creditFigures(sale.invoice, credited, left === 0, sale.invoice.grandTotal - creditedBefore);
  const n = takeNumber(tx, { series: "credit_note", storeCode: input.storeCode, at, timeZone: input.timeZone });
  const creditNote: InvoiceDocument = {
    ...sale.invoice,
    ...figures,
    id: creditNoteId,
    kind: "credit_note",
    number: n.number,
    financialYear: n.financialYear.label,
    issuedAt: at,
    issuedOn: n.issuedOn,
    amountInWords: amountInWords(figures.grandTotal, figures.currency),
    original: { invoiceId: sale.invoice.id, number: sale.invoice.number, issuedOn: sale.invoice.issuedOn },
    status: "issued",
  };

  const applied = exchange ? Math.min(exchange.total, figures.grandTotal) : 0;
  if (applied > 0) allocateRefund(tx, sale.id, applied, undefined);
  const paidOut = figures.grandTotal - applied > 0 ? allocateRefund(tx, sale.id, figures.grandTotal - applied, input.refundTo) : [];
  const refunds: { type: RecordedTenderType; amount: number }[] = [
    ...(applied > 0 ? [{ type: EXCHANGE_CREDIT as RecordedTenderType, amount: applied }] : []),
    ...paidOut,
  ];
  for (const r of paidOut) {
    if (r.type === "udhaar") {
      const phone = sale.customer?.phone;
      if (!phone)
        refuse("validation_failed", "A refund to udhaar needs the sale's customer phone", {
          fields: [{ path: "refundTo", message: "no customer" }],
        });
      bookUdhaarRefund(tx, phone, r.amount, returnId, at);
    }
  }
  const doc: ReturnDocument = {
    id: returnId,
    saleId: sale.id,
    storeId: sale.storeId,
    createdAt: at,
    actor: input.actor,
    lines: returned.map((r) => ({
      lineId: r.line.lineId,
      sku: r.line.sku,
      quantity: r.quantity,
      disposition: r.disposition,
      ...(r.serials ? { serials: r.serials } : {}),
    })),
    refunds: refunds.map(({ type, amount }) => ({ type, amount })),
    creditNote,
    ...(exchange ? { exchangeSaleId: exchange.saleId } : {}),
  };
  tx.run(
    "INSERT INTO pos_returns (id, sale_id, credit_note_id, credit_note_number, issued_at, document) VALUES (?, ?, ?, ?, ?, ?)",
    returnId,
    sale.id,
    creditNoteId,
    n.number,
    at,
    JSON.stringify(doc),
  );
  tx.emit("sale.returned", {
    returnId,
    saleId: sale.id,
    creditNoteId,
    creditNoteNumber: n.number,
    grandTotal: figures.grandTotal,
    refunds: doc.refunds,
  });
  tx.emit("credit_note.issued", {
    invoiceId: creditNoteId,
    saleId: sale.id,
    kind: "credit_note",
    number: n.number,
    issuedOn: n.issuedOn,
    grandTotal: figures.grandTotal,
    currency: figures.currency,
    originalNumber: sale.invoice.number,
  });
  return { return: doc };
}

/** The returns of a sale, oldest first. */
export function returnsOf(tx: LedgerTx, saleId: string): ReturnDocument[] {
  return tx
    .rows<{ document: string }>("SELECT document FROM pos_returns WHERE sale_id = ? ORDER BY issued_at, id", saleId)
    .map((r) => JSON.parse(r.document) as ReturnDocument);
}

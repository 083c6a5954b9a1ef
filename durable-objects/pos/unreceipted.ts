/**
 * A return without a receipt, in ONE transactionSync of the store object: goods come back with no
 * sale of this system to return against (the receipt is lost, or the invoice was issued outside
 * Edgetill). The Worker prices and taxes the lines exactly as it would a sale (the draft); the
 * object restocks them (ledger `return` entries, as a sale return's restock, at the current cost
 * since no sale names one) or writes them off (a `return` entry paired with an `adjustment` of
 * reason return_write_off), refunds by the tenders given, reduces udhaar when refunded on account,
 * numbers a credit note in the store's credit-note series (the same series as sale returns, CGST
 * Rules rule 53(1A)(b)), stores the return with `sale_id` NULL and the reason, and writes the
 * outbox event `return.unreceipted`. Any refusal writes nothing and consumes no number.
 */
import { z } from "zod";
import { newId } from "../../src/platform/ids";
import { MAX_DOCUMENT_LINES } from "../../src/platform/limits";
import { returnToStock } from "../ledger/sale";
import type { LedgerTx } from "../ledger/tx";
import { refuse } from "../ledger/tx";
import { inSaleTerms } from "./checkout";
import {
  type InvoiceDocument,
  issuedDocument,
  type Party,
  type ReturnDocument,
  type SaleDraft,
  type SaleLine,
  type TaxFigures,
  TENDER_TYPES,
  type TenderType,
  WITHOUT_ORIGINAL_INVOICE,
} from "./documents";
import { bookUdhaarRefund } from "./returns";
import { takeNumber } from "./series";

/** A priced line coming back, with what happens to the goods and (serial-tracked items) the serials. */
export type UnreceiptedLine = SaleLine & { disposition: "restock" | "write_off" };

/** One way the money goes back, minor units. */
export interface UnreceiptedRefund {
  type: TenderType;
  amount: number;
  reference: string | null;
}

/**
 * What the Worker hands the object: the lines priced and taxed from the catalog by the same engine
 * as a sale (src/domains/sales/unreceipted.ts), without ids, date or number. Money is integer
 * minor units of `currency`; the refunds add up to `figures.grandTotal`.
 */
export interface UnreceiptedDraft {
  storeId: string;
  storeCode: string;
  timeZone: string;
  currency: string;
  lines: UnreceiptedLine[];
  figures: TaxFigures;
  supplier: Party;
  recipient: Party | null;
  customer: SaleDraft["customer"];
  placeOfSupply: InvoiceDocument["placeOfSupply"];
  supplyType: InvoiceDocument["supplyType"];
  refunds: UnreceiptedRefund[];
  amountInWords: string;
}

/** posUnreceiptedReturn(): goods back without a sale, with a credit note. */
export const PosUnreceiptedInput = z.object({
  actor: z.string().min(1).max(128),
  idempotencyKey: z.string().min(1).max(256).optional(),
  at: z.string().datetime({ offset: true }).optional(),
  reason: z.string().trim().min(1).max(500),
  draft: z.custom<UnreceiptedDraft>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      Array.isArray((v as UnreceiptedDraft).lines) &&
      (v as UnreceiptedDraft).lines.length >= 1 &&
      (v as UnreceiptedDraft).lines.length <= MAX_DOCUMENT_LINES &&
      Array.isArray((v as UnreceiptedDraft).refunds) &&
      (v as UnreceiptedDraft).refunds.every((r) => (TENDER_TYPES as readonly string[]).includes(r.type)),
    "a draft of a return without a receipt",
  ),
});
export type PosUnreceiptedInput = z.input<typeof PosUnreceiptedInput>;

type Parsed = z.output<typeof PosUnreceiptedInput>;

/**
 * Commits a return without a receipt. @returns the return document (saleId null) with its credit
 * note (original null, `unreceipted` set).
 * @throws Refusal validation_failed (refunds that do not add up to the credit note, udhaar without
 *   a customer phone, a serial-tracked SKU without serials), conflict / not_found (a serial that
 *   cannot come back), unprocessable (the credit-note series is exhausted).
 */
export function posUnreceiptedReturn(tx: LedgerTx, input: Parsed): { return: ReturnDocument } {
  const d = input.draft;
  const at = input.at ? new Date(input.at).toISOString() : tx.now;
  const returnId = newId("saleReturn");
  const creditNoteId = newId("creditNote");
  const refunded = d.refunds.reduce((a, r) => a + r.amount, 0);
  if (refunded !== d.figures.grandTotal)
    refuse("validation_failed", `The refunds (${refunded}) must add up to the credit note's total (${d.figures.grandTotal})`, {
      fields: [{ path: "tenders", message: `must add up to ${d.figures.grandTotal}` }],
    });
  const phone = d.customer?.phone ?? null;
  if (d.refunds.some((r) => r.type === "udhaar") && !phone)
    refuse("validation_failed", "A refund to udhaar needs the customer's phone", {
      fields: [{ path: "customer.phone", message: "required for udhaar" }],
    });

  // Stock lines only move the ledger; with no sale to return against, units come back at the current cost.
  for (const disposition of ["restock", "write_off"] as const) {
    const group = d.lines.flatMap((l, i) => (l.kind === "stock" && l.disposition === disposition ? [{ l, i }] : []));
    if (group.length === 0) continue;
    const lines = group.map(({ l }) => ({ sku: l.sku, qty: l.quantity, ...(l.serials?.length ? { serials: l.serials } : {}) }));
    inSaleTerms(
      group.map((g) => g.i),
      () => returnToStock(tx, { actor: input.actor, returnId, disposition, lines } as Parameters<typeof returnToStock>[1]),
    );
  }

  const n = takeNumber(tx, { series: "credit_note", storeCode: d.storeCode, at, timeZone: d.timeZone });
  const creditNote: InvoiceDocument = {
    ...issuedDocument(d, { id: creditNoteId, kind: "credit_note", saleId: null, at, number: n }),
    unreceipted: { reason: input.reason, note: WITHOUT_ORIGINAL_INVOICE },
  };

  for (const r of d.refunds) {
    if (r.type !== "udhaar" || !phone) continue;
    bookUdhaarRefund(tx, phone, r.amount, returnId, at);
  }
  const doc: ReturnDocument = {
    id: returnId,
    saleId: null,
    storeId: d.storeId,
    createdAt: at,
    actor: input.actor,
    lines: d.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      disposition: l.disposition,
      ...(l.serials?.length ? { serials: l.serials } : {}),
    })),
    refunds: d.refunds.map((r) => ({ type: r.type, amount: r.amount, ...(r.reference ? { reference: r.reference } : {}) })),
    creditNote,
    reason: input.reason,
    customer: d.customer,
  };
  tx.run(
    "INSERT INTO pos_returns (id, sale_id, credit_note_id, credit_note_number, issued_at, document) VALUES (?, NULL, ?, ?, ?, ?)",
    returnId,
    creditNoteId,
    n.number,
    at,
    JSON.stringify(doc),
  );
  tx.emit("return.unreceipted", {
    returnId,
    creditNoteId,
    creditNoteNumber: n.number,
    issuedAt: at,
    issuedOn: n.issuedOn,
    grandTotal: creditNote.grandTotal,
    currency: creditNote.currency,
    supplyType: creditNote.supplyType,
    reason: input.reason,
    refunds: doc.refunds.map(({ type, amount }) => ({ type, amount })),
    // No lines: a summary like sale.returned (a 1,500-line return must fit a queue message); consumers re-read the document.
    customerPhone: phone,
  });
  return { return: doc };
}

/** A return of this store by id (with or without a sale). @throws Refusal not_found. */
export function loadReturn(tx: LedgerTx, returnId: string): ReturnDocument {
  const row = tx.one<{ document: string }>("SELECT document FROM pos_returns WHERE id = ?", returnId);
  if (!row) refuse("not_found", `Return ${returnId} not found in this store`);
  return JSON.parse(row.document) as ReturnDocument;
}

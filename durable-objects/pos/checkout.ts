/**
 * A sale's commit inside the store's Durable Object, in ONE transactionSync (run by the ledger's
 * runOperation): the ledger sale of the stock lines (FEFO, COGS), the udhaar credit check and
 * receivable, the invoice number, the sale and invoice records, and the outbox events
 * sale.completed and invoice.issued. A refusal anywhere (insufficient_stock, credit limit) throws
 * inside the transaction, so nothing is written and no number is consumed.
 */

import { DEFAULT_UPI_VPA, upiPayUri } from "../../src/domains/sales/upi";
import { newId } from "../../src/platform/ids";
import { commitSale } from "../ledger/sale";
import type { LedgerTx } from "../ledger/tx";
import { Refusal, refuse } from "../ledger/tx";
import { issuedDocument, type SaleDocument, type Tender } from "./documents";
import type { PosCheckoutInput } from "./inputs";
import { takeNumber } from "./series";

/**
 * Credit limit of one customer's udhaar (on-account) balance in a store, minor units: ₹10,000.
 * A placeholder until customers carry their own limit (issue 4: "up to the credit limit").
 */
export const UDHAAR_CREDIT_LIMIT_MINOR = 10_000_00;

type Parsed = { actor: string; at?: string; allowShortfall: boolean; draft: PosCheckoutInput["draft"] };

/** Outstanding udhaar of a customer (by phone) in this store, minor units. */
export function outstandingUdhaar(tx: LedgerTx, phone: string): number {
  return tx.one<{ due: number | null }>("SELECT SUM(amount) AS due FROM pos_receivables WHERE customer_phone = ?", phone)?.due ?? 0;
}

/**
 * Runs the ledger's part of a sale (or return), rewriting the "lines.K…" paths of a refusal (K =
 * index among the lines the ledger saw) to `index[K]`, the request's own line, so the client sees
 * its own line.
 */
export function inSaleTerms<T>(index: number[], body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof Refusal && e.failure.fields) {
      e.failure.fields = e.failure.fields.map((f) => ({
        ...f,
        path: f.path.replace(/^lines\.(\d+)/, (_m, k: string) => `lines.${index[Number(k)] ?? k}`),
      }));
    }
    throw e;
  }
}

/**
 * Commits a sale. `opts.saleId` and `opts.exchange` are set by an exchange (exchange.ts), which
 * names the new sale before its return is posted.
 * @returns the sale document. @throws Refusal insufficient_stock, credit_limit_exceeded, validation_failed.
 */
export function posCheckout(
  tx: LedgerTx,
  input: Parsed,
  opts: { saleId?: string; exchange?: SaleDocument["exchange"] } = {},
): { sale: SaleDocument } {
  const d = input.draft;
  const at = input.at ? new Date(input.at).toISOString() : tx.now;
  const saleId = opts.saleId ?? newId("sale");
  const invoiceId = newId("invoice");

  // Only stock lines move the ledger; `stockIdx` maps a ledger line back to its sale line for error paths.
  const stock = d.lines.flatMap((l, i) => (l.kind === "stock" ? [{ l, i }] : []));
  const stockIdx = stock.map((s) => s.i);
  const stockLines = stock.map(({ l }) => ({ sku: l.sku, qty: l.quantity, ...(l.serials?.length ? { serials: l.serials } : {}) }));
  const ledger =
    stockLines.length > 0
      ? inSaleTerms(stockIdx, () =>
          commitSale(tx, { actor: input.actor, saleId, lines: stockLines, allowShortfall: input.allowShortfall } as Parameters<
            typeof commitSale
          >[1]),
        )
      : null;

  const udhaar = d.tenders.filter((t) => t.type === "udhaar").reduce((a, t) => a + t.amount, 0);
  const phone = d.customer?.phone ?? null;
  if (udhaar > 0) {
    if (!phone)
      refuse("validation_failed", "Udhaar needs a known customer: give the customer's phone", {
        fields: [{ path: "customer.phone", message: "required for udhaar" }],
      });
    const due = outstandingUdhaar(tx, phone);
    if (due + udhaar > UDHAAR_CREDIT_LIMIT_MINOR)
      refuse(
        "credit_limit_exceeded",
        `Udhaar of ${udhaar} would take this customer's balance (${due}) past the limit of ${UDHAAR_CREDIT_LIMIT_MINOR}`,
      );
  }

  const n = takeNumber(tx, { series: "invoice", storeCode: d.storeCode, at, timeZone: d.timeZone });
  const tenders: Tender[] = d.tenders.map((t) => {
    if (t.type !== "upi") return { ...t, status: "settled" };
    const payeeVpa = t.payeeVpa ?? DEFAULT_UPI_VPA;
    const upiUri = upiPayUri({ payeeVpa, payeeName: d.supplier.name ?? "Merchant", amount: t.amount, reference: n.number });
    return { ...t, payeeVpa, upiUri, status: t.reference ? "settled" : "awaiting_confirmation" };
  });
  const invoice = issuedDocument(d, { id: invoiceId, kind: "invoice", saleId, at, number: n });

  const sale: SaleDocument = {
    id: saleId,
    storeId: d.storeId,
    status: "completed",
    createdAt: at,
    actor: input.actor,
    customer: d.customer,
    lines: d.lines,
    tenders,
    grandTotal: d.figures.grandTotal,
    changeDue: d.changeDue,
    currency: d.currency,
    invoice,
    stockEntries: ledger?.entries.length ?? 0,
    flaggedShortfall: (ledger?.flagged.length ?? 0) > 0,
    ...(opts.exchange ? { exchange: opts.exchange } : {}),
  };

  tx.run(
    "INSERT INTO pos_sales (id, invoice_id, invoice_number, fy_code, issued_at, customer_phone, grand_total, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    saleId,
    invoiceId,
    n.number,
    n.financialYear.code,
    at,
    phone,
    sale.grandTotal,
    JSON.stringify(sale),
  );
  for (const l of d.lines) {
    tx.run(
      "INSERT INTO pos_sale_lines (sale_id, line_id, sku, kind, qty) VALUES (?, ?, ?, ?, ?)",
      saleId,
      l.lineId,
      l.sku,
      l.kind,
      l.quantity,
    );
  }
  // Cash keeps only what stayed in the drawer (tendered minus change): that is what a refund may return.
  let change = d.changeDue;
  tenders.forEach((t, i) => {
    const kept = t.type === "cash" ? t.amount - Math.min(change, t.amount) : t.amount;
    if (t.type === "cash") change -= Math.min(change, t.amount);
    tx.run("INSERT INTO pos_tenders (sale_id, idx, type, amount) VALUES (?, ?, ?, ?)", saleId, i, t.type, kept);
  });
  if (udhaar > 0 && phone) {
    tx.run(
      "INSERT INTO pos_receivables (customer_phone, amount, document_type, document_id, created_at) VALUES (?, ?, 'sale', ?, ?)",
      phone,
      udhaar,
      saleId,
      at,
    );
  }

  tx.emit("sale.completed", {
    saleId,
    invoiceId,
    invoiceNumber: n.number,
    issuedAt: at,
    grandTotal: sale.grandTotal,
    currency: sale.currency,
    tenders: tenders.map((t) => ({ type: t.type, amount: t.amount, status: t.status })),
    lines: d.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    customerPhone: phone,
    flaggedShortfall: sale.flaggedShortfall,
  });
  tx.emit("invoice.issued", {
    invoiceId,
    saleId,
    kind: "invoice",
    number: n.number,
    issuedOn: n.issuedOn,
    grandTotal: sale.grandTotal,
    currency: sale.currency,
    supplyType: d.supplyType,
  });
  return { sale };
}

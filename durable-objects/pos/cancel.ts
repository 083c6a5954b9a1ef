/**
 * Cancelling an invoice, in ONE transactionSync. The invoice keeps its number and is marked
 * cancelled (issue 4: "a cancelled invoice keeps its number and is marked cancelled"; a number
 * is never reused, so the series stays gap-free: the next sale takes the next number). The stock
 * goes back to the batches the sale took (ledger returnToStock, restock), what was paid goes back
 * by the original tenders (udhaar reduces the receivable), and invoice.cancelled is written to the
 * outbox.
 *
 * Rule chosen (docs/sales.md): only on the business day of issue (the invoice's date in the
 * tenant's zone) and only while no credit note cites the invoice. After that, or once goods came
 * back, the correction is a credit note (a return), which is what GST expects once the invoice may
 * have been reported (CGST Act s. 34).
 */

import { returnToStock } from "../ledger/sale";
import type { LedgerTx } from "../ledger/tx";
import { refuse } from "../ledger/tx";
import { EXCHANGE_CREDIT, type RecordedTenderType, type SaleDocument } from "./documents";
import type { PosCancelInput } from "./inputs";
import { localDay } from "./series";

type Parsed = Omit<PosCancelInput, "idempotencyKey"> & { actor: string };

/**
 * Cancels the invoice `invoiceId` of this store and its sale.
 * @returns the sale document as cancelled (its invoice carries `status: "cancelled"` and `cancellation`).
 * @throws Refusal not_found; conflict (already cancelled, a credit note cites it, or not the day of issue).
 */
export function posCancelInvoice(tx: LedgerTx, input: Parsed): { sale: SaleDocument } {
  const row = tx.one<{ document: string }>("SELECT document FROM pos_sales WHERE invoice_id = ?", input.invoiceId);
  if (!row) refuse("not_found", `Invoice ${input.invoiceId} not found in this store`);
  const sale = JSON.parse(row.document) as SaleDocument;
  if (sale.status === "cancelled") refuse("conflict", `Invoice ${sale.invoice.number} is already cancelled`);
  const returns = tx.one<{ n: number }>("SELECT COUNT(*) AS n FROM pos_returns WHERE sale_id = ?", sale.id)?.n ?? 0;
  if (returns > 0) refuse("conflict", `Invoice ${sale.invoice.number} has credit notes citing it: take the rest back as a return instead`);
  const at = input.at ? new Date(input.at).toISOString() : tx.now;
  if (localDay(at, input.timeZone) !== sale.invoice.issuedOn)
    refuse(
      "conflict",
      `Invoice ${sale.invoice.number} was issued on ${sale.invoice.issuedOn}: only an invoice of the same business day can be cancelled; issue a credit note (return) instead`,
    );

  const stock = sale.lines.filter((l) => l.kind === "stock");
  if (stock.length > 0)
    returnToStock(tx, {
      actor: input.actor,
      // The ledger's return entries name the cancelled invoice as their document.
      returnId: sale.invoice.id,
      saleId: sale.id,
      disposition: "restock",
      lines: stock.map((l) => ({ sku: l.sku, qty: l.quantity, ...(l.serials?.length ? { serials: l.serials } : {}) })),
    } as Parameters<typeof returnToStock>[1]);
  tx.run("UPDATE pos_sale_lines SET returned_qty = qty WHERE sale_id = ?", sale.id);

  // Everything each tender kept goes back by that tender; an exchange credit goes back as store credit.
  const tenders = tx.rows<{ idx: number; type: string; amount: number; refunded: number }>(
    "SELECT idx, type, amount, refunded FROM pos_tenders WHERE sale_id = ? ORDER BY idx",
    sale.id,
  );
  const refunds: { type: RecordedTenderType; amount: number }[] = [];
  for (const t of tenders) {
    const amount = t.amount - t.refunded;
    if (amount <= 0) continue;
    refunds.push({ type: (t.type === EXCHANGE_CREDIT ? "store_credit" : t.type) as RecordedTenderType, amount });
    tx.run("UPDATE pos_tenders SET refunded = amount WHERE sale_id = ? AND idx = ?", sale.id, t.idx);
    if (t.type === "udhaar" && sale.customer?.phone)
      tx.run(
        "INSERT INTO pos_receivables (customer_phone, amount, document_type, document_id, created_at) VALUES (?, ?, 'cancellation', ?, ?)",
        sale.customer.phone,
        -amount,
        sale.invoice.id,
        at,
      );
  }

  const cancellation = { at, actor: input.actor, reason: input.reason };
  const cancelled: SaleDocument = {
    ...sale,
    status: "cancelled",
    cancelRefunds: refunds,
    invoice: { ...sale.invoice, status: "cancelled", cancellation },
  };
  tx.run("UPDATE pos_sales SET document = ? WHERE id = ?", JSON.stringify(cancelled), sale.id);
  tx.emit("invoice.cancelled", {
    invoiceId: sale.invoice.id,
    saleId: sale.id,
    number: sale.invoice.number,
    issuedOn: sale.invoice.issuedOn,
    cancelledAt: at,
    reason: input.reason,
    grandTotal: sale.grandTotal,
    currency: sale.currency,
    refunds,
  });
  return { sale: cancelled };
}

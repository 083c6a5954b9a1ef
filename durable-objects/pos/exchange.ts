/**
 * An exchange (issue 4: "a return and a new sale in one atomic step"), in ONE transactionSync:
 * the return of lines of the original sale with its credit note (returns.ts), then the new sale
 * with its invoice (checkout.ts), the credit note's value applied to the new invoice as an
 * `exchange_credit` tender. The customer's tenders settle only the difference; when the new sale
 * is the cheaper one, the rest of the credit is refunded by the original tenders (or the tender a
 * manager chooses). A refusal anywhere — the new sale would oversell, the tenders do not settle
 * the difference, a return line is beyond what was sold — throws inside the transaction, so
 * neither document is written and neither series moves.
 */

import { tenderCoverage } from "../../src/domains/sales/tenders";
import { newId } from "../../src/platform/ids";
import type { LedgerTx } from "../ledger/tx";
import { Refusal, refuse } from "../ledger/tx";
import { posCheckout } from "./checkout";
import { EXCHANGE_CREDIT, type ReturnDocument, type SaleDocument, type SaleDraft } from "./documents";
import type { PosExchangeInput } from "./inputs";
import { posReturn } from "./returns";

type Parsed = Omit<PosExchangeInput, "idempotencyKey"> & { actor: string };

/** Runs `body`, rewriting the field paths of a refusal with `path` to name the half of the request they belong to. */
function within<T>(path: (p: string) => string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof Refusal && e.failure.fields) e.failure.fields = e.failure.fields.map((f) => ({ ...f, path: path(f.path) }));
    throw e;
  }
}

/**
 * Commits an exchange. Field paths of refusals name the request's halves: `returnLines.N…` and
 * `newSale.lines.N…` / `newSale.tenders`.
 * @returns the return (its credit note) and the new sale (its invoice).
 * @throws Refusal not_found, conflict (cancelled sale), unprocessable (return beyond the sold
 *   quantity; tenders that do not settle the difference), insufficient_stock, credit_limit_exceeded.
 */
export function posExchange(tx: LedgerTx, input: Parsed): { return: ReturnDocument; sale: SaleDocument } {
  const d = input.draft;
  const saleId = newId("sale");
  const { return: ret } = within(
    (p) => p.replace(/^lines\b/, "returnLines"),
    () =>
      posReturn(
        tx,
        {
          actor: input.actor,
          at: input.at,
          saleId: input.saleId,
          timeZone: input.timeZone,
          storeCode: input.storeCode,
          lines: input.lines,
          refundTo: input.refundTo,
        },
        { saleId, total: d.figures.grandTotal },
      ),
  );
  const credit = ret.refunds.find((r) => r.type === EXCHANGE_CREDIT)?.amount ?? 0;
  const due = d.figures.grandTotal - credit;
  if (due === 0 && d.tenders.length > 0)
    refuse("unprocessable", "The credit note covers the new sale: nothing is due, so give no tenders", {
      fields: [{ path: "newSale.tenders", message: "nothing is due" }],
    });
  const cover = tenderCoverage(due, d.tenders);
  if (!cover.ok) refuse("unprocessable", cover.detail, { fields: cover.fields.map((f) => ({ ...f, path: `newSale.${f.path}` })) });
  const applied: SaleDraft["tenders"] = credit > 0 ? [{ type: EXCHANGE_CREDIT, amount: credit, reference: ret.creditNote.number }] : [];
  const tenders = [...applied, ...d.tenders];
  const { sale } = within(
    (p) => `newSale.${p}`,
    () =>
      posCheckout(
        tx,
        { actor: input.actor, at: input.at, allowShortfall: false, draft: { ...d, tenders, changeDue: cover.change } },
        { saleId, exchange: { originalSaleId: input.saleId, returnId: ret.id, creditNoteNumber: ret.creditNote.number } },
      ),
  );
  tx.emit("sale.exchanged", {
    originalSaleId: input.saleId,
    returnId: ret.id,
    creditNoteNumber: ret.creditNote.number,
    saleId,
    invoiceNumber: sale.invoice.number,
    creditApplied: credit,
    refunded: ret.creditNote.grandTotal - credit,
    due,
    currency: sale.currency,
  });
  return { return: ret, sale };
}

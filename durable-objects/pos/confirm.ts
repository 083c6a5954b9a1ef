/**
 * Confirming a UPI tender after the sale, in ONE transactionSync (run by the ledger's
 * runOperation). A UPI tender without a reference is recorded `awaiting_confirmation`
 * (checkout.ts): the sale completes, the money is on its way. This marks it `settled` with the
 * payment that paid it — named by a payment provider's signed callback (src/domains/payments) or
 * by a reference the cashier keyed — rewrites the sale document and writes `payment.confirmed`
 * to the outbox.
 *
 * Idempotent by content: a confirmation naming a payment that already settled a tender of the
 * sale answers that tender again with `changed: false`, writes nothing and emits nothing (a
 * provider redelivers a callback until it sees a 2xx).
 */

import type { LedgerTx } from "../ledger/tx";
import { refuse } from "../ledger/tx";
import type { SaleDocument, Tender } from "./documents";
import type { PosConfirmUpiInput } from "./inputs";
import { loadSale } from "./returns";

type Parsed = Omit<PosConfirmUpiInput, "idempotencyKey"> & { actor: string };

/** The answer: the sale as it now stands, the tender confirmed, and whether this call changed it. */
export interface ConfirmUpiOutcome {
  sale: SaleDocument;
  tenderIndex: number;
  changed: boolean;
}

/** The index of the UPI tender `paymentId` already settled, or -1. */
function alreadySettledBy(tenders: Tender[], paymentId: string): number {
  return tenders.findIndex((t) => t.type === "upi" && t.status === "settled" && t.confirmation?.paymentId === paymentId);
}

/** Which tender a confirmation settles. @throws Refusal not_found, unprocessable, conflict. */
function pick(sale: SaleDocument, input: Parsed): number {
  const tenders = sale.tenders;
  if (input.index !== undefined) {
    const t = tenders[input.index];
    if (!t) refuse("not_found", `Sale ${sale.id} has no tender ${input.index}`);
    if (t.type !== "upi") refuse("unprocessable", `Tender ${input.index} of sale ${sale.id} is ${t.type}, not UPI`);
    if (t.status !== "awaiting_confirmation")
      refuse("conflict", `Tender ${input.index} of sale ${sale.id} is already settled (reference ${t.reference ?? "none"})`);
    if (input.amount !== undefined && input.amount !== t.amount)
      refuse("unprocessable", `The payment is ${input.amount} but tender ${input.index} is ${t.amount} (minor units)`);
    return input.index;
  }
  const awaiting = tenders.flatMap((t, i) => (t.type === "upi" && t.status === "awaiting_confirmation" ? [i] : []));
  if (awaiting.length === 0) refuse("conflict", `No UPI tender of sale ${sale.id} (invoice ${sale.invoice.number}) awaits confirmation`);
  // Several UPI tenders of one sale share the invoice number as their reference: the amount tells them apart.
  const match = awaiting.find((i) => tenders[i]?.amount === input.amount);
  if (match === undefined) {
    const due = awaiting.map((i) => tenders[i]?.amount).join(", ");
    refuse("unprocessable", `The payment is ${input.amount} but the UPI tender awaiting confirmation is ${due} (minor units)`, {
      fields: [{ path: "amount", message: `expected ${due}` }],
    });
  }
  return match;
}

/**
 * Settles an awaiting UPI tender of `input.saleId`.
 * @returns the sale, the tender's index and `changed` (false for a repeat: nothing written).
 * @throws Refusal not_found (sale, tender), unprocessable (not UPI, amount differs),
 *   conflict (sale cancelled, tender already settled by another payment, none awaiting).
 */
export function posConfirmUpi(tx: LedgerTx, input: Parsed): ConfirmUpiOutcome {
  const sale = loadSale(tx, input.saleId);
  const repeat = alreadySettledBy(sale.tenders, input.paymentId);
  if (repeat >= 0 && (input.index === undefined || input.index === repeat)) return { sale, tenderIndex: repeat, changed: false };
  if (sale.status === "cancelled") refuse("conflict", `Invoice ${sale.invoice.number} is cancelled: its tenders were refunded`);

  const idx = pick(sale, input);
  const at = input.at ? new Date(input.at).toISOString() : tx.now;
  const tender = sale.tenders[idx] as Tender;
  const settled: Tender = {
    ...tender,
    status: "settled",
    reference: input.paymentId,
    confirmation: { via: input.via, paymentId: input.paymentId, amount: input.amount ?? tender.amount, at, actor: input.actor },
  };
  const updated: SaleDocument = { ...sale, tenders: sale.tenders.map((t, i) => (i === idx ? settled : t)) };
  tx.run("UPDATE pos_sales SET document = ? WHERE id = ?", JSON.stringify(updated), sale.id);
  tx.emit("payment.confirmed", {
    saleId: sale.id,
    invoiceId: sale.invoice.id,
    invoiceNumber: sale.invoice.number,
    tenderIndex: idx,
    type: "upi",
    amount: tender.amount,
    currency: sale.currency,
    via: input.via,
    paymentId: input.paymentId,
    confirmedAt: at,
  });
  return { sale: updated, tenderIndex: idx, changed: true };
}

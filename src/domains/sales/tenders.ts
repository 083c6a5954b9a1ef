/**
 * Tender rules of a checkout (issue 4): any mix of cash, card, UPI, store credit and udhaar; the
 * tenders must cover the total exactly, except that cash may be over-tendered and the difference
 * is given back as change. Card payments carry the terminal's reference; store credit names its
 * voucher or credit note; udhaar needs the customer's phone (the credit limit is checked in the
 * store object, which keeps the receivables).
 */
import { DomainError, type FieldError } from "../../platform/errors";
import type { CheckoutBody } from "./schemas";

/**
 * Checks the tenders against `total` (minor units).
 * @returns the change due in cash (minor units).
 * @throws DomainError unprocessable naming the failing tender fields.
 */
export function settleTenders(total: number, tenders: CheckoutBody["tenders"], customer: CheckoutBody["customer"]): number {
  checkTenderFields(tenders, customer);
  const covered = tenderCoverage(total, tenders);
  if (!covered.ok) throw new DomainError("unprocessable", covered.detail, { fields: covered.fields });
  return covered.change;
}

/**
 * The per-tender rules without the sum (an exchange's sum is checked by the store object, which
 * alone knows the credit note's value). @throws DomainError unprocessable naming the failing fields.
 */
export function checkTenderFields(tenders: CheckoutBody["tenders"], customer: CheckoutBody["customer"]): void {
  const errors: FieldError[] = [];
  tenders.forEach((t, i) => {
    if (t.type === "card" && !t.reference)
      errors.push({ path: `tenders.${i}.reference`, message: "a card payment needs the terminal's reference" });
    if (t.type === "store_credit" && !t.reference)
      errors.push({ path: `tenders.${i}.reference`, message: "name the voucher or credit note" });
    if (t.type === "udhaar" && !customer?.phone) errors.push({ path: "customer.phone", message: "udhaar needs a known customer (phone)" });
    if (t.payeeVpa && t.type !== "upi") errors.push({ path: `tenders.${i}.payeeVpa`, message: "only on a UPI tender" });
  });
  if (errors.length > 0)
    throw new DomainError("unprocessable", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { fields: errors });
}

/**
 * The sum rule alone (pure, so the store object can apply it to an exchange, whose amount due is
 * known only once the credit note is computed): tenders must reach `due` (minor units), and only
 * cash may go past it. @returns the change due in cash, or why the tenders do not settle `due`.
 */
export function tenderCoverage(
  due: number,
  tenders: readonly { type: string; amount: number }[],
): { ok: true; change: number } | { ok: false; detail: string; fields: FieldError[] } {
  const sum = tenders.reduce((a, t) => a + t.amount, 0);
  const cash = tenders.filter((t) => t.type === "cash").reduce((a, t) => a + t.amount, 0);
  const nonCash = sum - cash;
  if (sum < due)
    return {
      ok: false,
      detail: `Tenders (${sum}) are short of the total (${due})`,
      fields: [{ path: "tenders", message: `must add up to ${due}` }],
    };
  if (nonCash > due)
    return {
      ok: false,
      detail: `Non-cash tenders (${nonCash}) exceed the total (${due}); only cash may be over-tendered`,
      fields: [{ path: "tenders", message: "overpayment only in cash" }],
    };
  return { ok: true, change: sum - due };
}

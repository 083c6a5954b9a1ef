/**
 * Discounts before tax. CGST Act 2017 s.15(3)(a): the value of supply excludes a discount given
 * before or at the time of supply and recorded in the invoice, so line and bill discounts reduce
 * the amount BEFORE tax is worked out. Discounts are in the same tax terms as the prices.
 */
import { DomainError } from "../../platform/errors";
import { allocateByLargestRemainder, roundPercentOf } from "./rounding";
import type { Discount } from "./types";

/** Whole amount in bp (100 %): the most a percent discount may take. */
const FULL_BP = 10_000;

function refuse(field: string, message: string): never {
  throw new DomainError("unprocessable", `${field}: ${message}`, { fields: [{ path: field, message }] });
}

/**
 * The discount taken from `amount` (minor units): a fixed amount, or a percent rounded half up
 * (step percent_discount). @throws DomainError unprocessable when it is negative, not an integer,
 * over 100 %, or more than the amount.
 */
export function discountAmount(amount: number, discount: Discount | undefined, field: string): number {
  if (!discount) return 0;
  if (discount.kind === "percent") {
    if (!Number.isInteger(discount.rateBp) || discount.rateBp < 0 || discount.rateBp > FULL_BP)
      refuse(field, "percent discount must be 0..10000 bp");
    return roundPercentOf(amount, discount.rateBp);
  }
  if (!Number.isSafeInteger(discount.amount) || discount.amount < 0)
    refuse(field, "discount must be a non-negative integer in minor units");
  if (discount.amount > amount) refuse(field, "discount exceeds the amount");
  return discount.amount;
}

/**
 * Splits the bill discount across lines in proportion to their amounts after line discounts
 * (step bill_discount_allocation: largest remainder, so the parts sum exactly to the bill discount
 * and no line goes below zero). Returns one share per line.
 */
export function allocateBillDiscount(lineAmounts: readonly number[], discount: Discount | undefined): number[] {
  const total = lineAmounts.reduce((a, b) => a + b, 0);
  const bill = discountAmount(total, discount, "billDiscount");
  return allocateByLargestRemainder(bill, lineAmounts);
}

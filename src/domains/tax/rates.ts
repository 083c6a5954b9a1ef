/**
 * Tax rates as integers in basis points, and their exact percent form for printing.
 */
import type { Decimal } from "./decimal";

/**
 * GST rates (combined CGST+SGST, or IGST) accepted on a line, in bp. The slabs of Notification
 * 1/2017-Central Tax (Rate) and its successors (0.25 %, 3 %, 5 %, 12 %, 18 %, 28 %), the special
 * rates the NIC e-invoice schema 1.1 lists as valid GstRt values (0.1 % merchant exports,
 * 1 %, 1.5 %, 6 %, 7.5 %), and 40 % (GST Council 56th meeting, from 22 September 2025).
 * A rate outside this list is refused rather than guessed: a typo (180 for 1800) must not print.
 */
export const GST_RATE_SLABS_BP: readonly number[] = [0, 10, 25, 100, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000];

/** Highest compensation-cess ad valorem rate accepted, in bp (the cess schedule tops out at 290 %; 1000 % is a sanity cap). */
export const MAX_CESS_RATE_BP = 100_000;

/** Highest VAT / sales-tax rate accepted, in bp (100 %; a sanity cap). */
export const MAX_VAT_RATE_BP = 10_000;

/** Whether `rateBp` is an accepted GST rate. */
export function isGstRate(rateBp: number): boolean {
  return GST_RATE_SLABS_BP.includes(rateBp);
}

/**
 * The exact percent of `rateBp / parts`, trailing zeros dropped: (1800, 2) -> 9; (25, 2) -> 0.125.
 * Used to print "CGST @ 0.125 %" without a float.
 */
export function ratePercent(rateBp: number, parts = 1): Decimal {
  // percent = rateBp / (100 × parts); parts is 1 or 2, so at most 3 decimals are needed.
  let units = rateBp * 1000;
  let scale = 3;
  const den = 100 * parts;
  if (units % den !== 0) throw new RangeError("rate does not have an exact 3-decimal percent");
  units /= den;
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale--;
  }
  return { units, scale };
}

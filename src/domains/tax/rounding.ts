/**
 * Every rounding step of an invoice, each a named function (ARCHITECTURE "Money, tax, time").
 * Money is an integer in minor units (paise, pence). Intermediate products are exact bigints, so a
 * step rounds once, from the exact rational value, never from a float.
 *
 * "Half up" here is commercial rounding: a half rounds away from zero (2.5 -> 3, -2.5 -> -3).
 */
import type { Decimal } from "./decimal";

/** Basis points per whole (100% = 10,000 bp): rates are integers in bp, so 0.25% = 25 bp, 18% = 1,800 bp. */
export const BP_PER_WHOLE = 10_000n;

/** The named rounding steps, as recorded with a computed invoice. */
export const ROUNDING_STEPS = {
  line_amount: "quantity × unit price, rounded half up to the minor unit",
  percent_discount: "amount × discount rate, rounded half up to the minor unit",
  bill_discount_allocation: "bill discount split across lines in proportion to their amounts, largest remainder",
  inclusive_taxable_value: "tax-inclusive amount × 10000 / (10000 + tax rates in bp), rounded half up",
  tax_amount: "taxable value × rate, rounded half up to the minor unit, per line and per tax",
  vat_fraction: "tax-inclusive amount × rate / (10000 + rate) (the VAT fraction), rounded half up, per line",
  invoice_round_off: "invoice total rounded half up to the whole major unit (rupee), difference shown as round-off",
} as const;

/** The name of a rounding step (a key of {@link ROUNDING_STEPS}). */
export type RoundingStep = keyof typeof ROUNDING_STEPS;

/** n / d rounded half away from zero. @throws RangeError when d is 0. */
export function divideRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) return divideRoundHalfUp(-n, -d);
  const sign = n < 0n ? -1n : 1n;
  const a = n < 0n ? -n : n;
  return sign * ((2n * a + d) / (2n * d));
}

/** n / d rounded half to even (banker's rounding). Not used by the GST or VAT steps; kept for regimes that require it. */
export function divideRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) return divideRoundHalfEven(-n, -d);
  const sign = n < 0n ? -1n : 1n;
  const a = n < 0n ? -n : n;
  const q = a / d;
  const r2 = 2n * (a % d);
  const up = r2 > d || (r2 === d && q % 2n === 1n);
  return sign * (up ? q + 1n : q);
}

/** A bigint as a JS number. @throws RangeError beyond Number.MAX_SAFE_INTEGER (an amount no invoice can hold). */
export function toSafeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError("amount exceeds the safe integer range");
  return Number(v);
}

/**
 * Step `line_amount`: quantity × unit price in minor units, rounded half up.
 * @param qty the quantity (any scale); @param unitPrice price per unit in MAJOR units (any scale)
 * @param minorDigits the currency's minor-unit digits (2 for INR and GBP, ISO 4217)
 * @example roundLineAmount({units: 1250, scale: 3}, {units: 10125, scale: 3}, 2) // 1266 (12.65625 -> ₹12.66)
 */
export function roundLineAmount(qty: Decimal, unitPrice: Decimal, minorDigits: number): number {
  const n = BigInt(qty.units) * BigInt(unitPrice.units) * 10n ** BigInt(minorDigits);
  return toSafeNumber(divideRoundHalfUp(n, 10n ** BigInt(qty.scale + unitPrice.scale)));
}

/** Step `percent_discount`: `amount` (minor units) × `rateBp` / 10,000, rounded half up. */
export function roundPercentOf(amount: number, rateBp: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(amount) * BigInt(rateBp), BP_PER_WHOLE));
}

/**
 * Step `tax_amount`: `taxable` (minor units) × `rateBp` / (10,000 × `parts`), rounded half up.
 * `parts` = 2 computes one half of a combined rate (CGST or SGST at 9% of an 18% slab) without first
 * rounding the half rate itself, so 0.25% gives CGST 0.125% exactly.
 */
export function roundTaxAmount(taxable: number, rateBp: number, parts = 1): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(taxable) * BigInt(rateBp), BP_PER_WHOLE * BigInt(parts)));
}

/**
 * Step `inclusive_taxable_value`: the taxable value inside a tax-inclusive amount,
 * `inclusive × 10,000 / (10,000 + ratesBp)` rounded half up.
 * @example roundInclusiveTaxable(11800, 1800) // 10000
 */
export function roundInclusiveTaxable(inclusive: number, ratesBp: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(inclusive) * BP_PER_WHOLE, BP_PER_WHOLE + BigInt(ratesBp)));
}

/**
 * Step `vat_fraction`: the VAT inside a tax-inclusive amount, `inclusive × rateBp / (10,000 + rateBp)`
 * rounded half up (HMRC VAT Notice 700, the VAT fraction: 1/6 at 20 %, 1/21 at 5 %; rounding to
 * the nearest penny per line, VAT Notice 700 section 17).
 * @example roundVatFraction(1000, 2000) // 167 (£10.00 at 20 % holds £1.67 VAT)
 */
export function roundVatFraction(inclusive: number, rateBp: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(inclusive) * BigInt(rateBp), BP_PER_WHOLE + BigInt(rateBp)));
}

/**
 * Step `invoice_round_off`: rounds `total` (minor units) half up to a whole major unit.
 * Follows the rule CGST Act 2017 s.170 sets for amounts payable: a part of a rupee of fifty paise or
 * more is increased to one rupee, less than fifty paise is ignored. Returns the signed round-off
 * line and the grand total, with total + roundOff == grandTotal.
 * @example roundOffToMajorUnit(10049, 2) // {roundOff: -49, grandTotal: 10000}
 */
export function roundOffToMajorUnit(total: number, minorDigits: number): { roundOff: number; grandTotal: number } {
  const unit = 10n ** BigInt(minorDigits);
  const grand = toSafeNumber(divideRoundHalfUp(BigInt(total), unit) * unit);
  return { roundOff: grand - total, grandTotal: grand };
}

/**
 * Step `bill_discount_allocation`: splits `total` (minor units, ≥ 0) across `weights` (≥ 0) in
 * proportion, by the largest-remainder (Hamilton) method: each part gets floor(total × w / W), then
 * the leftover units go one each to the largest remainders, ties to the earlier line. The parts
 * always sum exactly to `total`, and a part never exceeds its weight when total ≤ W.
 * @throws RangeError when total > 0 and every weight is 0, or on a negative input.
 */
export function allocateByLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (total < 0 || weights.some((w) => w < 0)) throw new RangeError("allocation needs non-negative inputs");
  const W = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (total === 0) return weights.map(() => 0);
  if (W === 0n) throw new RangeError("cannot allocate an amount across zero weights");
  const T = BigInt(total);
  const parts = weights.map((w) => (T * BigInt(w)) / W);
  const rema = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % W }));
  let left = T - parts.reduce((a, p) => a + p, 0n);
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) {
    const idx = (rema[k] as { i: number }).i;
    parts[idx] = (parts[idx] as bigint) + 1n;
  }
  return parts.map(toSafeNumber);
}

/**
 * Price rules of the catalog. Money is an integer in minor units (paise); rates are integers in
 * basis points. Each rounding step is a named function with a test (pricing.test.ts).
 */

/** Basis points in a whole (100 % = 10,000 bp). */
export const BP_PER_WHOLE = 10_000;

/**
 * Largest price or MRP accepted, in minor units: 10,000,000,000 (₹10 crore). Keeps
 * price × rate (≤ 44,000 bp) far inside Number.MAX_SAFE_INTEGER, so integer maths stays exact.
 */
export const MAX_PRICE_MINOR = 10_000_000_000;

/**
 * Rounding step "catalog_tax_on_price": `amount` × `rateBp` / 10,000, rounded half up to the
 * minor unit. Exact for amount ≤ MAX_PRICE_MINOR (all integer arithmetic).
 * @example taxOnPrice(10_000, 1800) === 1800; taxOnPrice(5, 1800) === 1 (0.9 → 1)
 */
export function taxOnPrice(amount: number, rateBp: number): number {
  return Math.floor((amount * rateBp * 2 + BP_PER_WHOLE) / (2 * BP_PER_WHOLE));
}

/**
 * What a consumer pays for one unit at `price`: the price itself when prices include tax, else
 * price + GST + cess (each rounded by {@link taxOnPrice}). Used to compare a price with the MRP.
 */
export function consumerPrice(price: number, taxInclusive: boolean, gstRateBp: number, cessRateBp: number): number {
  return taxInclusive ? price : price + taxOnPrice(price, gstRateBp) + taxOnPrice(price, cessRateBp);
}

/**
 * Whether `price` respects the MRP: the price a consumer pays, all taxes included, must not exceed
 * the maximum retail price. Legal Metrology (Packaged Commodities) Rules 2011, rule 2(m)
 * ("retail sale price" is the maximum price, inclusive of all taxes) and rule 6(1)(e); selling
 * above it is an offence under the Legal Metrology Act 2009, s. 36. An item without MRP passes.
 */
export function withinMrp(p: {
  price: number | null;
  mrp: number | null;
  taxInclusive: boolean;
  gstRateBp: number;
  cessRateBp: number;
}): boolean {
  if (p.mrp === null || p.price === null) return true;
  return consumerPrice(p.price, p.taxInclusive, p.gstRateBp, p.cessRateBp) <= p.mrp;
}

/**
 * Digits after the decimal point in `currency`'s minor unit (INR 2, JPY 0, KWD 3), from the
 * runtime's ISO 4217 data. Falls back to 2 for a code the runtime does not know.
 */
export function currencyMinorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Parses a decimal amount in major units ("499", "499.5", "1,299.00") into minor units without
 * floats. @returns null when the text is not a non-negative amount with at most `minorDigits` decimals.
 * @example parseMajorAmount("499.50", 2) === 49950
 */
export function parseMajorAmount(text: string, minorDigits: number): number | null {
  const t = text.trim().replace(/,/g, "");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return null;
  const frac = m[2] ?? "";
  if (frac.length > minorDigits && /[^0]/.test(frac.slice(minorDigits))) return null;
  const minor = Number(m[1]) * 10 ** minorDigits + Number(frac.slice(0, minorDigits).padEnd(minorDigits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

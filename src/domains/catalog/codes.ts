/**
 * Shape rules for the codes an item carries: GS1 barcodes (GTIN-8, UPC-A, EAN-13) and Indian
 * HSN/SAC codes with their GST rates. Pure functions, no I/O, so they run in the Worker and in a
 * CSV import alike.
 */

/**
 * Lengths of the GS1 keys accepted as barcodes: GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13 (EAN-13).
 * Source: GS1 General Specifications, §3.3.2 (GTIN data structures).
 */
export const GTIN_LENGTHS = [8, 12, 13] as const;

/**
 * The GS1 standard check digit of `body` (the digits before the check digit): from the right,
 * digits are weighted 3, 1, 3, 1, …; the check digit brings the weighted sum up to a multiple of 10.
 * Source: GS1 General Specifications, §7.9.1 "Standard check digit calculations for GS1 data structures".
 * @example gs1CheckDigit("400638133393") === 1 // EAN-13 4006381333931
 */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is a GTIN-8, UPC-A or EAN-13 whose last digit is its GS1 check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^\d+$/.test(code) || !(GTIN_LENGTHS as readonly number[]).includes(code.length)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * The stored form of a barcode: a UPC-A (12 digits) becomes its EAN-13 form with a leading 0, so
 * a scanner that reports either form finds the same item (GS1 General Specifications §3.3.2: a
 * GTIN-12 right-justified in a 13-digit field is the same key). Other codes are returned as given.
 */
export function normalizeBarcode(code: string): string {
  const c = code.trim();
  return /^\d{12}$/.test(c) ? `0${c}` : c;
}

/**
 * GST rates an item may carry, in basis points (1 bp = 0.01 %): 0, 0.25 %, 3 %, 5 %, 12 %,
 * 18 %, 28 % (CGST rate schedules of Notification 1/2017-Central Tax (Rate) and its successors)
 * and 40 %, the special rate added by the rate rationalisation recommended by the 56th GST Council
 * (effective 22 September 2025), which also moved most 12 % and 28 % goods; 12 % and 28 % stay
 * accepted for items and periods still taxed at them.
 */
export const GST_RATES_BP = [0, 25, 300, 500, 1200, 1800, 2800, 4000] as const;

/** Largest compensation cess rate accepted, in basis points (400 %): the highest ad valorem cess rates are below it. */
export const MAX_CESS_RATE_BP = 40_000;

/** A percentage with at most two decimals ("18", 0.25) as basis points; null when not such a number. */
export function percentToBasisPoints(percent: number): number | null {
  if (!Number.isFinite(percent) || percent < 0) return null;
  const bp = Math.round(percent * 100);
  // Reject 0.125 and the like rather than silently rounding a rate.
  return Math.abs(bp - percent * 100) < 1e-6 ? bp : null;
}

/** Basis points as a percentage number (1800 → 18, 25 → 0.25), for output only. */
export function basisPointsToPercent(bp: number): number {
  return bp / 100;
}

/**
 * Whether `code` has the shape of an HSN code: 4, 6 or 8 digits of a goods chapter (01–98).
 * How many digits an invoice must show depends on turnover (Notification 78/2020-Central Tax:
 * 4 up to ₹5 crore, 6 above; 8 on imports/exports). Chapter 99 belongs to services (SAC).
 * Whether the code exists is checked against the master offline (see catalog README note).
 */
export function isHsnShape(code: string): boolean {
  return /^\d{4}(\d{2}){0,2}$/.test(code) && !code.startsWith("99") && !code.startsWith("00");
}

/**
 * Whether `code` has the shape of a SAC (Services Accounting Code): 6 digits starting with 99
 * (Scheme of Classification of Services, annexure to Notification 11/2017-Central Tax (Rate)).
 */
export function isSacShape(code: string): boolean {
  return /^99\d{4}$/.test(code);
}

/**
 * Text for the invoice PDFs: money and dates as printed, and a guard that keeps every character
 * inside the embedded font subset (fonts/subset.mjs). Money is integer minor units; formatting is
 * string work on the integer, never float arithmetic.
 */
import { minorUnitDigits } from "../../tax";

/**
 * Minor units as a decimal string with thousands separators: Indian grouping (lakh, crore: 12,34,567.89)
 * for INR, groups of three otherwise. Negative amounts keep a leading "-".
 * @example formatMinor(12345678, "INR") // "1,23,456.78"
 */
export function formatMinor(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError("money must be an integer of minor units");
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const s = String(Math.abs(minor)).padStart(digits + 1, "0");
  const whole = digits === 0 ? s : s.slice(0, -digits);
  const frac = digits === 0 ? "" : `.${s.slice(-digits)}`;
  return `${sign}${groupWhole(whole, currency === "INR")}${frac}`;
}

/** 1234567 → "12,34,567" (Indian: last three, then pairs) or "1,234,567". */
function groupWhole(whole: string, indian: boolean): string {
  if (whole.length <= 3) return whole;
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3);
  const size = indian ? 2 : 3;
  const groups: string[] = [];
  for (let end = rest.length; end > 0; end -= size) groups.unshift(rest.slice(Math.max(0, end - size), end));
  return `${groups.join(",")},${last3}`;
}

/** Currency signs the font subset has; other currencies print their ISO code. */
const CURRENCY_SIGNS: Record<string, string> = { INR: "\u20b9", GBP: "\u00a3", EUR: "\u20ac", USD: "$" };

/** Money with its sign: "₹1,23,456.78", "£12.50", "AED 10.00". */
export function formatMoney(minor: number, currency: string): string {
  const sign = CURRENCY_SIGNS[currency];
  const text = formatMinor(Math.abs(minor), currency);
  return `${minor < 0 ? "-" : ""}${sign ?? `${currency} `}${text}`;
}

/** "2026-11-22" → "22/11/2026" (the dd/mm/yyyy of Indian invoices and the NIC e-invoice schema). */
export function ddmmyyyy(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * `s` with every character the font cannot draw replaced by "?" and control characters by spaces,
 * so drawing never fails and never prints a blank glyph. `supported` is the font's character set
 * (PDFFont.getCharacterSet()).
 */
export function printable(s: string, supported: ReadonlySet<number>): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 63;
    out += cp < 0x20 || cp === 0x7f ? " " : supported.has(cp) ? ch : "?";
  }
  return out;
}

/**
 * Money of the replay, in integer pence, from the CSV's decimal strings — never a float.
 * The data's UnitPrice is pounds with up to 3 decimals ("2.55", "0.001", "-11062.06").
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal string as an exact fraction: units / 10^scale, as BigInts.
 * @param {string} s e.g. "2.55"
 * @returns {{ units: bigint, scale: number }}
 * @throws Error when `s` is not a plain decimal
 */
export function parseDecimal(s) {
  const m = DECIMAL.exec(String(s).trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? "";
  const units = BigInt(`${m[2]}${frac}`) * (m[1] === "-" ? -1n : 1n);
  return { units, scale: frac.length };
}

/**
 * Rounds units/10^k to an integer, half away from zero (half-up on magnitudes: 0.5p → 1p).
 * @param {bigint} units @param {number} k digits to drop (k ≥ 0)
 */
function roundHalfUp(units, k) {
  if (k <= 0) return units * 10n ** BigInt(-k);
  const d = 10n ** BigInt(k);
  const neg = units < 0n;
  const a = neg ? -units : units;
  const r = (a + d / 2n) / d;
  return neg ? -r : r;
}

/**
 * A line's amount in pence: quantity × unit price, rounded half-up to the penny
 * (the reconciliation rule). Exact: integer arithmetic on the decimal string.
 * @param {number|string} quantity an integer (negative for cancellations)
 * @param {string} price pounds as a decimal string
 * @returns {number} pence (signed)
 * @example lineAmountPence(3, "0.335") // 101 (1.005 → 1.01)
 */
export function lineAmountPence(quantity, price) {
  const { units, scale } = parseDecimal(price);
  return Number(roundHalfUp(BigInt(quantity) * units, scale - 2));
}

/**
 * A unit price in whole pence when the price has at most 2 decimals, else null (it needs the
 * sub-penny treatment: the ceiling price with a line discount, see replay.mjs).
 * @param {string} price pounds @returns {number|null}
 */
export function wholePence(price) {
  const { units, scale } = parseDecimal(price);
  if (scale <= 2) return Number(units * 10n ** BigInt(2 - scale));
  const d = 10n ** BigInt(scale - 2);
  return units % d === 0n ? Number(units / d) : null;
}

/** The ceiling of a non-negative price in pence (for sub-penny prices). @param {string} price */
export function ceilPence(price) {
  const { units, scale } = parseDecimal(price);
  if (scale <= 2) return Number(units * 10n ** BigInt(2 - scale));
  const d = 10n ** BigInt(scale - 2);
  return Number((units + d - 1n) / d);
}

/** Pence as "1,234.56" for tables. @param {number} p */
export function formatPence(p) {
  const neg = p < 0;
  const a = Math.abs(p);
  const pounds = Math.floor(a / 100).toLocaleString("en-GB");
  return `${neg ? "-" : ""}${pounds}.${String(a % 100).padStart(2, "0")}`;
}

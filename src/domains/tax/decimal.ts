/**
 * Exact decimals as scaled integers: `units / 10^scale`. Unit prices (INR 10.125, GBP 0.850) and
 * quantities (1.250 kg) carry more decimals than the currency, so they are never floats and never
 * minor units; only a named rounding step (rounding.ts) turns them into money.
 */
import { DomainError } from "../../platform/errors";

/** The most decimals a price or quantity may carry (e-invoice UnitPrice has 3, Qty 3; 6 leaves room). */
export const MAX_DECIMAL_SCALE = 6;

/** An exact decimal: value = units / 10^scale. `units` is a safe integer, `scale` 0..MAX_DECIMAL_SCALE. */
export interface Decimal {
  units: number;
  scale: number;
}

/** A quantity with its unit, e.g. {units: 1250, scale: 3, unit: "KGS"} is 1.250 kg (unit: GST UQC code or any label). */
export interface Quantity extends Decimal {
  unit: string;
}

const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal string ("10.125", "3", "0.850") keeping its scale exactly.
 * @throws DomainError unprocessable when the text is not a plain decimal or has too many decimals.
 * @example parseDecimal("10.125") // {units: 10125, scale: 3}
 */
export function parseDecimal(text: string, field = "value"): Decimal {
  const m = DECIMAL_TEXT.exec(text);
  if (!m)
    throw new DomainError("unprocessable", `${field} must be a plain decimal like 10.125`, {
      fields: [{ path: field, message: "not a decimal" }],
    });
  const frac = m[2] ?? "";
  if (frac.length > MAX_DECIMAL_SCALE) {
    throw new DomainError("unprocessable", `${field} has more than ${MAX_DECIMAL_SCALE} decimals`, {
      fields: [{ path: field, message: "too many decimals" }],
    });
  }
  const units = Number(`${m[1]}${frac}`);
  if (!Number.isSafeInteger(units))
    throw new DomainError("unprocessable", `${field} is too large`, { fields: [{ path: field, message: "too large" }] });
  return { units, scale: frac.length };
}

/** Writes a decimal with exactly its scale: {units: 1250, scale: 3} -> "1.250". */
export function formatDecimal(d: Decimal): string {
  const s = String(d.units).padStart(d.scale + 1, "0");
  return d.scale === 0 ? s : `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`;
}

/** Builds a quantity from text and a unit: quantity("1.250", "KGS"). @throws as {@link parseDecimal}. */
export function quantity(text: string, unit: string): Quantity {
  return { ...parseDecimal(text, "quantity"), unit };
}

/**
 * Checks a decimal's shape: safe non-negative integer units, integer scale in 0..MAX_DECIMAL_SCALE.
 * @throws DomainError unprocessable naming `field`.
 */
export function assertDecimal(d: Decimal, field: string): void {
  const ok = Number.isSafeInteger(d.units) && d.units >= 0 && Number.isInteger(d.scale) && d.scale >= 0 && d.scale <= MAX_DECIMAL_SCALE;
  if (!ok)
    throw new DomainError("unprocessable", `${field} is not a non-negative decimal`, {
      fields: [{ path: field, message: "invalid decimal" }],
    });
}

/** Re-expresses `d` at a larger scale exactly: rescale({units: 5, scale: 1}, 3) -> {units: 500, scale: 3}. @throws RangeError when scale shrinks. */
export function rescale(d: Decimal, scale: number): Decimal {
  if (scale < d.scale) throw new RangeError("rescale cannot drop decimals; round instead");
  return { units: d.units * 10 ** (scale - d.scale), scale };
}

/** Sums decimals exactly at the largest scale among them (0 for an empty list). */
export function sumDecimals(ds: readonly Decimal[]): Decimal {
  const scale = Math.max(0, ...ds.map((d) => d.scale));
  const units = ds.reduce((acc, d) => acc + rescale(d, scale).units, 0);
  if (!Number.isSafeInteger(units)) throw new RangeError("decimal sum exceeds safe integer range");
  return { units, scale };
}

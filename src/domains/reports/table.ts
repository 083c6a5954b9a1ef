/**
 * The shape every report answers: named columns with a type, rows of plain values, and totals that
 * are exact integer sums of the rows. JSON keeps money in integer minor units; the CSV and XLSX
 * writers format it as a decimal of major units with integer arithmetic (no float ever touches it).
 */

/** What a column holds: text, an integer count, money in minor units, or basis points. */
export type ColumnType = "text" | "int" | "money" | "bp";

/** A column of a report table. */
export interface Column {
  key: string;
  label: string;
  type: ColumnType;
}

/** A cell value. */
export type Cell = string | number | null;

/** A report table: one sheet of an export, one section of a CSV. */
export interface ReportTable {
  name: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

/**
 * Formats minor units as a decimal string of major units, exactly: 123456 with 2 digits → "1234.56",
 * −5 → "-0.05". @param digits the currency's minor-unit digits (ISO 4217 exponent).
 */
export function formatMinor(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Formats basis points as a percent string: 1234 → "12.34". */
export function formatBp(bp: number): string {
  return formatMinor(bp, 2);
}

/** A cell as export text: money and bp formatted, null empty. */
export function cellText(value: Cell, type: ColumnType, digits: number): string {
  if (value === null || value === undefined) return "";
  if (type === "money" && typeof value === "number") return formatMinor(value, digits);
  if (type === "bp" && typeof value === "number") return formatBp(value);
  return String(value);
}

/** Sums the integer columns (`int`, `money`) of rows: exact, since every value is a safe integer. */
export function sumColumns(columns: Column[], rows: Record<string, Cell>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of columns) {
    if (c.type !== "int" && c.type !== "money") continue;
    let s = 0;
    for (const r of rows) s += typeof r[c.key] === "number" ? (r[c.key] as number) : 0;
    if (!Number.isSafeInteger(s)) throw new RangeError(`sum of ${c.key} is beyond exact integers`);
    out[c.key] = s;
  }
  return out;
}

/**
 * margin ÷ base in basis points, rounded half away from zero (step "margin_bp"); null when the base
 * is 0. Integer arithmetic: amounts are minor units far below 2^53 / 10^4.
 */
export function ratioBp(part: number, base: number): number | null {
  if (base === 0) return null;
  const num = BigInt(part) * 10_000n;
  const den = BigInt(base);
  const sign = num < 0n !== den < 0n ? -1n : 1n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  return Number(sign * ((2n * n + d) / (2n * d)));
}

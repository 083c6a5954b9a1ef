/**
 * A small CSV writer (RFC 4180): fields separated by commas, records by CRLF; a field holding a
 * comma, a double quote, CR or LF is wrapped in double quotes with each inner quote doubled. Text
 * cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a
 * leading apostrophe (OWASP "CSV injection"); numbers are written as they are.
 */
import { type Cell, type ColumnType, cellText, type ReportTable } from "./table";

/** Record separator (RFC 4180 §2.1). */
export const CSV_EOL = "\r\n";

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record from field texts (no trailing separator). */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/** A cell as a CSV field: formatted by type; text neutralised against formula injection. */
export function csvCell(value: Cell, type: ColumnType, digits: number): string {
  const text = cellText(value, type, digits);
  return type === "text" && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * CSV of report tables. One table: its columns. Several (GSTR-1 sections): a leading `section`
 * column and the union of their columns, in first-seen order, each row filling its own.
 */
export function toCsv(tables: readonly ReportTable[], digits: number): string {
  const multi = tables.length > 1;
  const columns = new Map<string, { label: string; type: ColumnType }>();
  for (const t of tables) for (const c of t.columns) if (!columns.has(c.key)) columns.set(c.key, { label: c.label, type: c.type });
  const keys = [...columns.keys()];
  const lines = [csvRecord([...(multi ? ["section"] : []), ...keys.map((k) => columns.get(k)!.label)])];
  for (const t of tables) {
    const own = new Set(t.columns.map((c) => c.key));
    for (const r of t.rows) {
      const cells = keys.map((k) => (own.has(k) ? csvCell(r[k] ?? null, columns.get(k)!.type, digits) : ""));
      lines.push(csvRecord([...(multi ? [t.name] : []), ...cells]));
    }
  }
  return lines.join(CSV_EOL) + CSV_EOL;
}

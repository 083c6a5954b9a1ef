/**
 * The rules and shapes of the GSTR-1 summary (gstr1.ts): the B2CL limit by tax period, the tax
 * figures a section row carries, and the columns of each section as the form names them.
 */
import type { Column } from "./table";

/**
 * B2CL limit in paise: an inter-state B2C invoice whose value is MORE than this is reported
 * invoice-wise. ₹1,00,000 for tax periods from August 2024 (Notification No. 12/2024–Central Tax,
 * 10 July 2024, amending rule 59(4) of the CGST Rules); ₹2,50,000 before.
 */
export const B2CL_LIMIT_PAISE = 1_00_000_00;
/** The B2CL limit in force before August 2024, paise. */
export const B2CL_LIMIT_BEFORE_2024_08_PAISE = 2_50_000_00;

/** The B2CL limit of a tax period "YYYY-MM", paise. */
export function b2clLimit(period: string): number {
  return period >= "2024-08" ? B2CL_LIMIT_PAISE : B2CL_LIMIT_BEFORE_2024_08_PAISE;
}

/** Taxable value and taxes of a row, paise. */
export type Tax = { taxable: number; igst: number; cgst: number; sgst: number; cess: number };
/** Figures of one document at one rate. */
export type Rated = Tax & { doc_id: string; rate: number };

/** The summed figures of a row. */
export const TAX_KEYS = ["taxable", "igst", "cgst", "sgst", "cess"] as const;
/** A row of zeros. */
export const zero = (): Tax => ({ taxable: 0, igst: 0, cgst: 0, sgst: 0, cess: 0 });
/** a += sign × b, figure by figure. */
export function add(a: Tax, b: Tax, sign = 1): void {
  for (const k of TAX_KEYS) a[k] += sign * b[k];
}

/** Section columns (money in paise in JSON; the exports format them in rupees). */
const M = (key: string, label: string): Column => ({ key, label, type: "money" });
const T = (key: string, label: string): Column => ({ key, label, type: "text" });
const TAX_COLUMNS: Column[] = [
  { key: "rateBp", label: "Rate %", type: "bp" },
  M("taxable", "Taxable value"),
  M("igst", "IGST"),
  M("cgst", "CGST"),
  M("sgst", "SGST/UTGST"),
  M("cess", "Cess"),
];
/** Columns of each section. */
export const COLUMNS: Record<string, Column[]> = {
  b2b: [
    T("gstin", "GSTIN of recipient"),
    T("number", "Invoice number"),
    T("date", "Invoice date"),
    M("value", "Invoice value"),
    T("placeOfSupply", "Place of supply"),
    T("reverseCharge", "Reverse charge"),
    ...TAX_COLUMNS,
  ],
  b2cl: [
    T("number", "Invoice number"),
    T("date", "Invoice date"),
    M("value", "Invoice value"),
    T("placeOfSupply", "Place of supply"),
    ...TAX_COLUMNS,
  ],
  b2cs: [T("type", "Type"), T("placeOfSupply", "Place of supply"), T("nature", "Nature"), ...TAX_COLUMNS],
  cdnr: [
    T("gstin", "GSTIN of recipient"),
    T("number", "Note number"),
    T("date", "Note date"),
    T("noteType", "Note type"),
    M("value", "Note value"),
    T("placeOfSupply", "Place of supply"),
    T("originalNumber", "Original invoice"),
    T("originalDate", "Original date"),
    ...TAX_COLUMNS,
  ],
  cdnur: [
    T("urType", "UR type"),
    T("number", "Note number"),
    T("date", "Note date"),
    T("noteType", "Note type"),
    M("value", "Note value"),
    T("placeOfSupply", "Place of supply"),
    T("originalNumber", "Original invoice"),
    T("originalDate", "Original date"),
    ...TAX_COLUMNS,
  ],
  hsn: [
    T("hsn", "HSN"),
    T("supplyType", "B2B/B2C"),
    T("uqc", "UQC"),
    T("quantity", "Total quantity"),
    { key: "rateBp", label: "Rate %", type: "bp" },
    M("totalValue", "Total value"),
    M("taxable", "Taxable value"),
    M("igst", "IGST"),
    M("cgst", "CGST"),
    M("sgst", "SGST/UTGST"),
    M("cess", "Cess"),
  ],
  docs: [
    T("storeId", "Store"),
    T("kind", "Document"),
    T("first", "Sr. no. from"),
    T("last", "Sr. no. to"),
    { key: "count", label: "Total number", type: "int" },
  ],
};

/** Quantity sum of rows with units × 10^-scale, as a decimal string. */
export function quantityText(parts: { units: number; scale: number }[]): string {
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const units = parts.reduce((a, p) => a + BigInt(p.units) * 10n ** BigInt(scale - p.scale), 0n);
  if (scale === 0) return units.toString();
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(scale + 1, "0");
  return `${neg ? "-" : ""}${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/**
 * Invoice and credit-note numbers. CGST Rules 2017 rule 46(b) (tax invoice) and rule 53(1A)(b)
 * (credit note): "a consecutive serial number not exceeding sixteen characters, in one or multiple
 * series, containing alphabets or numerals or special characters hyphen or dash and slash ...
 * unique for a financial year". The NIC e-invoice schema 1.1 (DocDtls.No) adds that the first
 * character may not be 0, "/" or "-".
 *
 * Our series, one per store per financial year per document type:
 *   invoice      <storeCode>/<fy>/<seq>    e.g. BLR1/2526/42
 *   credit note  <storeCode>/C<fy>/<seq>   e.g. BLR1/C2526/7
 * The store code keeps numbers unique across the stores sharing one GSTIN; upper case only, so no
 * two numbers differ only in case. The counter itself lives in the store's Durable Object; this
 * module formats, parses and validates.
 */
import { DomainError } from "../../platform/errors";
import type { FinancialYear } from "./financial-year";

/** Longest document number: 16 characters (CGST Rules rule 46(b), rule 53(1A)(b)). */
export const MAX_DOCUMENT_NUMBER_LENGTH = 16;

/** Allowed document numbers: letters, digits, "-" and "/" (rule 46(b)), not starting with 0, "/" or "-" (NIC e-invoice schema 1.1 DocDtls.No). */
export const DOCUMENT_NUMBER_PATTERN = /^[A-Za-z1-9][A-Za-z0-9/-]{0,15}$/;

/** A store code usable in a number: 1–6 upper-case letters or digits, not starting with 0. */
export const STORE_CODE_PATTERN = /^[A-Z1-9][A-Z0-9]{0,5}$/;

/** The document series. */
export type DocumentSeries = "invoice" | "credit_note";

/** The marker that separates the credit-note series from the invoice series. */
export const SERIES_MARKER: Record<DocumentSeries, string> = { invoice: "", credit_note: "C" };

/** Whether `s` is an acceptable document number (length ≤ 16, allowed characters, allowed first character). */
export function isValidDocumentNumber(s: string): boolean {
  return s.length <= MAX_DOCUMENT_NUMBER_LENGTH && DOCUMENT_NUMBER_PATTERN.test(s);
}

function refuse(path: string, message: string): never {
  throw new DomainError("unprocessable", `${path}: ${message}`, { fields: [{ path, message }] });
}

function prefixOf(storeCode: string, fy: FinancialYear, series: DocumentSeries): string {
  if (!STORE_CODE_PATTERN.test(storeCode)) refuse("storeCode", "store code must be 1–6 upper-case letters or digits, not starting with 0");
  return `${storeCode}/${SERIES_MARKER[series]}${fy.code}/`;
}

/**
 * The largest sequence number that still fits in 16 characters for this store, year and series
 * (BLR1 invoices: 999999; BLR1 credit notes: 99999). The counter must refuse to go past it.
 */
export function maxSequence(storeCode: string, fy: FinancialYear, series: DocumentSeries): number {
  const digits = MAX_DOCUMENT_NUMBER_LENGTH - prefixOf(storeCode, fy, series).length;
  return 10 ** digits - 1;
}

/**
 * Formats a document number, e.g. formatDocumentNumber({storeCode: "BLR1", financialYear: fy2526, sequence: 42, series: "invoice"}) -> "BLR1/2526/42".
 * @throws DomainError unprocessable on a bad store code, a sequence < 1, or a number longer than 16 characters.
 */
export function formatDocumentNumber(p: {
  storeCode: string;
  financialYear: FinancialYear;
  sequence: number;
  series: DocumentSeries;
}): string {
  if (!Number.isSafeInteger(p.sequence) || p.sequence < 1) refuse("sequence", "sequence starts at 1");
  const s = `${prefixOf(p.storeCode, p.financialYear, p.series)}${p.sequence}`;
  if (s.length > MAX_DOCUMENT_NUMBER_LENGTH)
    refuse("sequence", `document number ${s} exceeds ${MAX_DOCUMENT_NUMBER_LENGTH} characters (CGST Rules rule 46(b))`);
  return s;
}

const PARSE = /^([A-Z1-9][A-Z0-9]{0,5})\/(C?)(\d{4})\/([1-9]\d*)$/;

/** Reads back a number made by {@link formatDocumentNumber}, or null when it is not one of ours. */
export function parseDocumentNumber(s: string): { storeCode: string; series: DocumentSeries; fyCode: string; sequence: number } | null {
  if (!isValidDocumentNumber(s)) return null;
  const m = PARSE.exec(s);
  if (!m) return null;
  return { storeCode: m[1] as string, series: m[2] ? "credit_note" : "invoice", fyCode: m[3] as string, sequence: Number(m[4]) };
}

/**
 * Document number series: one counter per store (this object), per series (invoice, credit_note)
 * and per financial year. The counter moves inside the caller's transactionSync, so a refused sale
 * rolls its number back: consecutive, no gap, no duplicate (CGST Rules rule 46(b), rule 53(1A)(b)).
 * The object runs one transaction at a time, so concurrency cannot interleave two increments.
 */
import {
  type DocumentSeries,
  type FinancialYear,
  financialYearOf,
  formatDocumentNumber,
  localDateIn,
  maxSequence,
} from "../../src/domains/tax";
import type { LedgerTx } from "../ledger/tx";
import { refuse } from "../ledger/tx";

/** A number taken from a series, with the date facts of the document. */
export interface IssuedNumber {
  number: string;
  sequence: number;
  financialYear: FinancialYear;
  /** YYYY-MM-DD in the tenant's zone (rule 46(c): date of issue). */
  issuedOn: string;
}

/** The local calendar date of `instant` in `timeZone`, YYYY-MM-DD. */
export function localDay(instant: string, timeZone: string): string {
  const d = localDateIn(instant, timeZone);
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/**
 * Takes the next number of `series` for the financial year of `at` in `timeZone` (restarting at 1
 * on 1 April local time). @throws Refusal unprocessable when the series is exhausted (the number
 * would pass 16 characters) or the store code cannot open a number.
 */
export function takeNumber(tx: LedgerTx, p: { series: DocumentSeries; storeCode: string; at: string; timeZone: string }): IssuedNumber {
  const fy = financialYearOf(p.at, p.timeZone);
  const row = tx.one<{ last_seq: number }>("SELECT last_seq FROM pos_series WHERE series = ? AND fy_code = ?", p.series, fy.code);
  const sequence = (row?.last_seq ?? 0) + 1;
  let max: number;
  try {
    max = maxSequence(p.storeCode, fy, p.series);
  } catch {
    refuse(
      "unprocessable",
      `Store code ${p.storeCode} cannot open a document number (1–6 capital letters or digits, not starting with 0)`,
      {
        fields: [{ path: "store.code", message: "1–6 capital letters or digits for invoice numbers" }],
      },
    );
  }
  if (sequence > max) refuse("unprocessable", `The ${p.series} series of ${fy.label} is exhausted (${max} documents)`);
  tx.run(
    `INSERT INTO pos_series (series, fy_code, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (series, fy_code) DO UPDATE SET last_seq = excluded.last_seq`,
    p.series,
    fy.code,
    sequence,
  );
  const number = formatDocumentNumber({ storeCode: p.storeCode, financialYear: fy, sequence, series: p.series });
  return { number, sequence, financialYear: fy, issuedOn: localDay(p.at, p.timeZone) };
}

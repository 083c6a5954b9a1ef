/**
 * Financial years: April to March (General Clauses Act 1897 s.3(21): "financial year" is the year
 * commencing on the first day of April), counted on the calendar of the tenant's time zone, so a
 * sale at 00:10 IST on 1 April (18:40 UTC on 31 March) belongs to the new year. Invoice numbers
 * are unique per financial year (CGST Rules rule 46(b)).
 */
import { DomainError } from "../../platform/errors";

/** Month the financial year starts (April = 4). */
export const FINANCIAL_YEAR_START_MONTH = 4;

/** A financial year, e.g. 2025-26: 1 April 2025 to 31 March 2026 (dates local to the tenant). */
export interface FinancialYear {
  startYear: number;
  /** "2025-26". */
  label: string;
  /** "2526": the short form used inside document numbers. */
  code: string;
  /** "2025-04-01". */
  startsOn: string;
  /** "2026-03-31". */
  endsOn: string;
}

/** A calendar date in some time zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** calendarDateFormat's cache: IANA time zone → formatter. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * One Gregorian year-month-day formatter per time zone, kept for the isolate's life: building an
 * Intl.DateTimeFormat costs far more than using one, and a busy store formats every sale's date.
 * @throws DomainError unprocessable for an unknown time zone.
 */
function calendarDateFormat(timeZone: string): Intl.DateTimeFormat {
  let f = DATE_FORMATS.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      calendar: "gregory",
      numberingSystem: "latn",
    });
  } catch {
    throw new DomainError("unprocessable", `unknown time zone ${timeZone}`, {
      fields: [{ path: "timeZone", message: "unknown time zone" }],
    });
  }
  DATE_FORMATS.set(timeZone, f);
  return f;
}

/**
 * The calendar date of `instant` in `timeZone` (IANA name, e.g. "Asia/Kolkata"), via Intl.
 * @throws DomainError unprocessable on an unknown time zone or an invalid instant.
 */
export function localDateIn(instant: Date | string, timeZone: string): LocalDate {
  const at = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime()))
    throw new DomainError("unprocessable", "not a valid instant", { fields: [{ path: "instant", message: "invalid date" }] });
  const parts = calendarDateFormat(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** The financial year that starts in April of `startYear`. */
export function financialYearStarting(startYear: number): FinancialYear {
  if (!Number.isInteger(startYear) || startYear < 2000 || startYear > 2098) throw new RangeError("financial year out of range");
  const end = startYear + 1;
  const yy = (y: number) => String(y % 100).padStart(2, "0");
  return {
    startYear,
    label: `${startYear}-${yy(end)}`,
    code: `${yy(startYear)}${yy(end)}`,
    startsOn: `${startYear}-04-01`,
    endsOn: `${end}-03-31`,
  };
}

/**
 * The financial year of an instant, on the calendar of `timeZone`.
 * @example financialYearOf("2026-03-31T18:30:00Z", "Asia/Kolkata").label // "2026-27" (00:00 IST on 1 April)
 * @throws DomainError unprocessable on an unknown time zone.
 */
export function financialYearOf(instant: Date | string, timeZone: string): FinancialYear {
  const d = localDateIn(instant, timeZone);
  return financialYearStarting(d.month >= FINANCIAL_YEAR_START_MONTH ? d.year : d.year - 1);
}

/**
 * GSTIN (Goods and Services Tax Identification Number) format and check digit.
 *
 * Shape (CBIC/GSTN): 2-digit state code, 10-character PAN (5 letters, 4 digits, 1 letter),
 * 1 entity number (1–9 or A–Z), the letter Z (default), 1 check character.
 * Check character: GSTN's mod-36 scheme (Luhn mod N algorithm over the 36-character alphabet
 * 0–9A–Z, ISO/IEC 7064 family), as published by GSTN for GSTIN validation: for each of the first
 * 14 characters, value × factor (factor alternating 1, 2 from the left), product split as
 * quotient + remainder of 36 and summed; check = (36 − sum mod 36) mod 36.
 */
import { isGstStateCode, OTHER_COUNTRIES_STATE_CODE } from "./states";

/** The alphabet of GSTIN characters and of the mod-36 check: digits then upper-case letters (36). */
export const GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Length of a GSTIN (15). */
export const GSTIN_LENGTH = 15;
const GSTIN_SHAPE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/** The mod-36 check character of the first 14 characters of a GSTIN. @throws RangeError on a character outside the alphabet. */
export function gstinCheckCharacter(first14: string): string {
  const n = GSTIN_ALPHABET.length;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const v = GSTIN_ALPHABET.indexOf(first14[i] ?? "");
    if (v < 0) throw new RangeError(`GSTIN character outside 0-9A-Z at ${i}`);
    const product = v * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / n) + (product % n);
  }
  return GSTIN_ALPHABET[(n - (sum % n)) % n] as string;
}

/** Whether `gstin` has the GSTIN shape and a correct check character (upper case expected). */
export function isValidGstin(gstin: string): boolean {
  if (gstin.length !== GSTIN_LENGTH || !GSTIN_SHAPE.test(gstin)) return false;
  return gstinCheckCharacter(gstin.slice(0, 14)) === gstin[14];
}

/** The two-digit GST state code a GSTIN opens with ("27" for Maharashtra). */
export function gstinStateCode(gstin: string): string {
  return gstin.slice(0, 2);
}

/** Why a GSTIN was refused: its shape, its check character, or a state code outside the GSTN list. */
export type GstinProblem = "format" | "check_digit" | "state_code";

/** The parts of a valid GSTIN. */
export interface GstinParts {
  gstin: string;
  stateCode: string;
  /** The holder's PAN (characters 3–12). */
  pan: string;
  /** Registration number of the PAN holder within the state (character 13). */
  entityNumber: string;
}

/**
 * Checks a GSTIN as typed by a person: trims and upper-cases it, then checks the shape, the mod-36
 * check character ({@link gstinCheckCharacter}) and that the state code is in the GSTN list (96,
 * "other countries", is a place-of-supply code only and never opens a GSTIN).
 * Covers the regular-taxpayer shape (PAN based); UIN, NRTP and TDS/TCS registrations differ in
 * characters 3–14 and are refused as "format".
 */
export function checkGstin(raw: string): ({ ok: true } & GstinParts) | { ok: false; problem: GstinProblem } {
  const gstin = raw.trim().toUpperCase();
  if (gstin.length !== GSTIN_LENGTH || !GSTIN_SHAPE.test(gstin)) return { ok: false, problem: "format" };
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin[14]) return { ok: false, problem: "check_digit" };
  const stateCode = gstinStateCode(gstin);
  if (!isGstStateCode(stateCode) || stateCode === OTHER_COUNTRIES_STATE_CODE) return { ok: false, problem: "state_code" };
  return { ok: true, gstin, stateCode, pan: gstin.slice(2, 12), entityNumber: gstin.slice(12, 13) };
}

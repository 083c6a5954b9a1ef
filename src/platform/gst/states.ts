/**
 * Look-ups over the GST state codes ({@link GST_STATES}, generated from the GSTN list) and the one
 * legal fact the table does not carry: which Union Territories levy UTGST instead of SGST.
 */
import { GST_STATES, type GstState } from "./state-codes";

const BY_CODE: ReadonlyMap<string, GstState> = new Map(GST_STATES.map((s) => [s.code, s]));

/** The state code for supplies outside India (exports), used as place of supply (e-invoice Pos "96"). */
export const OTHER_COUNTRIES_STATE_CODE = "96";
/** The "Centre Jurisdiction" code: appears in some GSTINs, never a place of supply. */
export const CENTRE_JURISDICTION_STATE_CODE = "99";

/**
 * Union Territories WITHOUT a legislature, where intra-state supplies carry UTGST instead of SGST.
 * Source: CGST Act 2017 s.2(114) ("Union territory": Andaman and Nicobar Islands 35, Lakshadweep 31,
 * Dadra and Nagar Haveli and Daman and Diu 26 (legacy Daman and Diu 25), Ladakh 38, Chandigarh 04,
 * other territory 97) and UTGST Act 2017 s.7. Delhi 07, Puducherry 34 and Jammu and Kashmir 01 have
 * legislatures, so they are "States" for GST (CGST Act s.2(103)) and levy SGST.
 */
export const UTGST_STATE_CODES: ReadonlySet<string> = new Set(["04", "25", "26", "31", "35", "38", "97"]);

/** The state with this two-digit code, or undefined. */
export function gstState(code: string): GstState | undefined {
  return BY_CODE.get(code);
}

/** Whether `code` is a GST state code in the GSTN list (active or legacy). */
export function isGstStateCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The levy that pairs with CGST on an intra-state supply in this state: "UTGST" in a UT without legislature, else "SGST". */
export function stateLevyFor(code: string): "SGST" | "UTGST" {
  return UTGST_STATE_CODES.has(code) ? "UTGST" : "SGST";
}

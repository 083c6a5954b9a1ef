/**
 * GST place of supply and the intra/inter-state decision, for goods sold by a store.
 */
import { DomainError } from "../../platform/errors";
import { CENTRE_JURISDICTION_STATE_CODE, isGstStateCode, OTHER_COUNTRIES_STATE_CODE, stateLevyFor } from "../../platform/gst/states";
import type { GstContext, GstSupply } from "./types";

/**
 * The place of supply of goods (IGST Act 2017 s.10(1)):
 * - delivered (s.10(1)(a), movement of goods): the state where the movement ends, the ship-to state;
 * - over the counter (s.10(1)(c), no movement by the supplier): where the goods are on delivery, the store's state.
 * Bill-to/ship-to on a third person's order (s.10(1)(b)) is not modelled.
 */
export function placeOfSupply(ctx: GstContext): string {
  return ctx.supply.kind === "delivery" ? ctx.supply.shipToStateCode : ctx.storeStateCode;
}

function assertState(code: string, field: string, allowExport: boolean): void {
  const ok = isGstStateCode(code) && code !== CENTRE_JURISDICTION_STATE_CODE && (allowExport || code !== OTHER_COUNTRIES_STATE_CODE);
  if (!ok)
    throw new DomainError("unprocessable", `${field} is not a GST state code usable here`, {
      fields: [{ path: field, message: "invalid state code" }],
    });
}

/**
 * Decides the GST levy for a supply: intra-state (same state or UT for supplier and place of supply,
 * IGST Act s.8(1)) -> CGST + SGST, or UTGST in a Union Territory without legislature; otherwise
 * inter-state (IGST Act s.7(1)) -> IGST. Exports (place of supply 96) and supplies to an SEZ are
 * inter-state (IGST Act s.7(5)).
 * @throws DomainError unprocessable on an unknown state code, 99 anywhere, or 96 as the supplier's state.
 */
export function resolveGstSupply(ctx: GstContext): GstSupply {
  assertState(ctx.supplierStateCode, "gst.supplierStateCode", false);
  assertState(ctx.storeStateCode, "gst.storeStateCode", false);
  const pos = placeOfSupply(ctx);
  assertState(pos, ctx.supply.kind === "delivery" ? "gst.supply.shipToStateCode" : "gst.storeStateCode", true);
  const inter = pos !== ctx.supplierStateCode || pos === OTHER_COUNTRIES_STATE_CODE || ctx.recipientIsSez === true;
  return {
    supplierStateCode: ctx.supplierStateCode,
    placeOfSupply: pos,
    nature: inter ? "inter" : "intra",
    stateLevy: stateLevyFor(pos),
  };
}

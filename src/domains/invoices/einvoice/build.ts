/**
 * The NIC e-invoice JSON (IRP schema version 1.1) of a B2B tax invoice or credit note: the
 * document a GST-registered supplier reports to the Invoice Registration Portal. Pure: the caller
 * supplies the seller's structured address. Field rules follow the published schema 1.1 (see
 * schema.json beside this file, which the tests validate every output against).
 */
import type { InvoiceDocument } from "../../../../durable-objects/pos/documents";
import { DomainError } from "../../../platform/errors";
import { type ComputedLine, formatDecimal, MAX_INVOICE_LINES, type TaxKind } from "../../tax";
import { ddmmyyyy } from "../pdf/text";
import { decimal3, ratePercentNumber, rupees, unitRupees } from "./amounts";
import { isUqc } from "./uqc";

/** Schema version written in `Version`. */
export const EINVOICE_SCHEMA_VERSION: "1.1" = "1.1";
/** DocDtls.No rule of schema 1.1: 1–16 characters, first not 0, "/" or "-". */
export const EINVOICE_DOC_NO_PATTERN = /^([A-Z1-9]{1}[A-Z0-9/-]{0,15})$/;
/** A six-digit Indian PIN code, first digit not 0 (India Post). */
export const PIN_PATTERN = /\b([1-9][0-9]{5})\b/g;
/** HSN chapter 99 is the Services Accounting Code (SAC) range: a line with it is a service (IsServc "Y"). */
export const SAC_CHAPTER = "99";
/** Longest address line (Addr1, Addr2) and location (Loc) the schema takes. */
const ADDR_MAX = 100;
const LOC_MAX = 50;

/** A postal address as the schema splits it. */
export interface PostalAddress {
  addr1: string;
  addr2?: string;
  loc: string;
  pin: number;
}

const refuse = (path: string, message: string): never => {
  throw new DomainError("unprocessable", `e-invoice: ${path}: ${message}`, { fields: [{ path, message }] });
};

/**
 * Splits a one-line address ("12 Residency Road, Bengaluru 560025, IN") into the schema's parts: the
 * last six-digit PIN, the location (the last part naming a place) and the address line.
 * @throws DomainError unprocessable when there is no PIN or no location.
 */
export function parseAddress(text: string, path: string): PostalAddress {
  const pins = [...text.matchAll(PIN_PATTERN)];
  const pin = pins.at(-1)?.[1];
  if (!pin) return refuse(path, "the address needs a six-digit PIN code for the e-invoice");
  const parts = text
    .replace(PIN_PATTERN, "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^(IN|India)$/i.test(s));
  const loc = parts.length > 1 ? (parts.pop() as string) : parts[0];
  if (!loc || loc.length < 3) return refuse(path, "the address needs a town or city for the e-invoice");
  const addr1 = (parts.join(", ") || loc).slice(0, ADDR_MAX);
  return { addr1: addr1.length >= 1 ? addr1 : loc, loc: loc.slice(0, LOC_MAX), pin: Number(pin) };
}

const sum = (l: ComputedLine, kinds: TaxKind[]) => l.taxes.filter((t) => kinds.includes(t.kind)).reduce((a, t) => a + t.amount, 0);

/** One ItemList entry. Tax-inclusive lines are restated exclusive: UnitPrice = taxable value / quantity (3 decimals). */
function item(l: ComputedLine, i: number) {
  const exclusive = l.netAmount === l.taxableValue;
  const cess = l.taxes.find((t) => t.kind === "CESS");
  if (!l.hsn) refuse(`lines.${i}.hsn`, "an e-invoice line needs an HSN/SAC code");
  return {
    SlNo: String(i + 1),
    PrdDesc: l.description,
    IsServc: l.hsn?.startsWith(SAC_CHAPTER) ? "Y" : "N",
    HsnCd: l.hsn,
    Qty: decimal3(l.quantity),
    Unit: isUqc(l.quantity.unit) ? l.quantity.unit : "OTH",
    UnitPrice: exclusive ? decimal3(l.unitPrice) : unitRupees(l.taxableValue, l.quantity),
    TotAmt: rupees(exclusive ? l.grossAmount : l.taxableValue),
    Discount: rupees(exclusive ? l.lineDiscount + l.billDiscount : 0),
    AssAmt: rupees(l.taxableValue),
    GstRt: ratePercentNumber(l.taxRateBp),
    IgstAmt: rupees(sum(l, ["IGST"])),
    CgstAmt: rupees(sum(l, ["CGST"])),
    // The schema has one state-tax field: SGST, or UTGST in a Union Territory without legislature.
    SgstAmt: rupees(sum(l, ["SGST", "UTGST"])),
    CesRt: cess?.ratePercent ? Number(formatDecimal(cess.ratePercent)) : 0,
    CesAmt: rupees(sum(l, ["CESS"])),
    CesNonAdvlAmt: rupees(sum(l, ["CESS_SPECIFIC"])),
    TotItemVal: rupees(l.lineTotal),
  };
}

/** The e-invoice JSON object. */
export type EInvoice = ReturnType<typeof buildEInvoice>;

/**
 * Builds the e-invoice of a B2B GST invoice (DocDtls.Typ "INV") or credit note ("CRN").
 * @param seller the supplier's address (the store's), split as the schema wants
 * @throws DomainError unprocessable: not a B2B GST document, a number the schema refuses, more
 *   than MAX_INVOICE_LINES items, a buyer address without PIN or town, a line without HSN.
 */
export function buildEInvoice(inv: InvoiceDocument, seller: PostalAddress) {
  if (inv.regime !== "gst" || inv.supplyType !== "b2b" || !inv.recipient?.gstin) {
    refuse("supplyType", "e-invoices are made for B2B GST invoices only (this one is not to a registered buyer)");
  }
  if (!EINVOICE_DOC_NO_PATTERN.test(inv.number)) refuse("number", "the invoice number does not fit the e-invoice DocDtls.No rule");
  if (inv.lines.length > MAX_INVOICE_LINES) refuse("lines", `an e-invoice holds at most ${MAX_INVOICE_LINES} items (ItemList)`);
  const r = inv.recipient as NonNullable<InvoiceDocument["recipient"]>;
  const s = inv.supplier;
  if (!s.gstin || !s.stateCode || !s.name) return refuse("supplier", "the supplier needs a name, GSTIN and state");
  if (!r.name) return refuse("recipient.name", "the buyer needs a legal name");
  const buyer = parseAddress(r.address ?? "", "recipient.address");
  const k = inv.totals.taxByKind;
  return {
    Version: EINVOICE_SCHEMA_VERSION,
    TranDtls: { TaxSch: "GST", SupTyp: "B2B", RegRev: inv.reverseCharge, IgstOnIntra: "N" },
    DocDtls: { Typ: inv.kind === "credit_note" ? "CRN" : "INV", No: inv.number, Dt: ddmmyyyy(inv.issuedOn) },
    SellerDtls: {
      Gstin: s.gstin,
      LglNm: s.name,
      Addr1: seller.addr1.slice(0, ADDR_MAX),
      ...(seller.addr2 ? { Addr2: seller.addr2.slice(0, ADDR_MAX) } : {}),
      Loc: seller.loc.slice(0, LOC_MAX),
      Pin: seller.pin,
      Stcd: s.stateCode,
    },
    BuyerDtls: {
      Gstin: r.gstin as string,
      LglNm: r.name,
      Pos: inv.placeOfSupply?.stateCode ?? (r.stateCode as string),
      Addr1: buyer.addr1,
      Loc: buyer.loc,
      Pin: buyer.pin,
      Stcd: (r.gstin as string).slice(0, 2),
      ...(r.phone ? { Ph: r.phone.replace(/\D/g, "").slice(-12) } : {}),
    },
    ItemList: inv.lines.map(item),
    ValDtls: {
      AssVal: rupees(inv.totals.taxableValue),
      CgstVal: rupees(k.CGST ?? 0),
      SgstVal: rupees((k.SGST ?? 0) + (k.UTGST ?? 0)),
      IgstVal: rupees(k.IGST ?? 0),
      CesVal: rupees((k.CESS ?? 0) + (k.CESS_SPECIFIC ?? 0)),
      Discount: 0,
      RndOffAmt: rupees(inv.roundOff),
      TotInvVal: rupees(inv.grandTotal),
    },
  };
}

/**
 * What both PDF layouts print, derived from an invoice document: the title, parties, place of
 * supply and per-line tax text (CGST Rules 2017, rule 46; rule 53 for credit notes).
 */
import type { InvoiceDocument, Party } from "../../../../durable-objects/pos/documents";
import { formatDecimal, type TaxAmount, type TaxKind } from "../../tax";
import { ddmmyyyy, formatMinor } from "./text";

/** The document title: rule 46 "Tax Invoice", rule 53 "Credit Note"; "Invoice" outside GST/VAT. */
export function documentTitle(inv: InvoiceDocument): string {
  if (inv.kind === "credit_note") return "CREDIT NOTE";
  return inv.regime === "none" ? "INVOICE" : inv.regime === "vat" ? "VAT INVOICE" : "TAX INVOICE";
}

/** Printed names of the tax kinds. */
const TAX_LABEL: Record<TaxKind, string> = {
  CGST: "CGST",
  SGST: "SGST",
  UTGST: "UTGST",
  IGST: "IGST",
  CESS: "Cess",
  CESS_SPECIFIC: "Cess",
  VAT: "VAT",
};

/** "CGST 9% 26.95" or "Cess 12.00" (specific cess has no rate). */
export function taxText(t: TaxAmount, currency: string): string {
  const rate = t.ratePercent ? ` ${formatDecimal(t.ratePercent)}%` : "";
  return `${TAX_LABEL[t.kind]}${rate} ${formatMinor(t.amount, currency)}`;
}

/** Place of supply as printed: "Maharashtra (27)". Null outside GST. */
export function placeOfSupplyText(inv: InvoiceDocument): string | null {
  const p = inv.placeOfSupply;
  if (!p) return null;
  return p.stateName ? `${p.stateName} (${p.stateCode})` : p.stateCode;
}

/** Lines of a party block: name, address, GSTIN, state code. */
export function partyLines(p: Party | null, opts: { gst: boolean }): string[] {
  if (!p) return [];
  const out: string[] = [];
  if (p.name) out.push(p.name);
  if (p.address) out.push(p.address);
  if (opts.gst) out.push(p.gstin ? `GSTIN: ${p.gstin}` : "Unregistered (no GSTIN)");
  if (opts.gst && p.stateCode) out.push(`State code: ${p.stateCode}`);
  if (p.phone) out.push(`Phone: ${p.phone}`);
  return out;
}

/** The recipient block: a registered buyer, an unregistered one with details, or a walk-in customer (rule 46(d), (e)). */
export function recipientLines(inv: InvoiceDocument): string[] {
  const gst = inv.regime === "gst";
  const lines = partyLines(inv.recipient, { gst });
  return lines.length > 0 ? lines : [gst ? "Walk-in customer (unregistered)" : "Walk-in customer"];
}

/** Invoice particulars as label/value pairs: number, date, place of supply, reverse charge, cited invoice (or why there is none). */
export function headerFacts(inv: InvoiceDocument): [string, string][] {
  const facts: [string, string][] = [
    [inv.kind === "credit_note" ? "Credit note no." : "Invoice no.", inv.number],
    ["Date", ddmmyyyy(inv.issuedOn)],
  ];
  const pos = placeOfSupplyText(inv);
  if (pos) facts.push(["Place of supply", pos]);
  if (inv.regime === "gst") facts.push(["Reverse charge", inv.reverseCharge]);
  if (inv.original) facts.push(["Against invoice", `${inv.original.number} dated ${ddmmyyyy(inv.original.issuedOn)}`]);
  // A return without a receipt has no invoice to cite (rule 53(1A)(g)): the note says so and why.
  else if (inv.unreceipted) facts.push(["Against invoice", inv.unreceipted.note], ["Reason", inv.unreceipted.reason]);
  if (inv.status === "cancelled") facts.push(["Status", "CANCELLED"]);
  return facts;
}

/** Totals rows: taxable value, each tax kind charged, round-off (always shown under GST, rule-named step invoice_round_off). */
export function totalRows(inv: InvoiceDocument): [string, number][] {
  const rows: [string, number][] = [["Taxable value", inv.totals.taxableValue]];
  const discount = inv.totals.lineDiscount + inv.totals.billDiscount;
  if (discount > 0) rows.unshift(["Discount", -discount]);
  const byKind = inv.totals.taxByKind;
  const cess = (byKind.CESS ?? 0) + (byKind.CESS_SPECIFIC ?? 0);
  for (const k of ["CGST", "SGST", "UTGST", "IGST", "VAT"] as const) if ((byKind[k] ?? 0) !== 0) rows.push([TAX_LABEL[k], byKind[k]]);
  if (cess !== 0) rows.push(["Cess", cess]);
  if (inv.roundOff !== 0 || inv.regime === "gst") rows.push(["Round off", inv.roundOff]);
  return rows;
}

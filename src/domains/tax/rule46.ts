/**
 * CGST Rules 2017, rule 46: the particulars a tax invoice must carry. The engine computes the
 * figures (clauses (j)–(m)); this checks that the invoice as issued has the rest, so the POS can
 * refuse to issue an incomplete one and the PDF/e-invoice writers can rely on the fields.
 */
import type { FieldError } from "../../platform/errors";
import { checkGstin } from "../../platform/gst/gstin";
import { isValidDocumentNumber } from "./document-number";
import type { ComputedInvoice } from "./types";

/** Rule 46(e): an unregistered recipient's name, address and state are required when the taxable value is ₹50,000 or more (in paise). */
export const UNREGISTERED_RECIPIENT_DETAILS_FROM_PAISE = 50_000_00;

/** Notification 78/2020-Central Tax: HSN digits required on an invoice by aggregate turnover (AATO) and buyer type. */
export const HSN_DIGITS_REQUIRED = { aatoAbove5Crore: 6, b2bUpTo5Crore: 4, b2cUpTo5Crore: 0 } as const;

/** A party on the invoice. */
export interface InvoiceParty {
  name?: string;
  address?: string;
  gstin?: string;
  /** Two-digit GST state code (rule 46(e): state name and code of an unregistered recipient). */
  stateCode?: string;
}

/** What an issued GST invoice holds besides the computed figures. */
export interface InvoiceParticulars {
  supplier: InvoiceParty;
  /** Rule 46(b). */
  number: string;
  /** Rule 46(c): date of issue, "YYYY-MM-DD" in the tenant's zone. */
  issuedOn: string;
  recipient?: InvoiceParty;
  /** Rule 46(o): address of delivery when different from the place of supply. */
  deliveryAddress?: string;
  /** Rule 46(p): whether tax is payable on reverse charge. */
  reverseCharge: boolean;
  /** The supplier's aggregate annual turnover is above ₹5 crore (decides HSN digits). */
  aatoAbove5Crore: boolean;
  invoice: ComputedInvoice;
}

const blank = (s: string | undefined) => !s || s.trim() === "";

/**
 * The rule 46 particulars missing or wrong on an invoice, each as {path, message} naming the clause;
 * an empty list means the invoice may be issued. (Clause (q), the signature, is not checked: an
 * electronic invoice needs none under its proviso.)
 */
export function missingRule46Particulars(p: InvoiceParticulars): FieldError[] {
  const out: FieldError[] = [];
  const miss = (path: string, message: string) => out.push({ path, message });
  if (p.invoice.regime !== "gst" || !p.invoice.supply) miss("invoice", "not a GST invoice");
  // (a) supplier name, address, GSTIN (and the GSTIN's state is where the supply is made from)
  if (blank(p.supplier.name)) miss("supplier.name", "rule 46(a): supplier name");
  if (blank(p.supplier.address)) miss("supplier.address", "rule 46(a): supplier address");
  const sg = checkGstin(p.supplier.gstin ?? "");
  if (!sg.ok) miss("supplier.gstin", `rule 46(a): supplier GSTIN (${sg.problem})`);
  else if (p.invoice.supply && sg.stateCode !== p.invoice.supply.supplierStateCode)
    miss("supplier.gstin", "rule 46(a): GSTIN state differs from the supplier state used for tax");
  // (b), (c)
  if (!isValidDocumentNumber(p.number)) miss("number", "rule 46(b): at most 16 letters, digits, - or /");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.issuedOn)) miss("issuedOn", "rule 46(c): date of issue");
  // (d) registered recipient, (e) unregistered at ₹50,000 or more
  const r = p.recipient ?? {};
  const registered = !blank(r.gstin);
  if (registered) {
    const rg = checkGstin(r.gstin ?? "");
    if (!rg.ok) miss("recipient.gstin", `rule 46(d): recipient GSTIN (${rg.problem})`);
    if (blank(r.name)) miss("recipient.name", "rule 46(d): recipient name");
    if (blank(r.address)) miss("recipient.address", "rule 46(d): recipient address");
  } else if (p.invoice.totals.taxableValue >= UNREGISTERED_RECIPIENT_DETAILS_FROM_PAISE) {
    if (blank(r.name)) miss("recipient.name", "rule 46(e): name of an unregistered recipient at ₹50,000 or more");
    if (blank(r.address)) miss("recipient.address", "rule 46(e): address of an unregistered recipient at ₹50,000 or more");
    if (blank(r.stateCode)) miss("recipient.stateCode", "rule 46(e): state of an unregistered recipient at ₹50,000 or more");
  }
  // (g) HSN digits by turnover; (h) description; (i) quantity and unit
  const digits = p.aatoAbove5Crore
    ? HSN_DIGITS_REQUIRED.aatoAbove5Crore
    : registered
      ? HSN_DIGITS_REQUIRED.b2bUpTo5Crore
      : HSN_DIGITS_REQUIRED.b2cUpTo5Crore;
  p.invoice.lines.forEach((l, i) => {
    if (digits > 0 && (l.hsn === null || l.hsn.length < digits)) miss(`lines[${i}].hsn`, `rule 46(g): HSN of at least ${digits} digits`);
    if (blank(l.description)) miss(`lines[${i}].description`, "rule 46(h): description");
    if (blank(l.quantity.unit)) miss(`lines[${i}].quantity.unit`, "rule 46(i): unit of quantity");
  });
  return out;
}

/**
 * The tax and invoice-math core (pure, no bindings). Import from here.
 */
export * from "./decimal";
export * from "./document-number";
export * from "./financial-year";
export { placeOfSupply, resolveGstSupply } from "./place-of-supply";
export * from "./rates";
export * from "./rounding";
export * from "./rule46";
export * from "./strategy";
export { hsnSummary, invoiceTotals, taxBreakdown, taxOf } from "./summary";
export * from "./types";
export { HSN_PATTERN, MAX_INVOICE_LINES, minorUnitDigits } from "./validate";
export { UK_VAT_RATES_BP } from "./vat";
export * from "./words";

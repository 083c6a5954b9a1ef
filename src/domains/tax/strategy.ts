/**
 * One interface for every tax regime, chosen per tenant: GST (India), VAT/sales tax, or none.
 */
import { DomainError } from "../../platform/errors";
import { gstLineTaxer } from "./gst";
import { runInvoicePipeline } from "./invoice";
import { resolveGstSupply } from "./place-of-supply";
import type { ComputedInvoice, InvoiceContext, InvoiceLineInput, TaxRegime } from "./types";
import { noTaxLineTaxer, vatLineTaxer } from "./vat";

/** A tenant's tax strategy. computeInvoice is pure and deterministic. */
export interface TaxStrategy {
  readonly regime: TaxRegime;
  /**
   * Computes an invoice from priced lines. Amounts in minor units of ctx.currency.
   * @throws DomainError unprocessable on invalid input, naming the field.
   */
  computeInvoice(lines: readonly InvoiceLineInput[], ctx: InvoiceContext): ComputedInvoice;
}

/** GST currency: Indian rupee. */
export const GST_CURRENCY = "INR";

/**
 * GST (CGST Act 2017, IGST Act 2017): place of supply and CGST+SGST/UTGST or IGST per line, cess,
 * HSN summary, round-off to the rupee by default. Needs ctx.gst and currency INR.
 */
export const gstStrategy: TaxStrategy = {
  regime: "gst",
  computeInvoice(lines, ctx) {
    if (!ctx.gst)
      throw new DomainError("unprocessable", "GST needs the supplier and store state", { fields: [{ path: "gst", message: "required" }] });
    if (ctx.currency !== GST_CURRENCY)
      throw new DomainError("unprocessable", "GST invoices are in INR", { fields: [{ path: "currency", message: "must be INR" }] });
    const supply = resolveGstSupply(ctx.gst);
    return runInvoicePipeline(lines, ctx, {
      regime: "gst",
      taxer: gstLineTaxer(supply),
      supply,
      withHsnSummary: true,
      defaultRoundOff: "nearest_major_unit",
    });
  },
};

/** VAT / sales tax (UK style by default: prices include VAT), one rate per line, no round-off by default. */
export const vatStrategy: TaxStrategy = {
  regime: "vat",
  computeInvoice(lines, ctx) {
    return runInvoicePipeline(lines, ctx, {
      regime: "vat",
      taxer: vatLineTaxer,
      supply: null,
      withHsnSummary: false,
      defaultRoundOff: "none",
    });
  },
};

/** No tax: totals are the discounted amounts; line rates are ignored. */
export const noTaxStrategy: TaxStrategy = {
  regime: "none",
  computeInvoice(lines, ctx) {
    return runInvoicePipeline(lines, ctx, {
      regime: "none",
      taxer: noTaxLineTaxer,
      supply: null,
      withHsnSummary: false,
      defaultRoundOff: "none",
    });
  },
};

const STRATEGIES: Record<TaxRegime, TaxStrategy> = { gst: gstStrategy, vat: vatStrategy, none: noTaxStrategy };

/** The strategy for a tenant's regime. */
export function taxStrategyFor(regime: TaxRegime): TaxStrategy {
  return STRATEGIES[regime];
}

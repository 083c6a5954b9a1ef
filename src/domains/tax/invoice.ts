/**
 * The invoice pipeline every strategy shares: line amounts, discounts before tax, the strategy's
 * line tax, summaries, round-off. Pure: same input, same invoice, no I/O.
 */
import { allocateBillDiscount, discountAmount } from "./discount";
import type { LineTaxer } from "./line-taxer";
import { ROUNDING_STEPS, type RoundingStep, roundLineAmount, roundOffToMajorUnit } from "./rounding";
import { hsnSummary, invoiceTotals, taxBreakdown } from "./summary";
import type { ComputedInvoice, ComputedLine, GstSupply, InvoiceContext, InvoiceLineInput, TaxRegime } from "./types";
import { minorUnitDigits, validateContext, validateLines } from "./validate";

/** What a strategy adds to the shared pipeline. */
export interface PipelineOptions {
  regime: TaxRegime;
  taxer: LineTaxer;
  supply: GstSupply | null;
  withHsnSummary: boolean;
  defaultRoundOff: "nearest_major_unit" | "none";
}

/**
 * Computes an invoice: per line, gross = quantity × unit price (step line_amount), minus the line
 * discount and the line's share of the bill discount (CGST Act s.15(3)(a): discounts before tax),
 * then the strategy's taxes; totals are sums of lines; the total is rounded off to the major unit
 * when asked (step invoice_round_off). Invariant: grandTotal == Σ lineTotal + roundOff.
 * @throws DomainError unprocessable on invalid input (named field).
 */
export function runInvoicePipeline(lines: readonly InvoiceLineInput[], ctx: InvoiceContext, opts: PipelineOptions): ComputedInvoice {
  validateLines(lines);
  validateContext(ctx);
  const minorDigits = minorUnitDigits(ctx.currency);
  const steps = new Set<RoundingStep>(["line_amount"]);

  const gross = lines.map((l) => roundLineAmount(l.quantity, l.unitPrice, minorDigits));
  const lineDiscount = lines.map((l, i) => discountAmount(gross[i] as number, l.discount, `lines[${i}].discount`));
  const afterLine = gross.map((g, i) => g - (lineDiscount[i] as number));
  const billShare = allocateBillDiscount(afterLine, ctx.billDiscount);
  if (lines.some((l) => l.discount?.kind === "percent") || ctx.billDiscount?.kind === "percent") steps.add("percent_discount");
  if (ctx.billDiscount) steps.add("bill_discount_allocation");

  const computed = lines.map((line, index): ComputedLine => {
    const net = (afterLine[index] as number) - (billShare[index] as number);
    const tax = opts.taxer({ line, index, net, pricesIncludeTax: ctx.pricesIncludeTax, minorDigits });
    for (const s of tax.steps) steps.add(s);
    const taxTotal = tax.taxes.reduce((a, t) => a + t.amount, 0);
    return {
      lineId: line.lineId,
      description: line.description,
      hsn: line.hsn ?? null,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxRateBp: opts.regime === "none" ? 0 : line.taxRateBp,
      grossAmount: gross[index] as number,
      lineDiscount: lineDiscount[index] as number,
      billDiscount: billShare[index] as number,
      netAmount: net,
      taxableValue: tax.taxableValue,
      taxes: tax.taxes,
      taxTotal,
      lineTotal: tax.taxableValue + taxTotal,
    };
  });

  const totals = invoiceTotals(computed);
  const mode = ctx.roundOff ?? opts.defaultRoundOff;
  const { roundOff, grandTotal } =
    mode === "nearest_major_unit" ? roundOffToMajorUnit(totals.lineTotal, minorDigits) : { roundOff: 0, grandTotal: totals.lineTotal };
  if (mode === "nearest_major_unit") steps.add("invoice_round_off");

  return {
    regime: opts.regime,
    currency: ctx.currency,
    pricesIncludeTax: ctx.pricesIncludeTax,
    supply: opts.supply,
    lines: computed,
    taxBreakdown: taxBreakdown(computed),
    hsnSummary: opts.withHsnSummary ? hsnSummary(computed) : [],
    totals,
    roundOff,
    grandTotal,
    // In the order ROUNDING_STEPS lists them, so the record is stable.
    roundingSteps: (Object.keys(ROUNDING_STEPS) as RoundingStep[]).filter((s) => steps.has(s)),
  };
}

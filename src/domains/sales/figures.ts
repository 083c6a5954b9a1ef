/**
 * The tax figures of a sale through the tenant's strategy (src/domains/tax): GST with place of
 * supply (over the counter: the store's state; delivered: the ship-to state, IGST Act s.10(1)),
 * VAT, or none. Catalog prices may include tax or not per product; the engine takes one setting per
 * invoice, so inclusive and exclusive lines are computed apart and merged: line figures are the
 * engine's, totals and summaries are re-summed from the lines, and the GST round-off to the rupee
 * (step invoice_round_off) is taken once on the merged total.
 */
import type { TaxFigures } from "../../../durable-objects/pos/documents";
import {
  type ComputedInvoice,
  type ComputedLine,
  type GstSupply,
  hsnSummary,
  type InvoiceContext,
  type InvoiceLineInput,
  invoiceTotals,
  minorUnitDigits,
  ROUNDING_STEPS,
  type RoundingStep,
  roundOffToMajorUnit,
  type SupplyMode,
  type TaxRegime,
  taxBreakdown,
  taxStrategyFor,
} from "../tax";
import type { PricedLine } from "./price";

/** The engine's input line of a priced line: quantity in the stock unit's UQC, price in MAJOR units at the currency's scale. */
export function engineLine(l: PricedLine, minorDigits: number): InvoiceLineInput {
  return {
    lineId: l.lineId,
    description: l.name,
    hsn: l.hsn ?? undefined,
    quantity: { units: l.quantity, scale: 0, unit: l.uqc },
    unitPrice: { units: l.unitPrice, scale: minorDigits },
    discount: l.discount?.kind === "amount" ? { kind: "amount", amount: l.discount.amount } : l.discount,
    taxRateBp: l.gstRateBp,
    cessRateBp: l.cessRateBp || undefined,
  };
}

/** Merges invoices computed over disjoint lines into one (lines in id order, sums re-taken, one round-off). */
export function mergeInvoices(parts: ComputedInvoice[], regime: TaxRegime, currency: string): TaxFigures {
  const lines: ComputedLine[] = parts.flatMap((p) => p.lines).sort((a, b) => Number(a.lineId) - Number(b.lineId));
  const totals = invoiceTotals(lines);
  const roundsOff = parts.some((p) => p.roundingSteps.includes("invoice_round_off"));
  const { roundOff, grandTotal } = roundsOff
    ? roundOffToMajorUnit(totals.lineTotal, minorUnitDigits(currency))
    : { roundOff: 0, grandTotal: totals.lineTotal };
  const steps = new Set(parts.flatMap((p) => p.roundingSteps));
  return {
    regime,
    currency,
    lines,
    taxBreakdown: taxBreakdown(lines),
    hsnSummary: regime === "gst" ? hsnSummary(lines) : [],
    totals,
    roundOff,
    grandTotal,
    roundingSteps: (Object.keys(ROUNDING_STEPS) as RoundingStep[]).filter((s) => steps.has(s)),
  };
}

/** Where a GST supply is made from and to. */
export interface GstPlace {
  supplierStateCode: string;
  storeStateCode: string;
  supply: SupplyMode;
}

/**
 * Computes a sale's figures. @returns the figures and, under GST, the resolved supply.
 * @throws DomainError unprocessable from the engine (bad rate, HSN, state code), naming the field.
 */
export function saleFigures(
  regime: TaxRegime,
  currency: string,
  lines: PricedLine[],
  gst: GstPlace | null,
): { figures: TaxFigures; supply: GstSupply | null } {
  const digits = minorUnitDigits(currency);
  const strategy = taxStrategyFor(regime);
  const parts: ComputedInvoice[] = [];
  for (const inclusive of [true, false]) {
    const group = lines.filter((l) => l.taxInclusive === inclusive);
    if (group.length === 0) continue;
    const ctx: InvoiceContext = { currency, pricesIncludeTax: inclusive, ...(gst ? { gst } : {}) };
    parts.push(
      strategy.computeInvoice(
        group.map((l) => engineLine(l, digits)),
        ctx,
      ),
    );
  }
  return { figures: mergeInvoices(parts, regime, currency), supply: parts[0]?.supply ?? null };
}

/**
 * Credit-note figures for a partial or full return: each figure of an invoice line (line total,
 * every tax, discounts; the taxable value is the total less the taxes) is credited pro rata to the
 * quantity returned, CUMULATIVELY: after k of Q units have come back in any number of returns,
 * round_half_up(figure × k / Q) has been credited in total. So a line returned in pieces credits exactly what the invoice charged, never a paisa more
 * (step {@link CREDIT_PRORATION_STEP}). CGST Act 2017 s.34: a credit note reduces the tax charged.
 */
import {
  type ComputedLine,
  divideRoundHalfUp,
  hsnSummary,
  invoiceTotals,
  minorUnitDigits,
  roundOffToMajorUnit,
  taxBreakdown,
  toSafeNumber,
} from "../../src/domains/tax";
import type { TaxFigures } from "./documents";

/** The rounding step used here, by name. */
export const CREDIT_PRORATION_STEP = "credit_proration: figure × returned / sold, cumulative, rounded half up to the minor unit";

/** round_half_up(amount × k / q), minor units. */
function part(amount: number, k: number, q: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(amount) * BigInt(k), BigInt(q)));
}

/** The credit of one line when `now` more units come back after `before`, of `sold`. */
export function creditLine(line: ComputedLine, sold: number, before: number, now: number): ComputedLine {
  if (!(now > 0 && before >= 0 && before + now <= sold)) throw new RangeError("returned quantity out of range");
  const share = (x: number) => part(x, before + now, sold) - part(x, before, sold);
  const taxes = line.taxes.map((t) => ({ ...t, amount: share(t.amount) }));
  const taxTotal = taxes.reduce((a, t) => a + t.amount, 0);
  // The line total is credited pro rata like every figure, and the taxable value is what it leaves
  // after the taxes: separately rounded parts could credit a paisa more than quantity × price (6 of
  // 8 at ₹4.25, 5 % GST: 24.29 + 1.22 = 25.51, not 25.50). Still cumulative-exact: the pieces'
  // totals and taxes each add up to the line's, so their taxable values add up to its taxable value.
  const taxableValue = share(line.lineTotal) - taxTotal;
  return {
    ...line,
    quantity: { units: now * 10 ** line.quantity.scale, scale: line.quantity.scale, unit: line.quantity.unit },
    grossAmount: share(line.grossAmount),
    lineDiscount: share(line.lineDiscount),
    billDiscount: share(line.billDiscount),
    netAmount: share(line.netAmount),
    taxableValue,
    taxes,
    taxTotal,
    lineTotal: taxableValue + taxTotal,
  };
}

/**
 * The figures of a credit note from its credited lines. GST rounds the total off to the rupee like
 * the invoice did; the return that completes the sale takes whatever is left of the invoice's grand
 * total (`remaining`), so all credit notes of a sale add up to exactly what was charged.
 */
export function creditFigures(invoice: TaxFigures, lines: ComputedLine[], completesSale: boolean, remaining: number): TaxFigures {
  const totals = invoiceTotals(lines);
  const digits = minorUnitDigits(invoice.currency);
  let grandTotal = totals.lineTotal;
  if (completesSale) grandTotal = remaining;
  else if (invoice.roundingSteps.includes("invoice_round_off")) grandTotal = roundOffToMajorUnit(totals.lineTotal, digits).grandTotal;
  grandTotal = Math.min(grandTotal, remaining);
  return {
    regime: invoice.regime,
    currency: invoice.currency,
    lines,
    taxBreakdown: taxBreakdown(lines),
    hsnSummary: invoice.regime === "gst" ? hsnSummary(lines) : [],
    totals,
    roundOff: grandTotal - totals.lineTotal,
    grandTotal,
    roundingSteps: invoice.roundingSteps,
  };
}

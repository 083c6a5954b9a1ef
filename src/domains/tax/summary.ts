/**
 * Invoice-level figures built only by summing line figures, so every summary adds up to the lines
 * exactly (no second rounding): totals, the tax breakdown per kind and rate, and the HSN summary.
 */
import { formatDecimal, sumDecimals } from "./decimal";
import { type ComputedLine, type HsnSummaryRow, type InvoiceTotals, TAX_KINDS, type TaxBreakdownRow, type TaxKind } from "./types";

/** Sum of one tax kind on a line (0 when absent). */
export function taxOf(line: Pick<ComputedLine, "taxes">, kind: TaxKind): number {
  return line.taxes.reduce((a, t) => (t.kind === kind ? a + t.amount : a), 0);
}

/** Totals of the lines: each figure is the exact sum over lines. */
export function invoiceTotals(lines: readonly ComputedLine[]): InvoiceTotals {
  const sum = (f: (l: ComputedLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const taxByKind = Object.fromEntries(TAX_KINDS.map((k) => [k, sum((l) => taxOf(l, k))])) as Record<TaxKind, number>;
  return {
    grossAmount: sum((l) => l.grossAmount),
    lineDiscount: sum((l) => l.lineDiscount),
    billDiscount: sum((l) => l.billDiscount),
    taxableValue: sum((l) => l.taxableValue),
    taxTotal: sum((l) => l.taxTotal),
    taxByKind,
    lineTotal: sum((l) => l.lineTotal),
  };
}

/**
 * The tax table: one row per tax kind and rate, in TAX_KINDS order then ascending rate, with the
 * taxable value of the lines carrying it and the summed amount (rule 46(i)/(j): rate and amount of
 * each tax). Specific cess has no rate (null).
 */
export function taxBreakdown(lines: readonly ComputedLine[]): TaxBreakdownRow[] {
  const rows = new Map<string, TaxBreakdownRow>();
  for (const l of lines) {
    for (const t of l.taxes) {
      const key = `${t.kind}|${t.ratePercent ? formatDecimal(t.ratePercent) : "-"}`;
      const row = rows.get(key) ?? { kind: t.kind, ratePercent: t.ratePercent, taxableValue: 0, amount: 0 };
      row.taxableValue += l.taxableValue;
      row.amount += t.amount;
      rows.set(key, row);
    }
  }
  const rank = (r: TaxBreakdownRow) => TAX_KINDS.indexOf(r.kind);
  // Exact comparison: rates have at most 3 decimals (ratePercent), so compare at scale 3.
  const pct = (r: TaxBreakdownRow) => (r.ratePercent ? r.ratePercent.units * 10 ** (3 - r.ratePercent.scale) : -1);
  return [...rows.values()].sort((a, b) => rank(a) - rank(b) || pct(a) - pct(b));
}

/**
 * HSN-wise summary (shape of GSTR-1 table 12 and the invoice's HSN table): one row per HSN code,
 * unit and combined GST rate, summing quantity (exactly, at the largest scale), taxable value and
 * each tax. Lines without an HSN code group under null. Rows sorted by HSN, unit, rate.
 */
export function hsnSummary(lines: readonly ComputedLine[]): HsnSummaryRow[] {
  const groups = new Map<string, ComputedLine[]>();
  for (const l of lines) {
    const key = `${l.hsn ?? ""}|${l.quantity.unit}|${l.taxRateBp}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const rows = [...groups.values()].map((ls): HsnSummaryRow => {
    const first = ls[0] as ComputedLine;
    const sum = (f: (l: ComputedLine) => number) => ls.reduce((a, l) => a + f(l), 0);
    return {
      hsn: first.hsn,
      unit: first.quantity.unit,
      taxRateBp: first.taxRateBp,
      quantity: sumDecimals(ls.map((l) => l.quantity)),
      taxableValue: sum((l) => l.taxableValue),
      igst: sum((l) => taxOf(l, "IGST")),
      cgst: sum((l) => taxOf(l, "CGST")),
      sgst: sum((l) => taxOf(l, "SGST")),
      utgst: sum((l) => taxOf(l, "UTGST")),
      cess: sum((l) => taxOf(l, "CESS") + taxOf(l, "CESS_SPECIFIC")),
      totalValue: sum((l) => l.lineTotal),
    };
  });
  const k = (r: HsnSummaryRow) => `${r.hsn ?? ""}|${r.unit}|${String(r.taxRateBp).padStart(6, "0")}`;
  return rows.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

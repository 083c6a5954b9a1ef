// A UK tenant (VAT, prices as sold include VAT) and a tenant with no tax. Figures in pence/cents.
import { describe, expect, it } from "vitest";
import { noTaxStrategy, taxStrategyFor, vatStrategy } from "./strategy";
import { line, taxMap } from "./test-fixtures";
import type { InvoiceContext } from "./types";
import { UK_VAT_RATES_BP } from "./vat";

const uk: InvoiceContext = { currency: "GBP", pricesIncludeTax: true };

describe("VAT strategy (UK)", () => {
  it("takes the VAT fraction out of inclusive prices per line", () => {
    // £10.00 @ 20 %: VAT 1000/6 = 166.67 -> 167, net 833.
    // 3 × £0.85 @ 5 % (reduced): 255 × 5/105 = 12.14 -> 12, net 243.
    // 2 × £1.20 @ 0 % (zero-rated): 240, VAT 0.
    const inv = vatStrategy.computeInvoice(
      [line("1", "10.00", UK_VAT_RATES_BP.standard), line("3", "0.85", UK_VAT_RATES_BP.reduced), line("2", "1.20", UK_VAT_RATES_BP.zero)],
      uk,
    );
    expect(inv.lines.map((l) => [l.grossAmount, l.taxableValue, taxMap(l).VAT, l.lineTotal])).toEqual([
      [1000, 833, 167, 1000],
      [255, 243, 12, 255],
      [240, 240, 0, 240],
    ]);
    expect(inv).toMatchObject({ regime: "vat", supply: null, hsnSummary: [], roundOff: 0, grandTotal: 1495 });
    expect(inv.taxBreakdown.map((r) => [r.ratePercent?.units, r.taxableValue, r.amount])).toEqual([
      [0, 240, 0],
      [5, 243, 12],
      [20, 833, 167],
    ]);
    expect(inv.roundingSteps).toEqual(["line_amount", "vat_fraction"]);
  });

  it("prices with three decimals per unit and weighs by the kilo", () => {
    // 1.500 kg × £2.999 = £4.4985 -> 450; VAT 20 %: 450/6 = 75.
    const l = vatStrategy.computeInvoice([line("1.500", "2.999", 2000, { unit: "KGM" })], uk).lines[0]!;
    expect([l.grossAmount, taxMap(l).VAT, l.taxableValue]).toEqual([450, 75, 375]);
  });

  it("applies a bill discount before VAT", () => {
    // 2 × £6.00 @ 20 %, £2.00 off the bill: 1,000 after discount, VAT 166.67 -> 167.
    const inv = vatStrategy.computeInvoice([line("2", "6.00", 2000)], { ...uk, billDiscount: { kind: "amount", amount: 200 } });
    expect(inv.lines[0]).toMatchObject({ billDiscount: 200, netAmount: 1000, taxableValue: 833, lineTotal: 1000 });
  });

  it("adds sales tax on exclusive prices", () => {
    // $19.99 at 8.75 % (875 bp): 1999 × 8.75 % = 174.91 -> 175; total 2,174. (Rates finer than 1 bp, e.g. 8.875 %, are not supported.)
    const inv = vatStrategy.computeInvoice([line("1", "19.99", 875)], { currency: "USD", pricesIncludeTax: false });
    expect(inv.lines[0]).toMatchObject({ taxableValue: 1999, taxTotal: 175, lineTotal: 2174 });
  });

  it("refuses GST cess on a VAT line", () => {
    expect(() => vatStrategy.computeInvoice([line("1", "1.00", 2000, { cessRateBp: 100 })], uk)).toThrow(/cess/);
  });

  it("refuses an unknown currency", () => {
    expect(() => vatStrategy.computeInvoice([line("1", "1.00", 2000)], { ...uk, currency: "XYZ1" })).toThrow(/ISO 4217/);
  });
});

describe("no-tax strategy", () => {
  it("charges the discounted amount and no tax, whatever rate the item carries", () => {
    const inv = noTaxStrategy.computeInvoice(
      [line("2", "4.995", 1800), line("1", "10.00", 0, { discount: { kind: "percent", rateBp: 2500 } })],
      {
        currency: "USD",
        pricesIncludeTax: false,
      },
    );
    // 2 × 4.995 = 9.99 -> 999; 1000 − 25 % = 750.
    expect(inv.lines.map((l) => [l.taxableValue, l.taxes.length, l.taxRateBp, l.lineTotal])).toEqual([
      [999, 0, 0, 999],
      [750, 0, 0, 750],
    ]);
    expect(inv).toMatchObject({ regime: "none", taxBreakdown: [], roundOff: 0, grandTotal: 1749 });
    expect(inv.totals.taxTotal).toBe(0);
  });

  it("rounds off to the major unit when the tenant asks", () => {
    const inv = noTaxStrategy.computeInvoice([line("1", "99.50", 0)], {
      currency: "INR",
      pricesIncludeTax: true,
      roundOff: "nearest_major_unit",
    });
    expect(inv).toMatchObject({ roundOff: 50, grandTotal: 10000 });
  });

  it("is chosen by regime", () => {
    expect(taxStrategyFor("none")).toBe(noTaxStrategy);
    expect(taxStrategyFor("vat")).toBe(vatStrategy);
    expect(taxStrategyFor("gst").regime).toBe("gst");
  });
});

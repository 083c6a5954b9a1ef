// Hand-checked GST invoices. Every expected figure is worked in the comment beside it
// (amounts in paise; "half" = CGST or SGST/UTGST at half the combined rate).
import { describe, expect, it } from "vitest";
import { gstStrategy } from "./strategy";
import { gstCtx, line, taxMap } from "./test-fixtures";

const compute = gstStrategy.computeInvoice;

describe("GST: intra-state and inter-state", () => {
  it("charges CGST + SGST at half the rate each on an over-the-counter sale in the store's state", () => {
    // 2 × ₹500.00 @ 18 %: value 1,00,000; half = 1,00,000 × 9 % = 9,000; total 1,18,000.
    const inv = compute([line("2", "500.00", 1800, { hsn: "6109" })], gstCtx("27"));
    expect(inv.supply).toEqual({ supplierStateCode: "27", placeOfSupply: "27", nature: "intra", stateLevy: "SGST" });
    const l = inv.lines[0]!;
    expect(l).toMatchObject({ grossAmount: 100000, taxableValue: 100000, taxTotal: 18000, lineTotal: 118000 });
    expect(l.taxes).toEqual([
      { kind: "CGST", ratePercent: { units: 9, scale: 0 }, amount: 9000 },
      { kind: "SGST", ratePercent: { units: 9, scale: 0 }, amount: 9000 },
    ]);
    expect(inv).toMatchObject({ roundOff: 0, grandTotal: 118000 });
    expect(inv.roundingSteps).toEqual(["line_amount", "tax_amount", "invoice_round_off"]);
  });

  it("charges IGST when goods are delivered to another state (IGST Act s.10(1)(a))", () => {
    const inv = compute(
      [line("2", "500.00", 1800, { hsn: "6109" })],
      gstCtx("27", { supply: { kind: "delivery", shipToStateCode: "29" } }),
    );
    expect(inv.supply).toMatchObject({ placeOfSupply: "29", nature: "inter" });
    expect(inv.lines[0]!.taxes).toEqual([{ kind: "IGST", ratePercent: { units: 18, scale: 0 }, amount: 18000 }]);
    expect(inv.grandTotal).toBe(118000);
  });

  it("stays intra-state when goods are delivered within the store's state", () => {
    const inv = compute([line("1", "100.00", 1200)], gstCtx("33", { supply: { kind: "delivery", shipToStateCode: "33" } }));
    expect(taxMap(inv.lines[0]!)).toEqual({ CGST: 600, SGST: 600 });
  });

  it("treats an over-the-counter sale as intra-state even to a buyer from another state (s.10(1)(c))", () => {
    // The place of supply is where the goods are handed over: the store.
    const inv = compute([line("1", "100.00", 500)], gstCtx("07"));
    expect(inv.supply).toMatchObject({ placeOfSupply: "07", nature: "intra", stateLevy: "SGST" });
  });

  it("charges IGST on a supply to an SEZ unit in the same state (IGST Act s.7(5)(b))", () => {
    const ctx = gstCtx("27");
    const inv = compute([line("1", "100.00", 1800)], { ...ctx, gst: { ...ctx.gst!, recipientIsSez: true } });
    expect(taxMap(inv.lines[0]!)).toEqual({ IGST: 1800 });
  });

  it("charges IGST on an export (place of supply 96)", () => {
    const inv = compute([line("1", "100.00", 1800)], gstCtx("27", { supply: { kind: "delivery", shipToStateCode: "96" } }));
    expect(inv.supply).toMatchObject({ placeOfSupply: "96", nature: "inter" });
    expect(taxMap(inv.lines[0]!)).toEqual({ IGST: 1800 });
  });
});

describe("GST: union territories", () => {
  it("levies UTGST instead of SGST in Chandigarh (04)", () => {
    // ₹1,000.00 @ 12 %: half 6 % = 6,000 each.
    const inv = compute([line("1", "1000.00", 1200)], gstCtx("04"));
    expect(inv.supply?.stateLevy).toBe("UTGST");
    expect(taxMap(inv.lines[0]!)).toEqual({ CGST: 6000, UTGST: 6000 });
    expect(inv.totals.taxByKind).toMatchObject({ CGST: 6000, UTGST: 6000, SGST: 0, IGST: 0 });
  });

  it("levies UTGST for Ladakh (38), Lakshadweep (31), Andaman (35) and DNH & DD (26)", () => {
    for (const s of ["38", "31", "35", "26"]) {
      expect(taxMap(compute([line("1", "100.00", 500)], gstCtx(s)).lines[0]!), s).toEqual({ CGST: 250, UTGST: 250 });
    }
  });

  it("levies SGST in Delhi (07), Puducherry (34) and Jammu and Kashmir (01), which have legislatures", () => {
    for (const s of ["07", "34", "01"]) {
      expect(taxMap(compute([line("1", "100.00", 500)], gstCtx(s)).lines[0]!), s).toEqual({ CGST: 250, SGST: 250 });
    }
  });

  it("charges IGST from a UT to a state", () => {
    const inv = compute([line("1", "100.00", 500)], gstCtx("04", { supply: { kind: "delivery", shipToStateCode: "03" } }));
    expect(taxMap(inv.lines[0]!)).toEqual({ IGST: 500 });
  });
});

describe("GST: inclusive and exclusive prices", () => {
  it("backs the tax out of an inclusive price and keeps the shelf price exactly", () => {
    // ₹100.00 incl. 18 %: value0 = 10,000 / 1.18 = 8,474.58 -> 8,475; halves 8,475 × 9 % = 762.75 -> 763,
    // residue 10,000 − 8,475 − 1,526 = −1; neighbour 8,474: halves 762.66 -> 763, residue 0 -> chosen.
    const inv = compute([line("1", "100.00", 1800)], gstCtx("27", { inclusive: true }));
    const l = inv.lines[0]!;
    expect(l).toMatchObject({ taxableValue: 8474, lineTotal: 10000 });
    expect(taxMap(l)).toEqual({ CGST: 763, SGST: 763 });
    expect(inv.grandTotal).toBe(10000);
    expect(inv.roundingSteps).toContain("inclusive_taxable_value");
  });

  it("gives the round figure when the inclusive price is exact", () => {
    // ₹118.00 incl. 18 % -> ₹100.00 + 9.00 + 9.00.
    const l = compute([line("1", "118.00", 1800)], gstCtx("27", { inclusive: true })).lines[0]!;
    expect(l.taxableValue).toBe(10000);
    expect(taxMap(l)).toEqual({ CGST: 900, SGST: 900 });
  });

  it("keeps the inclusive price inter-state too", () => {
    // value0 8,475: IGST 1,525.5 -> 1,526, residue −1; 8,474: IGST 1,525.32 -> 1,525, residue +1 (no better; tie keeps value0).
    // Taxable = 8,475 − 1 = 8,474, IGST 1,526: within a paisa of 18 % of 8,474 (1,525.32).
    const l = compute([line("1", "100.00", 1800)], gstCtx("27", { inclusive: true, supply: { kind: "delivery", shipToStateCode: "24" } }))
      .lines[0]!;
    expect(l).toMatchObject({ taxableValue: 8474, lineTotal: 10000 });
    expect(taxMap(l)).toEqual({ IGST: 1526 });
  });
});

describe("GST: mixed rates on one invoice", () => {
  const inv = compute(
    [
      line("3", "99.99", 500, { hsn: "1905" }), // 29,997; half 2.5 % = 749.925 -> 750 each; total 31,497
      line("1", "1249.50", 1200, { hsn: "6403" }), // 1,24,950; half 6 % = 7,497 each; total 1,39,944
      line("2", "45.00", 0, { hsn: "0401" }), // 9,000; nil rated; total 9,000
      line("1", "25000", 2800, { hsn: "8418" }), // 25,00,000; half 14 % = 3,50,000 each; total 32,00,000
    ],
    gstCtx("29"),
  );

  it("computes each line at its own rate", () => {
    expect(inv.lines.map((l) => l.lineTotal)).toEqual([31497, 139944, 9000, 3200000]);
    expect(inv.lines.map((l) => taxMap(l).CGST)).toEqual([750, 7497, 0, 350000]);
  });

  it("rounds the total off to the rupee as its own line", () => {
    // Σ = 33,80,441 paise = ₹33,804.41 -> ₹33,804.00, round-off −41.
    expect(inv.totals.lineTotal).toBe(3380441);
    expect(inv.roundOff).toBe(-41);
    expect(inv.grandTotal).toBe(3380400);
  });

  it("breaks the tax down by kind and rate", () => {
    const cgst = inv.taxBreakdown.filter((r) => r.kind === "CGST").map((r) => [r.ratePercent?.units, r.taxableValue, r.amount]);
    expect(cgst).toEqual([
      [0, 9000, 0],
      [25, 29997, 750],
      [6, 124950, 7497],
      [14, 2500000, 350000],
    ]);
    expect(inv.taxBreakdown.filter((r) => r.kind === "SGST").reduce((a, r) => a + r.amount, 0)).toBe(358247);
  });

  it("summarises by HSN with totals equal to the lines", () => {
    expect(inv.hsnSummary.map((r) => [r.hsn, r.taxRateBp, r.quantity.units, r.taxableValue, r.cgst, r.sgst, r.totalValue])).toEqual([
      ["0401", 0, 2, 9000, 0, 0, 9000],
      ["1905", 500, 3, 29997, 750, 750, 31497],
      ["6403", 1200, 1, 124950, 7497, 7497, 139944],
      ["8418", 2800, 1, 2500000, 350000, 350000, 3200000],
    ]);
  });
});

describe("GST: discounts before tax (CGST Act s.15(3)(a))", () => {
  it("takes line and bill discounts off the value before tax", () => {
    // L1 4 × ₹250 = 1,00,000, 10 % line discount 10,000 -> 90,000.
    // L2 1 × ₹333.33 = 33,333, ₹33.33 off -> 30,000.
    // Bill ₹100.01 = 10,001 over 90,000 : 30,000 -> 7,500.75 and 2,500.25: floors 7,500 + 2,500, the spare paisa
    // to the larger remainder (L1) -> 7,501 and 2,500.
    // L1 value 82,499: half 9 % = 7,424.91 -> 7,425; total 82,499 + 14,850 = 97,349.
    // L2 value 27,500: half 2.5 % = 687.5 -> 688; total 27,500 + 1,376 = 28,876.
    // Σ 1,26,225 -> round-off −25 -> ₹1,262.00.
    const inv = compute(
      [
        line("4", "250.00", 1800, { discount: { kind: "percent", rateBp: 1000 } }),
        line("1", "333.33", 500, { discount: { kind: "amount", amount: 3333 } }),
      ],
      gstCtx("27", { billDiscount: { kind: "amount", amount: 10001 } }),
    );
    expect(inv.lines.map((l) => [l.lineDiscount, l.billDiscount, l.netAmount, l.taxableValue, l.lineTotal])).toEqual([
      [10000, 7501, 82499, 82499, 97349],
      [3333, 2500, 27500, 27500, 28876],
    ]);
    expect(taxMap(inv.lines[1]!)).toEqual({ CGST: 688, SGST: 688 });
    expect(inv.totals).toMatchObject({ lineDiscount: 13333, billDiscount: 10001, lineTotal: 126225 });
    expect(inv).toMatchObject({ roundOff: -25, grandTotal: 126200 });
    expect(inv.roundingSteps).toEqual(["line_amount", "percent_discount", "bill_discount_allocation", "tax_amount", "invoice_round_off"]);
  });

  it("applies a percent bill discount on inclusive prices and still keeps each discounted line total", () => {
    // 2 lines of ₹59.00 incl. 18 %, 50 % bill discount: 11,800 -> 5,900, split 2,950 + 2,950.
    // Each ₹29.50 incl. 18 %: value 2,500, halves 225 each.
    const inv = compute(
      [line("1", "59.00", 1800), line("1", "59.00", 1800)],
      gstCtx("27", { inclusive: true, billDiscount: { kind: "percent", rateBp: 5000 } }),
    );
    expect(inv.lines.map((l) => [l.billDiscount, l.taxableValue, taxMap(l).CGST, l.lineTotal])).toEqual([
      [2950, 2500, 225, 2950],
      [2950, 2500, 225, 2950],
    ]);
    expect(inv.grandTotal).toBe(5900);
  });

  it("refuses a line discount larger than the line", () => {
    expect(() => compute([line("1", "10.00", 1800, { discount: { kind: "amount", amount: 1001 } })], gstCtx("27"))).toThrow(/exceeds/);
  });

  it("refuses a bill discount larger than the bill", () => {
    expect(() => compute([line("1", "10.00", 1800)], gstCtx("27", { billDiscount: { kind: "amount", amount: 1001 } }))).toThrow(/exceeds/);
  });
});

describe("GST: compensation cess", () => {
  it("adds ad valorem cess on the taxable value", () => {
    // 10 × ₹40.00 aerated drink @ 28 % + 12 % cess: 40,000; halves 14 % = 5,600 each; cess 4,800; total 56,000.
    const l = compute([line("10", "40.00", 2800, { hsn: "2202", cessRateBp: 1200 })], gstCtx("27")).lines[0]!;
    expect(taxMap(l)).toEqual({ CGST: 5600, SGST: 5600, CESS: 4800 });
    expect(l.lineTotal).toBe(56000);
  });

  it("adds specific cess per unit on top of ad valorem cess", () => {
    // 20 sticks × ₹10.00 @ 28 % + 5 % + ₹2.076 per stick: 20,000; halves 2,800; cess 1,000;
    // specific 20 × 2.076 = 41.52 -> 4,152; total 30,752.
    const inv = compute(
      [line("20", "10.00", 2800, { hsn: "2402", cessRateBp: 500, cessPerUnit: { units: 2076, scale: 3 } })],
      gstCtx("27"),
    );
    expect(taxMap(inv.lines[0]!)).toEqual({ CGST: 2800, SGST: 2800, CESS: 1000, CESS_SPECIFIC: 4152 });
    expect(inv.lines[0]!.lineTotal).toBe(30752);
    expect(inv.hsnSummary[0]!.cess).toBe(5152);
    expect(inv.taxBreakdown.find((r) => r.kind === "CESS_SPECIFIC")).toMatchObject({ ratePercent: null, amount: 4152 });
  });

  it("backs value and cess out of an inclusive price", () => {
    // ₹40.00 incl. 28 % + 12 %: value0 4,000 / 1.40 = 2,857.14 -> 2,857; halves 399.98 -> 400; cess 342.84 -> 343;
    // residue 4,000 − 2,857 − 1,143 = 0.
    const l = compute([line("1", "40.00", 2800, { cessRateBp: 1200 })], gstCtx("27", { inclusive: true })).lines[0]!;
    expect(l.taxableValue).toBe(2857);
    expect(taxMap(l)).toEqual({ CGST: 400, SGST: 400, CESS: 343 });
    expect(l.lineTotal).toBe(4000);
  });

  it("puts an inclusive line's rounding residue into a cess above 100 % rather than the value", () => {
    // ₹100.00 incl. 28 % + 160 % cess: value0 = 10,000 / 2.88 = 3,472.22 -> 3,472; halves 486.08 -> 486;
    // cess 5,555.2 -> 5,555; residue 10,000 − 3,472 − 6,527 = 1 (3,471 leaves 3, 3,473 leaves −2);
    // the residue goes to the cess: 5,556.
    const l = compute([line("1", "100.00", 2800, { cessRateBp: 16000 })], gstCtx("27", { inclusive: true })).lines[0]!;
    expect(l.taxableValue).toBe(3472);
    expect(taxMap(l)).toEqual({ CGST: 486, SGST: 486, CESS: 5556 });
    expect(l.lineTotal).toBe(10000);
  });

  it("never makes the value negative on a price of a few paise at a high cess", () => {
    const l = compute([line("1", "0.02", 0, { cessRateBp: 29000 })], gstCtx("27", { inclusive: true })).lines[0]!;
    expect(l.lineTotal).toBe(2);
    expect(l.taxableValue).toBeGreaterThanOrEqual(0);
    expect(taxMap(l).CESS).toBeGreaterThanOrEqual(0);
  });

  it("refuses an inclusive price below the specific cess it must contain", () => {
    expect(() => compute([line("1", "1.00", 2800, { cessPerUnit: { units: 2, scale: 0 } })], gstCtx("27", { inclusive: true }))).toThrow(
      /specific cess/,
    );
  });

  it("charges cess with IGST inter-state", () => {
    const l = compute(
      [line("10", "40.00", 2800, { cessRateBp: 1200 })],
      gstCtx("27", { supply: { kind: "delivery", shipToStateCode: "06" } }),
    ).lines[0]!;
    expect(taxMap(l)).toEqual({ IGST: 11200, CESS: 4800 });
  });
});

describe("GST: round-off", () => {
  it("rounds 50 paise up", () => {
    // ₹100.42 @ 18 %: half 903.78 -> 904; 10,042 + 1,808 = 11,850 -> +50 -> ₹119.00.
    const inv = compute([line("1", "100.42", 1800)], gstCtx("27"));
    expect(inv).toMatchObject({ roundOff: 50, grandTotal: 11900 });
  });

  it("rounds 49 paise down", () => {
    // ₹100.41 @ 18 %: half 903.69 -> 904; 10,041 + 1,808 = 11,849 -> −49 -> ₹118.00.
    const inv = compute([line("1", "100.41", 1800)], gstCtx("27"));
    expect(inv).toMatchObject({ roundOff: -49, grandTotal: 11800 });
  });

  it("can be switched off", () => {
    const inv = compute([line("1", "100.41", 1800)], { ...gstCtx("27"), roundOff: "none" });
    expect(inv).toMatchObject({ roundOff: 0, grandTotal: 11849 });
    expect(inv.roundingSteps).not.toContain("invoice_round_off");
  });
});

describe("GST: zero, 0.25 % and 3 % rates", () => {
  it("shows CGST and SGST at 0 % on a nil-rated line", () => {
    const l = compute([line("5", "20.00", 0, { hsn: "0401" })], gstCtx("27")).lines[0]!;
    expect(l.taxes).toEqual([
      { kind: "CGST", ratePercent: { units: 0, scale: 0 }, amount: 0 },
      { kind: "SGST", ratePercent: { units: 0, scale: 0 }, amount: 0 },
    ]);
    expect(l.lineTotal).toBe(10000);
  });

  it("splits 0.25 % into 0.125 % halves", () => {
    // ₹1,00,000.00 rough diamonds @ 0.25 %: half 0.125 % = 12,500 each.
    const l = compute([line("1", "100000.00", 25, { hsn: "7102" })], gstCtx("27")).lines[0]!;
    expect(l.taxes[0]).toEqual({ kind: "CGST", ratePercent: { units: 125, scale: 3 }, amount: 12500 });
    expect(taxMap(l).SGST).toBe(12500);
  });

  it("computes each half on its own when the full-rate tax has an odd paisa (0.25 %)", () => {
    // ₹202.00 @ 0.25 %: IGST 50.5 -> 51 paise; each half 25.25 -> 25, so CGST + SGST = 50 (documented in gst.ts).
    const intra = compute([line("1", "202.00", 25)], gstCtx("27")).lines[0]!;
    const inter = compute([line("1", "202.00", 25)], gstCtx("27", { supply: { kind: "delivery", shipToStateCode: "29" } })).lines[0]!;
    expect(taxMap(intra)).toEqual({ CGST: 25, SGST: 25 });
    expect(taxMap(inter)).toEqual({ IGST: 51 });
  });

  it("computes each half on its own when the full-rate tax has an odd paisa (3 %)", () => {
    // ₹100.30 @ 3 %: IGST 300.9 -> 301; halves 150.45 -> 150 each = 300.
    const intra = compute([line("1", "100.30", 300)], gstCtx("27")).lines[0]!;
    expect(taxMap(intra)).toEqual({ CGST: 150, SGST: 150 });
    expect(intra.taxes[0]!.ratePercent).toEqual({ units: 15, scale: 1 });
    const inter = compute([line("1", "100.30", 300)], gstCtx("27", { supply: { kind: "delivery", shipToStateCode: "29" } })).lines[0]!;
    expect(taxMap(inter)).toEqual({ IGST: 301 });
  });

  it("prices gold by the gram with a fractional quantity at 3 %", () => {
    // 12.345 g × ₹7,125.50 = ₹87,964.2975 -> 87,96,430; halves 1.5 % = 1,31,946.45 -> 1,31,946 each;
    // total 87,96,430 + 2,63,892 = 90,60,322 -> round-off −22 -> 90,60,300.
    const inv = compute([line("12.345", "7125.50", 300, { hsn: "7108", unit: "GMS" })], gstCtx("27"));
    const l = inv.lines[0]!;
    expect(l.grossAmount).toBe(8796430);
    expect(taxMap(l)).toEqual({ CGST: 131946, SGST: 131946 });
    expect(inv).toMatchObject({ roundOff: -22, grandTotal: 9060300 });
    expect(inv.hsnSummary[0]).toMatchObject({ unit: "GMS", quantity: { units: 12345, scale: 3 } });
  });
});

describe("GST: prices with more decimals than the currency, fractional quantities", () => {
  it("rounds each line amount once, half up, from the exact product", () => {
    // 3 × ₹10.125 = 30.375 -> 3,038; 1.250 kg × ₹10.125 = 12.65625 -> 1,266; both @ 5 %.
    // halves: 3,038 × 2.5 % = 75.95 -> 76; 1,266 × 2.5 % = 31.65 -> 32.
    const inv = compute(
      [line("3", "10.125", 500, { hsn: "1006" }), line("1.250", "10.125", 500, { hsn: "1006", unit: "KGS" })],
      gstCtx("27"),
    );
    expect(inv.lines.map((l) => [l.grossAmount, taxMap(l).CGST, l.lineTotal])).toEqual([
      [3038, 76, 3190],
      [1266, 32, 1330],
    ]);
    // Same HSN, different units: two summary rows.
    expect(inv.hsnSummary.map((r) => [r.unit, r.quantity])).toEqual([
      ["KGS", { units: 1250, scale: 3 }],
      ["NOS", { units: 3, scale: 0 }],
    ]);
  });

  it("sums fractional quantities of one HSN and unit exactly", () => {
    const inv = compute(
      [line("1.250", "80.00", 500, { hsn: "0713", unit: "KGS" }), line("0.5", "80.00", 500, { hsn: "0713", unit: "KGS" })],
      gstCtx("27"),
    );
    expect(inv.hsnSummary).toHaveLength(1);
    expect(inv.hsnSummary[0]).toMatchObject({ quantity: { units: 1750, scale: 3 }, taxableValue: 14000 });
  });
});

describe("GST: refusals", () => {
  it("refuses a rate that is not a GST slab", () => {
    expect(() => compute([line("1", "10.00", 1700)], gstCtx("27"))).toThrow(/not a GST rate/);
    expect(() => compute([line("1", "10.00", 180)], gstCtx("27"))).toThrow(/not a GST rate/);
  });

  it("refuses without a GST context or in another currency", () => {
    expect(() => compute([line("1", "10.00", 1800)], { currency: "INR", pricesIncludeTax: false })).toThrow(/state/);
    expect(() => compute([line("1", "10.00", 1800)], { ...gstCtx("27"), currency: "GBP" })).toThrow(/INR/);
  });

  it("refuses unknown or unusable state codes", () => {
    expect(() => compute([line("1", "10.00", 1800)], gstCtx("39"))).toThrow(/state code/);
    expect(() => compute([line("1", "10.00", 1800)], gstCtx("99"))).toThrow(/state code/);
    expect(() => compute([line("1", "10.00", 1800)], gstCtx("96"))).toThrow(/state code/);
    expect(() => compute([line("1", "10.00", 1800)], gstCtx("27", { supply: { kind: "delivery", shipToStateCode: "99" } }))).toThrow(
      /state code/,
    );
  });

  it("refuses a malformed HSN, an empty invoice, a zero quantity and duplicate line ids", () => {
    expect(() => compute([line("1", "10.00", 1800, { hsn: "61091" })], gstCtx("27"))).toThrow(/HSN/);
    expect(() => compute([], gstCtx("27"))).toThrow(/at least one line/);
    expect(() => compute([line("0", "10.00", 1800)], gstCtx("27"))).toThrow(/more than zero/);
    const a = line("1", "10.00", 1800);
    expect(() => compute([a, { ...a }], gstCtx("27"))).toThrow(/duplicate/);
  });

  it("names the failing field in the domain error", () => {
    try {
      compute([line("1", "10.00", 1800), line("1", "10.00", 1234)], gstCtx("27"));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "unprocessable", fields: [{ path: "lines[1].taxRateBp" }] });
    }
  });
});

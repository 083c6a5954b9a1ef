import { describe, expect, it } from "vitest";
import { gs1CheckDigit, isHsnShape, isSacShape, isValidGtin, normalizeBarcode, percentToBasisPoints } from "./codes";
import { rowToDraft } from "./import-rows";
import { ftsQuery } from "./list-products";
import { consumerPrice, parseMajorAmount, taxOnPrice, withinMrp } from "./pricing";
import { taxRateBp } from "./rules";
import { toStockQuantity } from "./units";

describe("GS1 check digits (GS1 General Specifications §7.9.1)", () => {
  it("computes the check digit of published examples", () => {
    expect(gs1CheckDigit("400638133393")).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit("03600029145")).toBe(2); // UPC-A 036000291452
    expect(gs1CheckDigit("9638507")).toBe(4); // EAN-8 96385074
  });
  it("accepts EAN-13, UPC-A and EAN-8 with a right check digit and refuses a wrong one", () => {
    expect(isValidGtin("4006381333931")).toBe(true);
    expect(isValidGtin("036000291452")).toBe(true);
    expect(isValidGtin("96385074")).toBe(true);
    expect(isValidGtin("4006381333932")).toBe(false);
    expect(isValidGtin("40063813339")).toBe(false);
    expect(isValidGtin("400638133393x")).toBe(false);
  });
  it("stores a UPC-A in its EAN-13 form", () => {
    expect(normalizeBarcode("036000291452")).toBe("0036000291452");
    expect(normalizeBarcode("4006381333931")).toBe("4006381333931");
  });
});

describe("HSN and SAC shapes", () => {
  it("takes 4, 6 or 8 digit HSN codes of goods chapters only", () => {
    for (const ok of ["6109", "610910", "61091000"]) expect(isHsnShape(ok)).toBe(true);
    for (const bad of ["610", "61091", "6109100", "610910001", "9954", "0001", "61A9"]) expect(isHsnShape(bad)).toBe(false);
  });
  it("takes 6 digit SACs starting 99", () => {
    expect(isSacShape("998314")).toBe(true);
    expect(isSacShape("9983")).toBe(false);
    expect(isSacShape("898314")).toBe(false);
  });
  it("converts percentages to basis points without rounding a third decimal away", () => {
    expect(percentToBasisPoints(18)).toBe(1800);
    expect(percentToBasisPoints(0.25)).toBe(25);
    expect(percentToBasisPoints(0.125)).toBeNull();
  });
});

describe("price rules", () => {
  it("rounds tax on a price half up to the paisa", () => {
    expect(taxOnPrice(10_000, 1800)).toBe(1800);
    expect(taxOnPrice(5, 1800)).toBe(1); // 0.9 → 1
    expect(taxOnPrice(25, 200)).toBe(1); // 0.5 → 1 (half up)
    expect(taxOnPrice(24, 200)).toBe(0); // 0.48 → 0
  });
  it("compares the tax-inclusive consumer price with the MRP", () => {
    expect(consumerPrice(10_000, false, 1800, 0)).toBe(11_800);
    expect(consumerPrice(10_000, true, 1800, 0)).toBe(10_000);
    expect(withinMrp({ price: 10_000, mrp: 11_800, taxInclusive: false, gstRateBp: 1800, cessRateBp: 0 })).toBe(true);
    expect(withinMrp({ price: 10_001, mrp: 11_800, taxInclusive: false, gstRateBp: 1800, cessRateBp: 0 })).toBe(false);
    expect(withinMrp({ price: 11_801, mrp: 11_800, taxInclusive: true, gstRateBp: 1800, cessRateBp: 0 })).toBe(false);
    expect(withinMrp({ price: 99_999, mrp: null, taxInclusive: true, gstRateBp: 1800, cessRateBp: 0 })).toBe(true);
  });
  it("parses major-unit amounts to minor units without floats", () => {
    expect(parseMajorAmount("499.50", 2)).toBe(49_950);
    expect(parseMajorAmount("1,299", 2)).toBe(129_900);
    expect(parseMajorAmount("0.1", 2)).toBe(10);
    expect(parseMajorAmount("2.50", 0)).toBeNull();
    expect(parseMajorAmount("1.005", 2)).toBeNull();
    expect(parseMajorAmount("-1", 2)).toBeNull();
  });
  it("converts packs to integer stock units", () => {
    expect(toStockQuantity(2, "box", "each", [{ unit: "box", factor: 12 }])).toBe(24);
    expect(toStockQuantity(3, "each", "each", [])).toBe(3);
    expect(toStockQuantity(1, "crate", "each", [])).toBeNull();
  });
});

describe("search query", () => {
  it("quotes every word as a prefix term so FTS5 operators in input stay literal", () => {
    expect(ftsQuery("cotton shi")).toBe('"cotton"* "shi"*');
    expect(ftsQuery('a"b OR')).toBe('"a""b"* "OR"*');
    expect(ftsQuery("  - ")).toBeNull();
  });
});

describe("tax rate by regime", () => {
  it("takes GST slabs only under GST, any two-decimal rate to 100 % under VAT, and 0 only with no tax", () => {
    expect(taxRateBp(18, "gst")).toEqual([1800, null]);
    expect(taxRateBp(20, "gst")[1]?.path).toBe("gstRate");
    expect(taxRateBp(20, "vat")).toEqual([2000, null]);
    expect(taxRateBp(17.5, "vat")).toEqual([1750, null]);
    expect(taxRateBp(12.125, "vat")[1]).not.toBeNull();
    expect(taxRateBp(100.01, "vat")[1]).not.toBeNull();
    expect(taxRateBp(0, "none")).toEqual([0, null]);
    expect(taxRateBp(5, "none")[1]?.path).toBe("gstRate");
  });
  it("checks a CSV row's gst_rate against the tenant's regime", () => {
    const row = { sku: "TEA-1", name: "Tea", kind: "non_stock", gst_rate: "20", price: "10.50" };
    const vat = rowToDraft(row, 2, { currency: "GBP", regime: "vat" });
    expect("draft" in vat && vat.draft.gstRateBp).toBe(2000);
    const gst = rowToDraft(row, 2, { currency: "INR", regime: "gst" });
    expect("errors" in gst && gst.errors.map((e) => e.field)).toContain("gst_rate");
  });
});

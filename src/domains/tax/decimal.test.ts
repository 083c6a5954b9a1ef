import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal, quantity, rescale, sumDecimals } from "./decimal";
import { ratePercent } from "./rates";

describe("exact decimals", () => {
  it("parses and prints without losing scale", () => {
    expect(parseDecimal("10.125")).toEqual({ units: 10125, scale: 3 });
    expect(parseDecimal("0.850")).toEqual({ units: 850, scale: 3 });
    expect(parseDecimal("3")).toEqual({ units: 3, scale: 0 });
    expect(formatDecimal({ units: 1250, scale: 3 })).toBe("1.250");
    expect(formatDecimal({ units: 5, scale: 3 })).toBe("0.005");
    expect(formatDecimal({ units: 42, scale: 0 })).toBe("42");
    expect(quantity("1.250", "KGS")).toEqual({ units: 1250, scale: 3, unit: "KGS" });
  });

  it("refuses floats in disguise, negatives and too many decimals", () => {
    for (const bad of ["1e3", "-1", "1.", ".5", "1,5", "0.1234567", ""]) expect(() => parseDecimal(bad), bad).toThrow();
  });

  it("sums at the largest scale", () => {
    expect(
      sumDecimals([
        { units: 1250, scale: 3 },
        { units: 5, scale: 1 },
      ]),
    ).toEqual({ units: 1750, scale: 3 });
    expect(sumDecimals([])).toEqual({ units: 0, scale: 0 });
    expect(() => rescale({ units: 1, scale: 2 }, 1)).toThrow(RangeError);
  });

  it("prints rates as exact percents", () => {
    expect(ratePercent(1800)).toEqual({ units: 18, scale: 0 });
    expect(ratePercent(1800, 2)).toEqual({ units: 9, scale: 0 });
    expect(ratePercent(25, 2)).toEqual({ units: 125, scale: 3 });
    expect(ratePercent(300, 2)).toEqual({ units: 15, scale: 1 });
    expect(ratePercent(875)).toEqual({ units: 875, scale: 2 });
  });
});

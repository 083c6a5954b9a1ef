import { describe, expect, it } from "vitest";
import {
  allocateByLargestRemainder,
  divideRoundHalfEven,
  divideRoundHalfUp,
  roundInclusiveTaxable,
  roundLineAmount,
  roundOffToMajorUnit,
  roundPercentOf,
  roundTaxAmount,
  roundVatFraction,
  toSafeNumber,
} from "./rounding";

describe("rounding steps", () => {
  it("rounds a half away from zero in divideRoundHalfUp", () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n);
    expect(divideRoundHalfUp(8n, 3n)).toBe(3n);
    expect(divideRoundHalfUp(5n, -2n)).toBe(-3n);
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it("rounds a half to even in divideRoundHalfEven", () => {
    expect(divideRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divideRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divideRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideRoundHalfEven(11n, 4n)).toBe(3n);
  });

  it("rounds quantity × unit price to the paisa, half up (line_amount)", () => {
    // 1.250 kg × ₹10.125 = ₹12.65625 -> ₹12.66
    expect(roundLineAmount({ units: 1250, scale: 3 }, { units: 10125, scale: 3 }, 2)).toBe(1266);
    // 3 × ₹10.125 = ₹30.375 -> ₹30.38 (exact half rounds up)
    expect(roundLineAmount({ units: 3, scale: 0 }, { units: 10125, scale: 3 }, 2)).toBe(3038);
    // 7 × £0.1234 = £0.8638 -> 86p
    expect(roundLineAmount({ units: 7, scale: 0 }, { units: 1234, scale: 4 }, 2)).toBe(86);
    // 12.345 g × ₹7,125.50 = ₹87,964.2975 -> ₹87,964.30
    expect(roundLineAmount({ units: 12345, scale: 3 }, { units: 712550, scale: 2 }, 2)).toBe(8796430);
  });

  it("works out percent discounts and taxes half up", () => {
    expect(roundPercentOf(33333, 1000)).toBe(3333); // 10 % of 333.33 = 33.333
    expect(roundPercentOf(25, 2000)).toBe(5);
    expect(roundTaxAmount(27500, 500, 2)).toBe(688); // 2.5 % of 275.00 = 6.875 -> 6.88
    expect(roundTaxAmount(20200, 25, 2)).toBe(25); // 0.125 % of 202.00 = 0.2525 -> 0.25
    expect(roundTaxAmount(20200, 25)).toBe(51); // 0.25 % of 202.00 = 0.505 -> 0.51
  });

  it("backs the taxable value out of an inclusive amount", () => {
    expect(roundInclusiveTaxable(11800, 1800)).toBe(10000);
    expect(roundInclusiveTaxable(10000, 1800)).toBe(8475); // 84.7457…
    expect(roundInclusiveTaxable(4000, 4000)).toBe(2857); // 28 % + 12 % cess: 28.5714…
  });

  it("takes the VAT fraction of an inclusive amount", () => {
    expect(roundVatFraction(1000, 2000)).toBe(167); // £10.00 / 6 = 1.666…
    expect(roundVatFraction(1200, 2000)).toBe(200);
    expect(roundVatFraction(2100, 500)).toBe(100); // 1/21
  });

  it("rounds an invoice total to the rupee: 50 paise up, 49 down (CGST Act s.170)", () => {
    expect(roundOffToMajorUnit(11850, 2)).toEqual({ roundOff: 50, grandTotal: 11900 });
    expect(roundOffToMajorUnit(11849, 2)).toEqual({ roundOff: -49, grandTotal: 11800 });
    expect(roundOffToMajorUnit(11800, 2)).toEqual({ roundOff: 0, grandTotal: 11800 });
    expect(roundOffToMajorUnit(1, 2)).toEqual({ roundOff: -1, grandTotal: 0 });
    expect(roundOffToMajorUnit(12345, 0)).toEqual({ roundOff: 0, grandTotal: 12345 });
  });

  it("allocates by largest remainder so the parts sum exactly", () => {
    expect(allocateByLargestRemainder(10001, [90000, 30000])).toEqual([7501, 2500]);
    expect(allocateByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]); // tie -> earlier line
    expect(allocateByLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocateByLargestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(allocateByLargestRemainder(5, [0, 7])).toEqual([0, 5]);
    expect(() => allocateByLargestRemainder(1, [0, 0])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(-1, [1])).toThrow(RangeError);
  });

  it("refuses amounts past the safe integer range", () => {
    expect(() => toSafeNumber(2n ** 53n)).toThrow(RangeError);
    expect(toSafeNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

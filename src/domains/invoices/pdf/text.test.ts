import { describe, expect, it } from "vitest";
import { ddmmyyyy, formatMinor, formatMoney, printable } from "./text";

describe("PDF text", () => {
  it("groups rupees the Indian way (lakh, crore) and others in thousands", () => {
    expect(formatMinor(0, "INR")).toBe("0.00");
    expect(formatMinor(5, "INR")).toBe("0.05");
    expect(formatMinor(99999, "INR")).toBe("999.99");
    expect(formatMinor(12345678, "INR")).toBe("1,23,456.78");
    expect(formatMinor(1234567890, "INR")).toBe("1,23,45,678.90");
    expect(formatMinor(-1, "INR")).toBe("-0.01");
    expect(formatMinor(1234567890, "GBP")).toBe("12,345,678.90");
    expect(formatMinor(1234, "JPY")).toBe("1,234");
  });

  it("puts the currency sign the font has, or the ISO code", () => {
    expect(formatMoney(83100, "INR")).toBe("₹831.00");
    expect(formatMoney(-250, "GBP")).toBe("-£2.50");
    expect(formatMoney(1000, "AED")).toBe("AED 10.00");
  });

  it("writes dates dd/mm/yyyy and refuses other shapes", () => {
    expect(ddmmyyyy("2026-04-01")).toBe("01/04/2026");
    expect(() => ddmmyyyy("1/4/2026")).toThrow(RangeError);
  });

  it("replaces characters outside the font subset with ? and control characters with spaces", () => {
    const set = new Set([..."AB ₹"].map((c) => c.codePointAt(0) as number));
    expect(printable("A\tB ₹ क", set)).toBe("A B ₹ ?");
  });
});

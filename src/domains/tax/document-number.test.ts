import { describe, expect, it } from "vitest";
import {
  formatDocumentNumber,
  isValidDocumentNumber,
  MAX_DOCUMENT_NUMBER_LENGTH,
  maxSequence,
  parseDocumentNumber,
} from "./document-number";
import { financialYearStarting } from "./financial-year";

const fy = financialYearStarting(2025);

describe("invoice and credit-note numbers (CGST Rules rule 46(b), rule 53)", () => {
  it("formats a store's invoice and credit-note series for the year", () => {
    expect(formatDocumentNumber({ storeCode: "BLR1", financialYear: fy, sequence: 42, series: "invoice" })).toBe("BLR1/2526/42");
    expect(formatDocumentNumber({ storeCode: "BLR1", financialYear: fy, sequence: 7, series: "credit_note" })).toBe("BLR1/C2526/7");
  });

  it("knows the largest sequence that fits in 16 characters", () => {
    expect(MAX_DOCUMENT_NUMBER_LENGTH).toBe(16);
    expect(maxSequence("BLR1", fy, "invoice")).toBe(999_999);
    expect(maxSequence("BLR1", fy, "credit_note")).toBe(99_999);
    expect(maxSequence("MUM001", fy, "invoice")).toBe(9_999);
    const last = formatDocumentNumber({ storeCode: "BLR1", financialYear: fy, sequence: 999_999, series: "invoice" });
    expect(last).toBe("BLR1/2526/999999");
    expect(last).toHaveLength(16);
  });

  it("refuses a number longer than 16 characters", () => {
    expect(() => formatDocumentNumber({ storeCode: "BLR1", financialYear: fy, sequence: 1_000_000, series: "invoice" })).toThrow(
      /16 characters/,
    );
  });

  it("refuses bad store codes and sequences", () => {
    for (const storeCode of ["blr1", "0BL", "BLR-1", "ABCDEFG", ""]) {
      expect(() => formatDocumentNumber({ storeCode, financialYear: fy, sequence: 1, series: "invoice" }), storeCode).toThrow(/store code/);
    }
    expect(() => formatDocumentNumber({ storeCode: "B1", financialYear: fy, sequence: 0, series: "invoice" })).toThrow(/sequence/);
  });

  it("validates any document number: ≤ 16 of letters, digits, - and /, not starting with 0, / or -", () => {
    for (const ok of ["A", "INV-2025/0001", "1234567890123456", "ab/cd-ef"]) expect(isValidDocumentNumber(ok), ok).toBe(true);
    for (const bad of ["", "12345678901234567", "0123", "/A1", "-A1", "A 1", "A_1", "A#1", "ÄB1"])
      expect(isValidDocumentNumber(bad), bad).toBe(false);
  });

  it("parses its own numbers back", () => {
    expect(parseDocumentNumber("BLR1/2526/42")).toEqual({ storeCode: "BLR1", series: "invoice", fyCode: "2526", sequence: 42 });
    expect(parseDocumentNumber("BLR1/C2526/7")).toEqual({ storeCode: "BLR1", series: "credit_note", fyCode: "2526", sequence: 7 });
    expect(parseDocumentNumber("BLR1/2526/042")).toBeNull();
    expect(parseDocumentNumber("INV-1")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { checkGstin, GSTIN_ALPHABET, gstinCheckCharacter, gstinStateCode, isValidGstin } from "./gstin";

/** Builds a GSTIN with a correct check character from its first 14 characters. */
const withCheck = (first14: string) => first14 + gstinCheckCharacter(first14);

describe("GSTIN check character (GSTN mod-36)", () => {
  it("computes V for 27AAPFU0939F1Z, worked by hand", () => {
    // values 2,7,10,10,25,15,30,0,9,3,9,15,1,35 × factors 1,2,1,2,…; products over 36 split as
    // quotient + remainder: 2+14+10+20+25+30+30+0+9+6+9+30+1+(1+34) = 221; 221 mod 36 = 5;
    // (36 − 5) mod 36 = 31 -> "V".
    expect(gstinCheckCharacter("27AAPFU0939F1Z")).toBe("V");
    expect(GSTIN_ALPHABET[31]).toBe("V");
  });

  it("accepts GSTINs whose published check characters the algorithm reproduces", () => {
    for (const g of ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "24AAACC1206D1ZM", "27AAACR5055K1Z7"]) {
      expect(isValidGstin(g), g).toBe(true);
    }
  });

  it("refuses a wrong check character", () => {
    expect(isValidGstin("27AAPFU0939F1ZW")).toBe(false);
    expect(checkGstin("27AAPFU0939F1ZW")).toEqual({ ok: false, problem: "check_digit" });
  });

  it("catches a transposition of two adjacent characters", () => {
    expect(isValidGstin("27AAPFU9039F1ZV")).toBe(false);
    expect(isValidGstin("72AAPFU0939F1ZV")).toBe(false);
  });

  it("refuses wrong shapes: length, PAN pattern, missing Z, entity 0", () => {
    for (const g of [
      "27AAPFU0939F1Z",
      "27AAPFU0939F1ZVV",
      "2XAAPFU0939F1ZV",
      "27AAPF10939F1ZV",
      "27AAPFU0939F1YV",
      "27AAPFU0939F0ZV",
      "",
    ]) {
      expect(isValidGstin(g), g).toBe(false);
      expect(checkGstin(g)).toEqual({ ok: false, problem: "format" });
    }
  });

  it("refuses lower case in isValidGstin but normalises typed input in checkGstin", () => {
    expect(isValidGstin("27aapfu0939f1zv")).toBe(false);
    expect(checkGstin(" 27aapfu0939f1zv ")).toEqual({
      ok: true,
      gstin: "27AAPFU0939F1ZV",
      stateCode: "27",
      pan: "AAPFU0939F",
      entityNumber: "1",
    });
  });

  it("refuses a state code outside the GSTN list even with a correct check character", () => {
    const bad = withCheck("00AAPFU0939F1Z");
    expect(isValidGstin(bad)).toBe(true); // shape and check digit only
    expect(checkGstin(bad)).toEqual({ ok: false, problem: "state_code" });
    expect(checkGstin(withCheck("39AAPFU0939F1Z"))).toEqual({ ok: false, problem: "state_code" });
    expect(checkGstin(withCheck("96AAPFU0939F1Z"))).toEqual({ ok: false, problem: "state_code" });
    expect(checkGstin(withCheck("07AAPFU0939F1Z"))).toMatchObject({ ok: true, stateCode: "07" });
  });

  it("reads the state code from the first two characters", () => {
    expect(gstinStateCode("29AAGCB7383J1Z4")).toBe("29");
  });

  it("throws on a character outside the alphabet", () => {
    expect(() => gstinCheckCharacter("27aapfu0939f1z")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { amountInWordsEnglish, amountInWordsIndian, numberInEnglishWords, numberInIndianWords } from "./words";

describe("amount in words, Indian numbering", () => {
  it("writes lakh and paise in the invoice format", () => {
    expect(amountInWordsIndian(123456789)).toBe(
      "Rupees Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven and Eighty-Nine Paise Only",
    );
  });

  it("writes crore, and reads the crore count in Indian groups", () => {
    expect(numberInIndianWords(10_000_000)).toBe("One Crore");
    expect(numberInIndianWords(123_456_789)).toBe("Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred Eighty-Nine");
    expect(numberInIndianWords(1_000_000_000)).toBe("One Hundred Crore");
    expect(numberInIndianWords(1_000_000_000_000)).toBe("One Lakh Crore");
    expect(numberInIndianWords(250_00_000_01)).toBe("Two Hundred Fifty Crore One");
  });

  it("leaves out empty groups and paise", () => {
    expect(amountInWordsIndian(10_000_000_00)).toBe("Rupees One Crore Only");
    expect(amountInWordsIndian(1_00_005_00)).toBe("Rupees One Lakh Five Only");
    expect(amountInWordsIndian(11_900)).toBe("Rupees One Hundred Nineteen Only");
    expect(amountInWordsIndian(100)).toBe("Rupees One Only");
  });

  it("handles zero, teens and a single paisa", () => {
    expect(amountInWordsIndian(0)).toBe("Rupees Zero Only");
    expect(amountInWordsIndian(50)).toBe("Rupees Zero and Fifty Paise Only");
    expect(amountInWordsIndian(1)).toBe("Rupees Zero and One Paisa Only");
    expect(amountInWordsIndian(1_913)).toBe("Rupees Nineteen and Thirteen Paise Only");
    expect(numberInIndianWords(90)).toBe("Ninety");
    expect(numberInIndianWords(999_99_99_999)).toBe(
      "Nine Hundred Ninety-Nine Crore Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine",
    );
  });

  it("refuses negative and fractional amounts", () => {
    expect(() => amountInWordsIndian(-1)).toThrow(RangeError);
    expect(() => amountInWordsIndian(1.5)).toThrow(RangeError);
  });
});

describe("amount in words, English (million) numbering", () => {
  it("writes pounds and pence", () => {
    expect(amountInWordsEnglish(123456)).toBe("One Thousand Two Hundred Thirty-Four Pounds and Fifty-Six Pence");
    expect(amountInWordsEnglish(123456789)).toBe(
      "One Million Two Hundred Thirty-Four Thousand Five Hundred Sixty-Seven Pounds and Eighty-Nine Pence",
    );
  });

  it("uses singular units and skips empty groups", () => {
    expect(amountInWordsEnglish(101)).toBe("One Pound and One Penny");
    expect(amountInWordsEnglish(0)).toBe("Zero Pounds");
    expect(numberInEnglishWords(1_000_000_001)).toBe("One Billion One");
    expect(numberInEnglishWords(2_000_000_000_000)).toBe("Two Trillion");
  });

  it("takes other currency names", () => {
    expect(amountInWordsEnglish(250, { major: ["Dollar", "Dollars"], minor: ["Cent", "Cents"], minorDigits: 2 })).toBe(
      "Two Dollars and Fifty Cents",
    );
  });
});

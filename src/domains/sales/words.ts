/**
 * The amount in words printed on an invoice: Indian numbering (lakh, crore) for INR, English
 * million-scale words otherwise (pounds and pence for GBP; the currency code as the unit name for
 * other currencies, until they get their own names).
 */
import { amountInWordsEnglish, amountInWordsIndian, GBP_WORDS, minorUnitDigits } from "../tax";

/**
 * `minor` units of `currency` in words.
 * @example amountInWords(11800, "INR") // "Rupees One Hundred Eighteen Only"
 * @throws RangeError on a negative amount.
 */
export function amountInWords(minor: number, currency: string): string {
  if (currency === "INR") return amountInWordsIndian(minor);
  if (currency === "GBP") return amountInWordsEnglish(minor, GBP_WORDS);
  const digits = minorUnitDigits(currency);
  return amountInWordsEnglish(minor, { major: [currency, currency], minor: ["Minor Unit", "Minor Units"], minorDigits: digits });
}

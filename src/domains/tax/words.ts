/**
 * Amounts in words for invoices. CGST Rules rule 46 does not prescribe words, but Indian invoices
 * carry them by custom and the issue asks for them; the format here is fixed and tested:
 *
 * Indian (INR, lakh and crore): "Rupees <rupees> and <paise> Paise Only", "Rupees <rupees> Only"
 * when there are no paise, "Paisa" for exactly one. Groups: crore (10^7), lakh (10^5), thousand,
 * hundred; the crore count is itself read in Indian groups (100 crore = "One Hundred Crore",
 * 10^12 = "One Lakh Crore"). Title case, hyphenated tens ("Thirty-Four"), no "and" inside numbers.
 * @example amountInWordsIndian(123456789) // "Rupees Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven and Eighty-Nine Paise Only"
 *
 * English (million scale): "<major> Pounds and <minor> Pence", singular "Pound"/"Penny",
 * "Zero Pounds" for nothing, no trailing "Only".
 * @example amountInWordsEnglish(123456) // "One Thousand Two Hundred Thirty-Four Pounds and Fifty-Six Pence"
 */

const ONES = [
  "Zero",
  "One",
  "Two",
  "Three",
  "Four",
  "Five",
  "Six",
  "Seven",
  "Eight",
  "Nine",
  "Ten",
  "Eleven",
  "Twelve",
  "Thirteen",
  "Fourteen",
  "Fifteen",
  "Sixteen",
  "Seventeen",
  "Eighteen",
  "Nineteen",
];
const TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

function assertAmount(minor: number): void {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError("amount in words needs a non-negative safe integer (minor units)");
}

/** 0..99 in words ("" for 0 so callers can skip empty groups). */
function below100(n: number): string {
  if (n === 0) return "";
  if (n < 20) return ONES[n] as string;
  const t = TENS[Math.floor(n / 10)] as string;
  return n % 10 ? `${t}-${ONES[n % 10]}` : t;
}

/** 0..999 in words ("" for 0). */
function below1000(n: number): string {
  const h = Math.floor(n / 100);
  const parts = [h ? `${ONES[h]} Hundred` : "", below100(n % 100)];
  return parts.filter(Boolean).join(" ");
}

/** A whole number in Indian grouping ("" for 0). */
function indianWords(n: number): string {
  const crore = Math.floor(n / 1e7);
  const lakh = Math.floor(n / 1e5) % 100;
  const thousand = Math.floor(n / 1e3) % 100;
  const parts = [
    crore ? `${indianWords(crore)} Crore` : "",
    lakh ? `${below100(lakh)} Lakh` : "",
    thousand ? `${below100(thousand)} Thousand` : "",
    below1000(n % 1000),
  ];
  return parts.filter(Boolean).join(" ");
}

const SCALES = ["", "Thousand", "Million", "Billion", "Trillion"];

/** A whole number in the international (million) scale ("" for 0). */
function englishWords(n: number): string {
  const parts: string[] = [];
  for (let i = 0; n > 0; i++, n = Math.floor(n / 1000)) {
    const g = n % 1000;
    if (g) parts.unshift([below1000(g), SCALES[i] ?? ""].filter(Boolean).join(" "));
  }
  return parts.join(" ");
}

/** A non-negative whole number in Indian words: 1234567 -> "Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven"; 0 -> "Zero". */
export function numberInIndianWords(n: number): string {
  assertAmount(n);
  return indianWords(n) || "Zero";
}

/** A non-negative whole number in English (million-scale) words; 0 -> "Zero". */
export function numberInEnglishWords(n: number): string {
  assertAmount(n);
  return englishWords(n) || "Zero";
}

/**
 * An INR amount in paise, in words, Indian numbering (format in the module comment).
 * @throws RangeError on a negative or unsafe amount (credit notes print positive amounts).
 */
export function amountInWordsIndian(paise: number): string {
  assertAmount(paise);
  const rupees = Math.floor(paise / 100);
  const p = paise % 100;
  const main = `Rupees ${numberInIndianWords(rupees)}`;
  return p ? `${main} and ${numberInIndianWords(p)} ${p === 1 ? "Paisa" : "Paise"} Only` : `${main} Only`;
}

/** Names of a currency's units, singular and plural. */
export interface CurrencyWords {
  major: [string, string];
  minor: [string, string];
  /** Minor digits (2 for GBP). */
  minorDigits: number;
}

/** Pound sterling: pound(s), penny/pence. */
export const GBP_WORDS: CurrencyWords = { major: ["Pound", "Pounds"], minor: ["Penny", "Pence"], minorDigits: 2 };

/**
 * An amount in minor units, in English words with the million scale (format in the module comment).
 * @throws RangeError on a negative or unsafe amount.
 */
export function amountInWordsEnglish(minor: number, names: CurrencyWords = GBP_WORDS): string {
  assertAmount(minor);
  const unit = 10 ** names.minorDigits;
  const major = Math.floor(minor / unit);
  const rest = minor % unit;
  const main = `${numberInEnglishWords(major)} ${major === 1 ? names.major[0] : names.major[1]}`;
  return rest ? `${main} and ${numberInEnglishWords(rest)} ${rest === 1 ? names.minor[0] : names.minor[1]}` : main;
}

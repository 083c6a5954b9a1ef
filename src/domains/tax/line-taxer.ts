/**
 * The one thing a tax strategy decides: the taxable value and taxes of a line whose net amount
 * (after discounts) is known. Everything else (line amounts, discounts, summaries, round-off) is
 * shared in invoice.ts.
 */
import type { RoundingStep } from "./rounding";
import type { InvoiceLineInput, TaxAmount } from "./types";

/** Input to a line taxer. `net` is in minor units, in the prices' tax terms. */
export interface LineTaxInput {
  line: InvoiceLineInput;
  index: number;
  net: number;
  pricesIncludeTax: boolean;
  minorDigits: number;
}

/** A line's taxable value and taxes (minor units) and the rounding steps used. */
export interface LineTax {
  taxableValue: number;
  taxes: TaxAmount[];
  steps: RoundingStep[];
}

/** Computes one line's tax. Throws DomainError unprocessable on a bad rate. */
export type LineTaxer = (input: LineTaxInput) => LineTax;

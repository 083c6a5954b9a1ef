/**
 * Builders for the tax tests (imported by *.test.ts only): a line from plain strings, GST contexts.
 */
import { parseDecimal, quantity } from "./decimal";
import type { InvoiceContext, InvoiceLineInput, SupplyMode } from "./types";

let seq = 0;

/** A line: qty and price as decimal strings ("1.250", "10.125"), rate in bp. */
export function line(
  qty: string,
  price: string,
  taxRateBp: number,
  more: Partial<InvoiceLineInput> & { unit?: string } = {},
): InvoiceLineInput {
  const { unit, ...rest } = more;
  seq += 1;
  return {
    lineId: `l${seq}`,
    description: `item ${seq}`,
    quantity: quantity(qty, unit ?? "NOS"),
    unitPrice: parseDecimal(price),
    taxRateBp,
    ...rest,
  };
}

/** A GST context for a store in `state` whose GSTIN is from the same state. */
export function gstCtx(
  state: string,
  opts: { supply?: SupplyMode; inclusive?: boolean; billDiscount?: InvoiceContext["billDiscount"] } = {},
): InvoiceContext {
  return {
    currency: "INR",
    pricesIncludeTax: opts.inclusive ?? false,
    billDiscount: opts.billDiscount,
    gst: { supplierStateCode: state, storeStateCode: state, supply: opts.supply ?? { kind: "counter" } },
  };
}

/** Taxes of a computed line as {kind: amount}. */
export function taxMap(l: { taxes: { kind: string; amount: number }[] }): Record<string, number> {
  return Object.fromEntries(l.taxes.map((t) => [t.kind, t.amount]));
}

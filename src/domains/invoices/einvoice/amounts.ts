/**
 * Numbers of the NIC e-invoice JSON. Amounts are rupees with at most 2 decimals and unit prices and
 * quantities at most 3 (e-invoice schema 1.1 field rules). Every conversion goes through the exact
 * decimal string of an integer and ends with Number(text), the nearest double, which JSON writes
 * back as the same decimal: no float arithmetic ever touches money.
 */
import { type Decimal, divideRoundHalfUp, formatDecimal } from "../../tax";

/** Decimals the schema allows on a unit price or quantity. */
export const EINVOICE_PRICE_DECIMALS = 3;

/** Paise → rupees: 12345 → 123.45, -1 → -0.01. */
export function rupees(paise: number): number {
  if (!Number.isSafeInteger(paise)) throw new RangeError("paise must be an integer");
  const sign = paise < 0 ? "-" : "";
  return Number(`${sign}${formatDecimal({ units: Math.abs(paise), scale: 2 })}`);
}

/** A decimal at most `EINVOICE_PRICE_DECIMALS` places (rounded half up beyond that) as a number: {units: 101255, scale: 4} → 10.126. */
export function decimal3(d: Decimal): number {
  if (d.scale <= EINVOICE_PRICE_DECIMALS) return Number(formatDecimal(d));
  const units = divideRoundHalfUp(BigInt(d.units), 10n ** BigInt(d.scale - EINVOICE_PRICE_DECIMALS));
  return Number(formatDecimal({ units: Number(units), scale: EINVOICE_PRICE_DECIMALS }));
}

/** Rupees per unit, 3 decimals, from an amount in paise over a quantity: 10000 paise / 3 units → 33.333. */
export function unitRupees(paise: number, qty: Decimal): number {
  if (qty.units <= 0) throw new RangeError("quantity must be positive");
  // paise × 10 is thousandths of a rupee; × 10^scale undoes the quantity's scale.
  const milli = divideRoundHalfUp(BigInt(paise) * 10n * 10n ** BigInt(qty.scale), BigInt(qty.units));
  return Number(formatDecimal({ units: Number(milli), scale: EINVOICE_PRICE_DECIMALS }));
}

/** GST rate in bp → percent as the schema's GstRt number: 1800 → 18, 25 → 0.25. */
export function ratePercentNumber(bp: number): number {
  return Number(formatDecimal({ units: bp, scale: 2 }));
}

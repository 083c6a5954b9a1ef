/**
 * UPI intent URIs for a QR code at the till, in the shape of NPCI's "UPI Linking Specifications"
 * (deep link `upi://pay` with pa, pn, am, cu, tr). Pure; used by the store's Durable Object once
 * the invoice number (the transaction reference) is known.
 *
 * The payee VPA: there is no tenant or store payment setting yet, so the cashier's device sends
 * it on the UPI tender (`payeeVpa`); when it does not, {@link DEFAULT_UPI_VPA} is used. A store
 * setting should replace both (a device-supplied VPA could redirect payment; see the report).
 */

/** VPA shape: a handle, "@", a provider name (NPCI: "localpart@psp"). */
export const UPI_VPA_PATTERN = /^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9]{1,63}$/;

/** Longest transaction reference `tr` (NPCI UPI linking specification: up to 35 characters). */
export const UPI_TR_MAX_LENGTH = 35;

/** Placeholder payee used when neither the request nor a setting names one (development only). */
export const DEFAULT_UPI_VPA = "edgetill.merchant@upi";

const enc = (s: string) => encodeURIComponent(s).replace(/%40/g, "@");

/** Formats minor units as a major-unit decimal with two places: 12345 -> "123.45". */
export function upiAmount(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError("UPI amount must be a non-negative integer of paise");
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/**
 * The `upi://pay` URI for a payment of `amount` paise to `payeeVpa`, referenced by `reference`
 * (the invoice number). @throws RangeError on a malformed VPA, amount or reference.
 * @example upiPayUri({ payeeVpa: "shop@okaxis", payeeName: "Shop", amount: 11800, reference: "S1/2627/1" })
 *   // "upi://pay?pa=shop@okaxis&pn=Shop&am=118.00&cu=INR&tr=S1%2F2627%2F1"
 */
export function upiPayUri(p: { payeeVpa: string; payeeName: string; amount: number; reference: string }): string {
  if (!UPI_VPA_PATTERN.test(p.payeeVpa)) throw new RangeError("not a UPI VPA");
  if (p.reference.length === 0 || p.reference.length > UPI_TR_MAX_LENGTH) throw new RangeError("UPI reference must be 1–35 characters");
  return `upi://pay?pa=${enc(p.payeeVpa)}&pn=${enc(p.payeeName)}&am=${upiAmount(p.amount)}&cu=INR&tr=${enc(p.reference)}`;
}

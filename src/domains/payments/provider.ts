/**
 * The payment-provider adapter for UPI confirmations. A provider (Razorpay, or the local one for
 * development and tests) calls POST /v1/payments/upi/callback when a UPI payment is captured or
 * fails; its adapter proves the call came from it (a signature over the RAW body, checked before
 * anything is parsed) and translates its payload into one {@link UpiEvent}. The route never sees a
 * provider's payload shape; adding a provider is one adapter and one line in upiProviders (providers.ts).
 */

/** What a callback request offers an adapter: its headers and the body exactly as received. */
export interface CallbackRequest {
  headers: Headers;
  rawBody: Uint8Array;
}

/** A provider's callback in our terms. */
export interface UpiEvent {
  /** Our `tr`: the invoice number the UPI payload carried (durable-objects/pos/checkout.ts). */
  reference: string;
  /** The tenant whose sale this is (tenant id), as our payment request told the provider. */
  tenantId: string;
  /** What the customer paid, minor units (paise). */
  amount: number;
  /** ISO 4217 code of `amount`. */
  currency: string;
  /** The provider's id of the payment (Razorpay "pay_…"). */
  providerPaymentId: string;
  status: "captured" | "failed";
}

/**
 * The answer of an adapter: a verified event; a verified callback that is none of our business
 * (another event type, or a payment not made through Edgetill) with the reason; or `ok: false`
 * when the signature does not verify (nothing in the body may then be trusted or even parsed).
 */
export type CallbackVerdict = { ok: true; event: UpiEvent } | { ok: true; ignored: string } | { ok: false; reason: string };

/** One payment provider's webhook scheme. */
export interface UpiProvider {
  /** Recorded on the confirmed tender (TenderConfirmation.via). */
  name: "razorpay" | "local";
  /** The header carrying this provider's signature: its presence picks the adapter. */
  signatureHeader: string;
  /** Verifies the signature over `rawBody` first, then reads the payload. Never throws on bad input. */
  verifyCallback(request: CallbackRequest): Promise<CallbackVerdict>;
}

/** Lower-case hex of 32 bytes: the length of an HMAC-SHA256 digest. */
const HMAC_SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Whether `hexSignature` is the HMAC-SHA256 of `body` under `secret` (RFC 2104), compared by
 * WebCrypto's verify (constant time). A malformed signature is simply false.
 */
export async function verifyHmacSha256Hex(secret: string, body: Uint8Array, hexSignature: string | null): Promise<boolean> {
  if (!hexSignature || !HMAC_SHA256_HEX.test(hexSignature)) return false;
  const sig = new Uint8Array(32);
  for (let i = 0; i < 32; i++) sig[i] = Number.parseInt(hexSignature.slice(i * 2, i * 2 + 2), 16);
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return crypto.subtle.verify("HMAC", key, sig, body);
}

/** Parses a verified body as a JSON object, or null. */
export function parseObject(rawBody: Uint8Array): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(rawBody));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Webhook signatures, on the scheme Stripe documents for its webhooks ("Verify webhook
 * signatures manually"): the header
 *
 *     Edgetill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * A receiver recomputes the HMAC over the timestamp, a full stop and the raw body bytes it
 * received, compares it with v1 in constant time, and refuses a timestamp older than its
 * tolerance (we suggest 5 minutes) so a captured delivery cannot be replayed later. More than one
 * v1 may appear (during a secret rotation); any match is enough. docs/events.md shows it.
 */
import { hmacSha256Hex, timingSafeEqual } from "../../platform/crypto";

/** The signature header's name. */
export const SIGNATURE_HEADER = "Edgetill-Signature";
/** Suggested replay tolerance: 300 seconds (Stripe's default tolerance in its libraries). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The string that is signed: "<t>.<body>" (Stripe's "signed_payload"). */
export function signedPayload(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

/** The Edgetill-Signature header value for `body` at unix time `timestamp` (seconds). */
export async function signatureHeader(secret: string, body: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, signedPayload(timestamp, body))}`;
}

/**
 * Checks a signature header as a receiver would.
 * @param nowSeconds the receiver's clock, unix seconds.
 * @returns true when some v1 matches and the timestamp is within the tolerance.
 */
export async function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): Promise<boolean> {
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = await hmacSha256Hex(secret, signedPayload(t, body));
  return parts.some(([k, v]) => k === "v1" && v !== undefined && timingSafeEqual(v, expected));
}

/**
 * The local UPI provider, for development and tests (refused in production: providers.ts). It
 * stands in for a real gateway when nobody's phone pays: sign a small JSON body with the same
 * secret (UPI_WEBHOOK_SECRET in .dev.vars) and post it to /v1/payments/upi/callback.
 *
 * Header `X-Edgetill-Upi-Signature`: lower-case hex HMAC-SHA256 of the raw body.
 * Body: `{ "status": "captured" | "failed", "reference": "<tr: invoice number>", "tenantId": "ten_…",
 *          "amount": <paise>, "currency": "INR", "paymentId": "<any id>" }`.
 * @example
 *   body='{"status":"captured","reference":"MUM1/2627/7","tenantId":"ten_…","amount":118000,"currency":"INR","paymentId":"local_1"}'
 *   sig=$(printf %s "$body" | openssl dgst -sha256 -hmac "$UPI_WEBHOOK_SECRET" -hex | cut -d' ' -f2)
 *   curl -H "Host: demo.localhost" -H 'Content-Type: application/json' -H "X-Edgetill-Upi-Signature: $sig" \
 *        -d "$body" http://127.0.0.1:8787/v1/payments/upi/callback
 */
import { z } from "zod";
import { type CallbackRequest, type CallbackVerdict, parseObject, type UpiProvider, verifyHmacSha256Hex } from "./provider";

/** The local provider's signature header. */
export const LOCAL_SIGNATURE_HEADER = "X-Edgetill-Upi-Signature";

/** The local provider's body. */
export const LocalCallbackBody = z.object({
  status: z.enum(["captured", "failed"]),
  reference: z.string().trim().min(1).max(35),
  tenantId: z.string().min(1).max(64),
  amount: z.number().int().positive(),
  currency: z.string().length(3).default("INR"),
  paymentId: z.string().trim().min(1).max(64),
});

/** The local adapter keyed with `secret`. */
export function localUpiProvider(secret: string): UpiProvider {
  return {
    name: "local",
    signatureHeader: LOCAL_SIGNATURE_HEADER,
    async verifyCallback({ headers, rawBody }: CallbackRequest): Promise<CallbackVerdict> {
      if (!(await verifyHmacSha256Hex(secret, rawBody, headers.get(LOCAL_SIGNATURE_HEADER))))
        return { ok: false, reason: `The ${LOCAL_SIGNATURE_HEADER} does not match the body` };
      const parsed = LocalCallbackBody.safeParse(parseObject(rawBody));
      if (!parsed.success) return { ok: true, ignored: "not a local UPI callback body" };
      const b = parsed.data;
      return {
        ok: true,
        event: {
          reference: b.reference,
          tenantId: b.tenantId,
          amount: b.amount,
          currency: b.currency.toUpperCase(),
          providerPaymentId: b.paymentId,
          status: b.status,
        },
      };
    },
  };
}

/**
 * Razorpay's webhook scheme, as Razorpay documents it (razorpay.com/docs/webhooks, "Validate and
 * Test Webhooks" and "Payment Payloads"):
 * - header `X-Razorpay-Signature`: lower-case hex HMAC-SHA256 of the RAW request body, keyed with
 *   the webhook secret set in the Razorpay Dashboard (our binding UPI_WEBHOOK_SECRET);
 * - body: `{ entity: "event", event: "payment.captured" | "payment.failed" | …, contains: ["payment"],
 *   payload: { payment: { entity: { id: "pay_…", amount (paise), currency, status, method, notes, … } } } }`.
 *
 * Our reference travels in the payment's `notes` (Razorpay's free key-value map, up to 15 pairs,
 * copied from the order or QR code we create): `edgetill_ref` is the `tr` of our UPI payload (the
 * invoice number) and `edgetill_tenant` the tenant id, so one Razorpay account and secret can serve
 * every tenant without an invoice number of one tenant settling another's sale. Razorpay sends
 * `notes: []` when there are none; a payment without our notes is not ours and is ignored.
 */
import { z } from "zod";
import { type CallbackRequest, type CallbackVerdict, parseObject, type UpiProvider, verifyHmacSha256Hex } from "./provider";

/** The signature header (Razorpay docs: "X-Razorpay-Signature"). Headers are case-insensitive. */
export const RAZORPAY_SIGNATURE_HEADER = "X-Razorpay-Signature";
/** Key of our reference (the UPI `tr`, an invoice number) in a payment's notes. */
export const RAZORPAY_REF_NOTE = "edgetill_ref";
/** Key of the tenant id in a payment's notes. */
export const RAZORPAY_TENANT_NOTE = "edgetill_tenant";

/** The events that confirm or fail a payment, and the entity status each carries. */
const PAYMENT_EVENTS = { "payment.captured": "captured", "payment.failed": "failed" } as const;

const Notes = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullish();
const PaymentEvent = z.object({
  event: z.string(),
  payload: z.object({
    payment: z.object({
      entity: z.object({
        id: z.string().min(1).max(64),
        amount: z.number().int().positive(),
        currency: z.string().length(3),
        status: z.string(),
        notes: Notes,
      }),
    }),
  }),
});

function note(notes: z.infer<typeof Notes>, key: string): string | null {
  if (!notes || Array.isArray(notes)) return null;
  const v = notes[key];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/**
 * The Razorpay adapter keyed with the webhook `secret`.
 * @example
 * const verdict = await razorpayUpiProvider(env.UPI_WEBHOOK_SECRET).verifyCallback({ headers, rawBody });
 * if (verdict.ok && "event" in verdict) settle(verdict.event);
 */
export function razorpayUpiProvider(secret: string): UpiProvider {
  return {
    name: "razorpay",
    signatureHeader: RAZORPAY_SIGNATURE_HEADER,
    async verifyCallback({ headers, rawBody }: CallbackRequest): Promise<CallbackVerdict> {
      // The signature is over the exact bytes received: verify before parsing anything.
      if (!(await verifyHmacSha256Hex(secret, rawBody, headers.get(RAZORPAY_SIGNATURE_HEADER))))
        return { ok: false, reason: "The X-Razorpay-Signature does not match the body" };
      const body = parseObject(rawBody);
      const type = typeof body?.event === "string" ? body.event : null;
      if (!type || !(type in PAYMENT_EVENTS)) return { ok: true, ignored: `event ${type ?? "(none)"} is not a payment capture or failure` };
      const parsed = PaymentEvent.safeParse(body);
      if (!parsed.success) return { ok: true, ignored: `a ${type} without a payment entity` };
      const p = parsed.data.payload.payment.entity;
      const reference = note(p.notes, RAZORPAY_REF_NOTE);
      const tenantId = note(p.notes, RAZORPAY_TENANT_NOTE);
      if (!reference || !tenantId)
        return { ok: true, ignored: `payment ${p.id} carries no ${RAZORPAY_REF_NOTE}/${RAZORPAY_TENANT_NOTE} notes` };
      return {
        ok: true,
        event: {
          reference,
          tenantId,
          amount: p.amount,
          currency: p.currency.toUpperCase(),
          providerPaymentId: p.id,
          status: PAYMENT_EVENTS[type as keyof typeof PAYMENT_EVENTS],
        },
      };
    },
  };
}

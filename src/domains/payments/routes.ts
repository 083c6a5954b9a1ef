/**
 * Payment routes: confirming UPI tenders that await their payment.
 * - POST /v1/payments/upi/callback: a payment provider's webhook on the tenant's host. No bearer
 *   token: the provider's signature over the raw body authenticates it, so the body is read as
 *   bytes and verified BEFORE it is parsed (no body validator is declared: one would parse and
 *   re-serialize it first). No idempotency middleware either: the confirmation is idempotent by
 *   payment id, and providers redeliver until they see a 2xx.
 * - POST /v1/sales/{saleId}/tenders/{index}/confirm: the cashier keys the reference shown on the
 *   customer's phone (sales.create, in the sale's store; Idempotency-Key required as for every sale write).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import { serviceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { confirmProviderPayment, confirmTenderByCashier, providerActor } from "./confirm";
import { LOCAL_SIGNATURE_HEADER } from "./local";
import { providerFor, upiProviders } from "./providers";
import { RAZORPAY_SIGNATURE_HEADER } from "./razorpay";

/** /v1/payments/upi/callback and /v1/sales/{saleId}/tenders/{index}/confirm */
export const paymentRoutes = createRouter();

const CALLBACK = "/v1/payments/upi/callback";
const CONFIRM = "/v1/sales/:saleId/tenders/:index/confirm";
// Exact paths only (Hono's "/x/*" also matches "/x"). The confirm path also passes salesRoutes'
// "/v1/sales/*" middleware; registering it here too keeps this router safe in any mount order
// (requireAuth and idempotency are no-ops the second time).
paymentRoutes.use(CALLBACK, requireFeature("pos"));
paymentRoutes.use(CONFIRM, requireAuth(), requireFeature("pos"), idempotency({ store: "tenant", required: true }));

const Tender = z
  .object({
    type: z.string(),
    amount: z.number().int(),
    reference: z.string().nullable(),
    status: z.enum(["settled", "awaiting_confirmation"]),
    confirmation: z
      .object({
        via: z.enum(["razorpay", "local", "cashier"]),
        paymentId: z.string(),
        amount: z.number().int(),
        at: z.string(),
        actor: z.string(),
      })
      .optional(),
  })
  .passthrough();

const ConfirmationOut = z
  .object({
    outcome: z.enum(["settled", "unchanged"]),
    saleId: z.string(),
    invoiceNumber: z.string(),
    tenderIndex: z.number().int(),
    tender: Tender,
  })
  .openapi("UpiConfirmation");

const CallbackOut = z
  .union([ConfirmationOut, z.object({ outcome: z.literal("ignored"), reason: z.string() })])
  .openapi("UpiCallbackAnswer");

function answer(out: Awaited<ReturnType<typeof confirmProviderPayment>>) {
  const { changed, ...rest } = out;
  return { outcome: changed ? ("settled" as const) : ("unchanged" as const), ...rest };
}

paymentRoutes.openapi(
  createRoute({
    method: "post",
    path: CALLBACK,
    operationId: "upiPaymentCallback",
    tags: ["Payments"],
    summary: "A payment provider's UPI callback (Razorpay webhook): settles the awaiting UPI tender it paid",
    description: `No bearer token: the provider's signature over the raw JSON body authenticates the call (Razorpay: \`${RAZORPAY_SIGNATURE_HEADER}\`, hex HMAC-SHA256 with the webhook secret; development: \`${LOCAL_SIGNATURE_HEADER}\`). Razorpay bodies are its \`payment.captured\`/\`payment.failed\` events whose payment notes carry \`edgetill_ref\` (the invoice number, the UPI \`tr\`) and \`edgetill_tenant\`. A redelivery answers \`unchanged\`.`,
    responses: {
      200: jsonResponse(CallbackOut, "Settled, unchanged (a redelivery), or ignored (not a payment of ours, or a failed payment)"),
      ...authErrors,
      409: writeErrors[409],
      422: writeErrors[422],
    },
  }),
  async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const provider = providerFor(upiProviders(c.env), c.req.raw.headers);
    if (!provider) throw new DomainError("unauthenticated", "No payment provider signature on this callback");
    const verdict = await provider.verifyCallback({ headers: c.req.raw.headers, rawBody });
    if (!verdict.ok) throw new DomainError("unauthenticated", verdict.reason);
    if ("ignored" in verdict) return c.json({ outcome: "ignored" as const, reason: verdict.ignored }, 200);
    const event = verdict.event;
    // A failed payment leaves the tender awaiting: the cashier asks for another payment.
    if (event.status !== "captured")
      return c.json({ outcome: "ignored" as const, reason: `payment ${event.providerPaymentId} failed` }, 200);
    const ctx = providerContext(c, provider.name);
    const out = await confirmProviderPayment({ ctx, input: { provider: provider.name, event: { ...event, status: "captured" } } });
    return c.json(answer(out) as z.infer<typeof ConfirmationOut>, 200);
  },
);

/** The ServiceContext of a verified callback: the host's tenant, acting as the provider. */
function providerContext(c: Context<AppEnv>, provider: "razorpay" | "local") {
  const tenant = c.get("tenant");
  const d1 = c.get("tenantD1");
  if (!tenant || !d1) throw new DomainError("tenant_not_found");
  return serviceContext(c.env, tenant, d1, providerActor(provider), c.get("requestId"));
}

paymentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/sales/{saleId}/tenders/{index}/confirm",
    operationId: "confirmUpiTender",
    tags: ["Sales"],
    security: [{ bearer: [] }],
    summary: "Settle an awaiting UPI tender with the reference the cashier keyed (the UTR on the customer's phone)",
    request: {
      params: z.object({
        saleId: z.string().min(1).max(64),
        // A string in the schema: a coerced number would make this path parameter optional in the OpenAPI document.
        index: z.string().regex(/^\d$/, "a tender position 0–9").openapi({ example: "0" }),
      }),
      headers: z.object({ "idempotency-key": z.string().min(8).max(200) }),
      body: jsonBody(
        z.object({
          reference: z
            .string()
            .trim()
            .min(4)
            .max(64)
            .openapi({ description: "The UPI transaction reference (UTR) the customer's app shows", example: "432109876543" }),
        }),
      ),
    },
    responses: { 200: jsonResponse(ConfirmationOut, "The tender, settled (or unchanged: the same reference again)"), ...writeErrors },
  }),
  async (c) => {
    const p = c.req.valid("param");
    const out = await confirmTenderByCashier({
      ctx: ctxOf(c),
      input: {
        saleId: p.saleId,
        index: Number(p.index),
        reference: c.req.valid("json").reference,
        idempotencyKey: c.req.header("idempotency-key"),
      },
    });
    return c.json(answer(out) as z.infer<typeof ConfirmationOut>, 200);
  },
);

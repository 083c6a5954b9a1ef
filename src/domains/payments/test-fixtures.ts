/**
 * Fixtures for the payment tests (imported by *.test.ts only): a shop with a UPI sale awaiting
 * confirmation, the recorded Razorpay payload re-addressed to that sale, and an HMAC signer written
 * with WebCrypto directly — independent of the adapter's own verification code.
 */
import { env } from "cloudflare:workers";
import { call, createStore, json, signup, type TestTenant } from "../../../test/helpers";
import { addProducts, product, sell } from "../sales/test-fixtures";
import recorded from "./fixtures/razorpay-payment-captured.json";

/** A tenant with store U1 and a ₹1,180 service (₹1,000 + 18 % GST). */
export async function upiShop(): Promise<{ t: TestTenant; storeId: string }> {
  const t = await signup();
  const storeId = await createStore(t, "U1");
  await addProducts(t, [product("SVC", 100000, 18, "998714", { kind: "service" })]);
  return { t, storeId };
}

/** Sells the service for `tenders` (default: ₹1,180 by UPI without a reference); returns the sale. */
export async function upiSale(t: TestTenant, storeId: string, tenders: unknown[] = [{ type: "upi", amount: 118000 }]) {
  const res = await sell(t, storeId, { lines: [{ sku: "SVC", quantity: 1 }], tenders });
  if (res.status !== 201) throw new Error(`sale failed: ${res.status} ${await res.text()}`);
  return (await json(res)) as { id: string; invoice: { number: string }; tenders: { status: string; upiUri?: string }[] };
}

/** The recorded payment.captured event, paying `amount` paise for invoice `ref` of tenant `tenantId`. */
export function razorpayEvent(p: { ref: string; tenantId: string; amount: number; paymentId?: string; event?: string }) {
  const e = structuredClone(recorded);
  e.event = p.event ?? "payment.captured";
  const pay = e.payload.payment.entity;
  pay.amount = p.amount;
  if (p.paymentId) pay.id = p.paymentId;
  if (e.event === "payment.failed") {
    pay.status = "failed";
    pay.captured = false;
  }
  pay.notes = { edgetill_ref: p.ref, edgetill_tenant: p.tenantId };
  return e;
}

/** Lower-case hex HMAC-SHA256 of `body` under `secret` (Razorpay's webhook signature). */
export async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The webhook secret the tests' Worker is bound with (vitest.config.ts). */
export function webhookSecret(): string {
  const s = (env as { UPI_WEBHOOK_SECRET?: string }).UPI_WEBHOOK_SECRET;
  if (!s) throw new Error("UPI_WEBHOOK_SECRET is not bound in the test config");
  return s;
}

/** POSTs `raw` to the callback on `host` with `headers` (no bearer token). */
export function postCallback(host: string, raw: string, headers: Record<string, string>): Promise<Response> {
  return call("POST", "/v1/payments/upi/callback", { host, rawBody: raw, headers: { "content-type": "application/json", ...headers } });
}

/** Signs `raw` as Razorpay would and posts it to the callback on `host`. */
export async function razorpayCallback(host: string, raw: string, signature?: string): Promise<Response> {
  return postCallback(host, raw, { "X-Razorpay-Signature": signature ?? (await hmacHex(webhookSecret(), raw)) });
}

/** GET /v1/sales/{id} as the owner: the sale document. */
export async function saleOf(t: TestTenant, saleId: string) {
  return (await json(await call("GET", `/v1/sales/${saleId}`, { host: t.host, token: t.accessToken }))).sale as {
    tenders: { type: string; amount: number; status: string; reference: string | null; confirmation?: Record<string, unknown> }[];
  };
}

import { describe, expect, it } from "vitest";
import recorded from "./fixtures/razorpay-payment-captured.json";
import { localUpiProvider } from "./local";
import { providerFor, upiProviders } from "./providers";
import { RAZORPAY_SIGNATURE_HEADER, razorpayUpiProvider } from "./razorpay";
import { hmacHex } from "./test-fixtures";

const SECRET = "whsec-test-0123456789abcdef";
const enc = (s: string) => new TextEncoder().encode(s);

async function verdictOf(raw: string, signature?: string, header = RAZORPAY_SIGNATURE_HEADER) {
  const headers = new Headers({ [header]: signature ?? (await hmacHex(SECRET, raw)) });
  return razorpayUpiProvider(SECRET).verifyCallback({ headers, rawBody: enc(raw) });
}

describe("Razorpay adapter", () => {
  it("reads the recorded payment.captured into our event once its signature verifies", async () => {
    const raw = JSON.stringify(recorded);
    expect(await verdictOf(raw)).toEqual({
      ok: true,
      event: {
        reference: "U1/2627/1",
        tenantId: "ten_0193a0c0e6b07c2a9f5e2b1d3c4e5f71",
        amount: 118000,
        currency: "INR",
        providerPaymentId: "pay_DESlfW9H8K9uqM",
        status: "captured",
      },
    });
    // Header names are case-insensitive; the hex digest may come in upper case.
    expect((await verdictOf(raw, (await hmacHex(SECRET, raw)).toUpperCase(), "x-razorpay-signature")).ok).toBe(true);
  });

  it("refuses a wrong, truncated or missing signature before parsing the body", async () => {
    const raw = JSON.stringify(recorded);
    const good = await hmacHex(SECRET, raw);
    expect((await verdictOf(raw, good.slice(0, 63))).ok).toBe(false);
    expect((await verdictOf(raw, good.slice(0, 63) + (good.endsWith("0") ? "1" : "0"))).ok).toBe(false);
    expect((await verdictOf("{not json", await hmacHex("other", "{not json"))).ok).toBe(false);
    const none = await razorpayUpiProvider(SECRET).verifyCallback({ headers: new Headers(), rawBody: enc(raw) });
    expect(none.ok).toBe(false);
  });

  it("ignores verified events that are not ours: other types, no notes, a body that is not JSON", async () => {
    expect(await verdictOf(JSON.stringify({ ...recorded, event: "order.paid" }))).toMatchObject({ ok: true, ignored: expect.any(String) });
    const noNotes = structuredClone(recorded) as { payload: { payment: { entity: { notes: unknown } } } };
    noNotes.payload.payment.entity.notes = [];
    expect(await verdictOf(JSON.stringify(noNotes))).toMatchObject({ ok: true, ignored: expect.stringContaining("edgetill_ref") });
    expect(await verdictOf("not json")).toMatchObject({ ok: true, ignored: expect.any(String) });
  });

  it("maps payment.failed to a failed event", async () => {
    const failed = structuredClone(recorded);
    failed.event = "payment.failed";
    failed.payload.payment.entity.status = "failed";
    expect(await verdictOf(JSON.stringify(failed))).toMatchObject({ ok: true, event: { status: "failed" } });
  });
});

describe("provider selection", () => {
  it("offers nothing without the secret, and the local provider only outside production", () => {
    expect(upiProviders({ ENVIRONMENT: "test" })).toEqual([]);
    expect(upiProviders({ ENVIRONMENT: "test", UPI_WEBHOOK_SECRET: SECRET }).map((p) => p.name)).toEqual(["razorpay", "local"]);
    expect(upiProviders({ ENVIRONMENT: "production", UPI_WEBHOOK_SECRET: SECRET }).map((p) => p.name)).toEqual(["razorpay"]);
    const prod = upiProviders({ ENVIRONMENT: "production", UPI_WEBHOOK_SECRET: SECRET });
    expect(providerFor(prod, new Headers({ "X-Edgetill-Upi-Signature": "00" }))).toBeUndefined();
  });

  it("reads the local provider's body once its signature verifies", async () => {
    const raw = JSON.stringify({ status: "captured", reference: "U1/2627/1", tenantId: "ten_1", amount: 500, paymentId: "local_9" });
    const headers = new Headers({ "X-Edgetill-Upi-Signature": await hmacHex(SECRET, raw) });
    expect(await localUpiProvider(SECRET).verifyCallback({ headers, rawBody: enc(raw) })).toMatchObject({
      ok: true,
      event: { reference: "U1/2627/1", amount: 500, currency: "INR", providerPaymentId: "local_9", status: "captured" },
    });
  });
});

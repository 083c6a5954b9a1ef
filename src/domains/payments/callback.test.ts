import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";
import { LOCAL_SIGNATURE_HEADER } from "./local";
import { hmacHex, postCallback, razorpayCallback, razorpayEvent, saleOf, upiSale, upiShop, webhookSecret } from "./test-fixtures";

/** A shop with one ₹1,180 UPI sale awaiting confirmation, and the signed-ready Razorpay body paying it. */
async function awaiting(amount = 118000) {
  const { t, storeId } = await upiShop();
  const sale = await upiSale(t, storeId);
  expect(sale.tenders[0]?.status).toBe("awaiting_confirmation");
  // The `tr` of the QR payload is the invoice number; our Razorpay request copies it into the notes.
  expect(sale.tenders[0]?.upiUri).toContain(`tr=${encodeURIComponent(sale.invoice.number)}`);
  const raw = JSON.stringify(razorpayEvent({ ref: sale.invoice.number, tenantId: t.id, amount, paymentId: "pay_N3xQ1bKq8wE2aZ" }));
  return { t, storeId, sale, raw };
}

describe("POST /v1/payments/upi/callback (Razorpay)", () => {
  it("settles the awaiting UPI tender a signed payment.captured pays, with the provider's payment id", async () => {
    const { t, sale, raw } = await awaiting();
    const res = await razorpayCallback(t.host, raw);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      outcome: "settled",
      saleId: sale.id,
      invoiceNumber: sale.invoice.number,
      tenderIndex: 0,
      tender: { status: "settled", reference: "pay_N3xQ1bKq8wE2aZ" },
    });
    const after = await saleOf(t, sale.id);
    expect(after.tenders[0]).toMatchObject({
      type: "upi",
      status: "settled",
      reference: "pay_N3xQ1bKq8wE2aZ",
      confirmation: { via: "razorpay", paymentId: "pay_N3xQ1bKq8wE2aZ", amount: 118000, actor: "system:upi-razorpay" },
    });
    const audit = await json(await call("GET", "/v1/audit?action=payment.confirmed", { host: t.host, token: t.accessToken }));
    expect(JSON.stringify(audit)).toContain(sale.id);
  });

  it("changes nothing when the same callback is delivered again", async () => {
    const { t, sale, raw } = await awaiting();
    expect((await razorpayCallback(t.host, raw)).status).toBe(200);
    const before = await saleOf(t, sale.id);
    const again = await razorpayCallback(t.host, raw);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ outcome: "unchanged", tenderIndex: 0, tender: { reference: "pay_N3xQ1bKq8wE2aZ" } });
    expect(await saleOf(t, sale.id)).toEqual(before);
  });

  it("refuses a body changed after it was signed (401) and changes nothing", async () => {
    const { t, sale, raw } = await awaiting();
    const signature = await hmacHex(webhookSecret(), raw);
    const tampered = raw.replace("pay_N3xQ1bKq8wE2aZ", "pay_Forged00000000");
    const res = await razorpayCallback(t.host, tampered, signature);
    expect(await problem(res)).toMatchObject({ status: 401, code: "unauthenticated", contentType: "application/problem+json" });
    // One byte of whitespace is a different body too: the signature is over the raw bytes.
    expect((await razorpayCallback(t.host, `${raw} `, signature)).status).toBe(401);
    expect((await saleOf(t, sale.id)).tenders[0]?.status).toBe("awaiting_confirmation");
  });

  it("refuses a callback without a signature, with a malformed one, or signed with another secret", async () => {
    const { t, raw } = await awaiting();
    expect((await postCallback(t.host, raw, {})).status).toBe(401);
    expect((await razorpayCallback(t.host, raw, "not-hex")).status).toBe(401);
    expect((await razorpayCallback(t.host, raw, await hmacHex("another-webhook-secret", raw))).status).toBe(401);
  });

  it("refuses a payment of another amount (422) and leaves the tender awaiting", async () => {
    const { t, sale, raw } = await awaiting(117900);
    expect(await problem(await razorpayCallback(t.host, raw))).toMatchObject({ status: 422, code: "unprocessable" });
    expect((await saleOf(t, sale.id)).tenders[0]).toMatchObject({ status: "awaiting_confirmation", reference: null });
  });

  it("answers 404 for an unknown reference", async () => {
    const { t } = await awaiting();
    const raw = JSON.stringify(razorpayEvent({ ref: "U1/2627/999", tenantId: t.id, amount: 118000 }));
    expect(await problem(await razorpayCallback(t.host, raw))).toMatchObject({ status: 404, code: "not_found" });
  });

  it("answers 404 on another tenant's host, even one with the same invoice number, and changes nothing", async () => {
    const { t, sale, raw } = await awaiting();
    const other = await upiShop();
    const theirs = await upiSale(other.t, other.storeId);
    expect(theirs.invoice.number).toBe(sale.invoice.number); // same store code, same first number
    expect(await problem(await razorpayCallback(other.t.host, raw))).toMatchObject({ status: 404, code: "not_found" });
    expect((await saleOf(other.t, theirs.id)).tenders[0]?.status).toBe("awaiting_confirmation");
    expect((await saleOf(t, sale.id)).tenders[0]?.status).toBe("awaiting_confirmation");
    const stranger = await signup();
    expect((await razorpayCallback(stranger.host, raw)).status).toBe(404);
  });

  it("acknowledges a failed payment and a payment not made through Edgetill without changing anything", async () => {
    const { t, sale } = await awaiting();
    const failed = JSON.stringify(razorpayEvent({ ref: sale.invoice.number, tenantId: t.id, amount: 118000, event: "payment.failed" }));
    expect(await json(await razorpayCallback(t.host, failed))).toMatchObject({ outcome: "ignored" });
    const foreign = razorpayEvent({ ref: sale.invoice.number, tenantId: t.id, amount: 118000 });
    (foreign.payload.payment.entity as { notes: unknown }).notes = [];
    expect(await json(await razorpayCallback(t.host, JSON.stringify(foreign)))).toMatchObject({ outcome: "ignored" });
    const other = { ...foreign, event: "refund.created" };
    expect(await json(await razorpayCallback(t.host, JSON.stringify(other)))).toMatchObject({ outcome: "ignored" });
    expect((await saleOf(t, sale.id)).tenders[0]?.status).toBe("awaiting_confirmation");
  });

  it("tells two UPI tenders of one sale apart by amount", async () => {
    const { t, storeId } = await upiShop();
    const sale = await upiSale(t, storeId, [
      { type: "upi", amount: 18000 },
      { type: "upi", amount: 100000 },
    ]);
    const raw = JSON.stringify(
      razorpayEvent({ ref: sale.invoice.number, tenantId: t.id, amount: 100000, paymentId: "pay_Second000000001" }),
    );
    expect(await json(await razorpayCallback(t.host, raw))).toMatchObject({ outcome: "settled", tenderIndex: 1 });
    const after = await saleOf(t, sale.id);
    expect(after.tenders.map((x) => x.status)).toEqual(["awaiting_confirmation", "settled"]);
  });

  it("takes the local provider's signed callback outside production", async () => {
    const { t, sale } = await awaiting();
    const raw = JSON.stringify({
      status: "captured",
      reference: sale.invoice.number,
      tenantId: t.id,
      amount: 118000,
      currency: "INR",
      paymentId: "local_1",
    });
    expect((await postCallback(t.host, raw, { [LOCAL_SIGNATURE_HEADER]: "00".repeat(32) })).status).toBe(401);
    const res = await postCallback(t.host, raw, { [LOCAL_SIGNATURE_HEADER]: await hmacHex(webhookSecret(), raw) });
    expect(await json(res)).toMatchObject({ outcome: "settled", tender: { confirmation: { via: "local", paymentId: "local_1" } } });
  });

  it("is in the OpenAPI document without a bearer requirement", async () => {
    const doc = await json(await call("GET", "/openapi.json"));
    const op = doc.paths["/v1/payments/upi/callback"].post;
    expect(op.operationId).toBe("upiPaymentCallback");
    expect(op.security).toBeUndefined();
    expect(doc.paths["/v1/sales/{saleId}/tenders/{index}/confirm"].post.operationId).toBe("confirmUpiTender");
  });
});

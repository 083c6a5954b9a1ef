import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { payloadIssues } from "../../src/platform/events/catalogue";
import { freshStore } from "../ledger/testing";
import type { StoreDurableObject } from "../store";
import { draft } from "./testing";

type Stub = ReturnType<typeof freshStore>["stub"];

function confirmations(stub: Stub) {
  return runInDurableObject(stub, (_i: StoreDurableObject, s) =>
    s.storage.sql
      .exec<{ payload: string }>("SELECT payload FROM outbox WHERE type = 'payment.confirmed' ORDER BY seq")
      .toArray()
      .map((r) => JSON.parse(r.payload) as Record<string, unknown>),
  );
}

/** A ₹100 sale paid ₹40 in cash and ₹60 by UPI awaiting confirmation. */
async function upiSale(stub: Stub, storeId: string) {
  const d = draft(storeId);
  d.tenders = [
    { type: "cash", amount: 4000, reference: null },
    { type: "upi", amount: 6000, reference: null },
  ];
  const r = await stub.posCheckout({ actor: "usr_test", draft: d });
  if (!r.ok) throw new Error(r.detail);
  expect(r.sale.tenders[1]?.status).toBe("awaiting_confirmation");
  return r.sale;
}

describe("posConfirmUpi", () => {
  it("settles the UPI tender of the paid amount once and emits one catalogued payment.confirmed", async () => {
    const { storeId, stub } = freshStore();
    const sale = await upiSale(stub, storeId);
    const input = { actor: "system:upi-razorpay", saleId: sale.id, via: "razorpay" as const, paymentId: "pay_A1", amount: 6000 };
    const first = await stub.posConfirmUpi(input);
    expect(first).toMatchObject({
      ok: true,
      changed: true,
      tenderIndex: 1,
      sale: { tenders: [{ status: "settled" }, { status: "settled" }] },
    });
    const again = await stub.posConfirmUpi(input);
    expect(again).toMatchObject({ ok: true, changed: false, tenderIndex: 1 });
    const events = await confirmations(stub);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      saleId: sale.id,
      invoiceNumber: sale.invoice.number,
      tenderIndex: 1,
      amount: 6000,
      paymentId: "pay_A1",
    });
    expect(payloadIssues("payment.confirmed", 1, events[0])).toEqual([]);
    const got = await stub.getSale(sale.id);
    expect(got.ok && got.sale.tenders[1]?.confirmation?.paymentId).toBe("pay_A1");
  });

  it("refuses another amount, a second payment, and a cancelled sale, writing nothing", async () => {
    const { storeId, stub } = freshStore();
    const sale = await upiSale(stub, storeId);
    const base = { actor: "system:upi-razorpay", saleId: sale.id, via: "razorpay" as const };
    expect(await stub.posConfirmUpi({ ...base, paymentId: "pay_X", amount: 5999 })).toMatchObject({ ok: false, code: "unprocessable" });
    expect(await stub.posConfirmUpi({ ...base, paymentId: "pay_A1", amount: 6000 })).toMatchObject({ ok: true, changed: true });
    expect(await stub.posConfirmUpi({ ...base, paymentId: "pay_B2", amount: 6000 })).toMatchObject({ ok: false, code: "conflict" });
    expect(await stub.posConfirmUpi({ ...base, saleId: "sal_missing", paymentId: "pay_C", amount: 6000 })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await confirmations(stub)).toHaveLength(1);

    const other = await upiSale(stub, storeId);
    const cancelled = await stub.posCancelInvoice({
      actor: "usr_test",
      invoiceId: other.invoice.id,
      timeZone: "Asia/Kolkata",
      reason: "test",
    });
    expect(cancelled.ok).toBe(true);
    expect(await stub.posConfirmUpi({ ...base, saleId: other.id, paymentId: "pay_D", amount: 6000 })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await confirmations(stub)).toHaveLength(1);
  });
});

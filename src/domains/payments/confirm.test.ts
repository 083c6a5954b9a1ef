import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff, type TestTenant } from "../../../test/helpers";
import { key } from "../sales/test-fixtures";
import { razorpayCallback, razorpayEvent, saleOf, upiSale, upiShop } from "./test-fixtures";

function confirm(t: TestTenant, saleId: string, index: number, reference: unknown, opts: { token?: string; key?: string } = {}) {
  return call("POST", `/v1/sales/${saleId}/tenders/${index}/confirm`, {
    host: t.host,
    token: opts.token ?? t.accessToken,
    body: { reference },
    headers: { "idempotency-key": opts.key ?? key() },
  });
}

describe("POST /v1/sales/{saleId}/tenders/{index}/confirm", () => {
  it("settles an awaiting UPI tender with the reference the cashier keyed; the same reference again changes nothing", async () => {
    const { t, storeId } = await upiShop();
    const sale = await upiSale(t, storeId, [
      { type: "cash", amount: 18000 },
      { type: "upi", amount: 100000 },
    ]);
    const cashier = await staff(t, "cashier", [storeId]);
    const res = await confirm(t, sale.id, 1, "432109876543", { token: cashier.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ outcome: "settled", tenderIndex: 1, tender: { status: "settled", reference: "432109876543" } });
    const after = await saleOf(t, sale.id);
    expect(after.tenders[1]?.confirmation).toMatchObject({ via: "cashier", paymentId: "432109876543", amount: 100000 });
    expect(await json(await confirm(t, sale.id, 1, "432109876543"))).toMatchObject({ outcome: "unchanged" });
    expect(await saleOf(t, sale.id)).toEqual(after);
    // Another reference for a settled tender is a conflict; so is a provider paying it afterwards.
    expect(await problem(await confirm(t, sale.id, 1, "999999999999"))).toMatchObject({ status: 409, code: "conflict" });
    const raw = JSON.stringify(razorpayEvent({ ref: sale.invoice.number, tenantId: t.id, amount: 100000 }));
    expect((await problem(await razorpayCallback(t.host, raw))).status).toBe(409);
  });

  it("refuses a tender that is not UPI (422), one that does not exist (404) and an unknown sale (404)", async () => {
    const { t, storeId } = await upiShop();
    const sale = await upiSale(t, storeId, [
      { type: "card", amount: 18000, reference: "AUTH1" },
      { type: "upi", amount: 100000 },
    ]);
    expect(await problem(await confirm(t, sale.id, 0, "432109876543"))).toMatchObject({ status: 422, code: "unprocessable" });
    expect(await problem(await confirm(t, sale.id, 5, "432109876543"))).toMatchObject({ status: 404, code: "not_found" });
    expect((await problem(await confirm(t, "sal_nope", 1, "432109876543"))).status).toBe(404);
    expect((await problem(await confirm(t, sale.id, 1, ""))).status).toBe(400);
    expect((await saleOf(t, sale.id)).tenders[1]?.status).toBe("awaiting_confirmation");
  });

  it("refuses no token, another tenant's token, a cashier of another store and a role without sales.create", async () => {
    const { t, storeId } = await upiShop();
    const sale = await upiSale(t, storeId);
    const noToken = await call("POST", `/v1/sales/${sale.id}/tenders/0/confirm`, {
      host: t.host,
      body: { reference: "432109876543" },
      headers: { "idempotency-key": key() },
    });
    expect(noToken.status).toBe(401);
    const other = await signup();
    expect([401, 403]).toContain((await confirm(t, sale.id, 0, "432109876543", { token: other.accessToken })).status);
    const elsewhere = await createStore(t, "B1");
    const cashierB = await staff(t, "cashier", [elsewhere]);
    expect(await problem(await confirm(t, sale.id, 0, "432109876543", { token: cashierB.token }))).toMatchObject({
      status: 403,
      code: "store_forbidden",
    });
    const accountant = await staff(t, "accountant", [storeId]);
    expect((await problem(await confirm(t, sale.id, 0, "432109876543", { token: accountant.token }))).code).toBe("forbidden");
    expect((await saleOf(t, sale.id)).tenders[0]?.status).toBe("awaiting_confirmation");
  });

  it("needs an Idempotency-Key", async () => {
    const { t, storeId } = await upiShop();
    const sale = await upiSale(t, storeId);
    const res = await call("POST", `/v1/sales/${sale.id}/tenders/0/confirm`, {
      host: t.host,
      token: t.accessToken,
      body: { reference: "4321" },
    });
    expect((await problem(res)).code).toBe("idempotency_key_required");
  });
});

import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff } from "../../../test/helpers";
import { addProducts, key, onHandOf, product, receive, sell } from "./test-fixtures";

/** The sequence at the end of a document number ("X1/2627/7" → 7). */
const seq = (n: string) => Number(n.split("/").at(-1));

/** RICE ₹100 + 5 % (₹105), OIL ₹200 + 12 % (₹224), SOAP ₹33.33 + 18 % (₹39.33 → ₹39); one OIL in stock. A sale of 2 RICE in cash. */
async function soldShop() {
  const t = await signup();
  const storeId = await createStore(t, "X1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("OIL", 20000, 12, "1512"), product("SOAP", 3333, 18, "3401")]);
  await receive(t, storeId, [
    ["RICE", 10, 6000],
    ["OIL", 1, 15000],
    ["SOAP", 10, 2000],
  ]);
  const sale = await json(
    await sell(t, storeId, {
      lines: [{ sku: "RICE", quantity: 2 }],
      customer: { name: "Asha Rao", phone: "+919812345678" },
      tenders: [{ type: "cash", amount: 21000 }],
    }),
  );
  const exchange = (body: unknown, opts: { token?: string; key?: string | null } = {}) =>
    call("POST", `/v1/sales/${sale.id}/exchanges`, {
      host: t.host,
      token: opts.token ?? t.accessToken,
      body,
      headers: opts.key === null ? {} : { "idempotency-key": opts.key ?? key() },
    });
  return { t, storeId, sale, exchange };
}

const RICE_BACK = { returnLines: [{ lineId: "1", quantity: 1 }] };

describe("exchanges", () => {
  it("posts the credit note and the new invoice together, each next in its series, the credit paying the new sale", async () => {
    const { t, storeId, sale, exchange } = await soldShop();
    const res = await exchange({
      ...RICE_BACK,
      newSale: { lines: [{ sku: "OIL", quantity: 1 }], tenders: [{ type: "cash", amount: 12000 }] },
    });
    expect(res.status).toBe(201);
    const x = await json(res);
    expect(x.return.creditNote.grandTotal).toBe(10500);
    expect(x.return.creditNote.original.number).toBe(sale.invoice.number);
    expect(x.return.refunds).toEqual([{ type: "exchange_credit", amount: 10500 }]);
    expect(x.return.exchangeSaleId).toBe(x.sale.id);
    expect(seq(x.return.creditNote.number)).toBe(1);
    expect(seq(x.sale.invoice.number)).toBe(seq(sale.invoice.number) + 1);
    expect(x.sale.grandTotal).toBe(22400);
    expect(x.sale.tenders.map((tn: { type: string; amount: number }) => [tn.type, tn.amount])).toEqual([
      ["exchange_credit", 10500],
      ["cash", 12000],
    ]);
    expect(x.sale.changeDue).toBe(100);
    // The customer defaults to the original sale's.
    expect(x.sale.customer).toMatchObject({ name: "Asha Rao", phone: "+919812345678" });
    expect(x.sale.exchange).toEqual({ originalSaleId: sale.id, returnId: x.return.id, creditNoteNumber: x.return.creditNote.number });
    expect(await onHandOf(t, storeId, "RICE")).toBe(9);
    expect(await onHandOf(t, storeId, "OIL")).toBe(0);
    const original = await json(await call("GET", `/v1/sales/${sale.id}`, { host: t.host, token: t.accessToken }));
    expect(original.returns).toHaveLength(1);
    const next = await json(await sell(t, storeId, { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] }));
    expect(seq(next.invoice.number)).toBe(seq(x.sale.invoice.number) + 1);
  });

  it("writes neither document when the new sale would oversell", async () => {
    const { t, storeId, sale, exchange } = await soldShop();
    const res = await exchange({
      ...RICE_BACK,
      newSale: { lines: [{ sku: "OIL", quantity: 2 }], tenders: [{ type: "cash", amount: 40000 }] },
    });
    const p = await problem(res);
    expect(p).toMatchObject({ status: 409, code: "insufficient_stock" });
    expect(await onHandOf(t, storeId, "RICE")).toBe(8);
    expect(await onHandOf(t, storeId, "OIL")).toBe(1);
    const original = await json(await call("GET", `/v1/sales/${sale.id}`, { host: t.host, token: t.accessToken }));
    expect(original.returns).toHaveLength(0);
    // No number was consumed in either series.
    const ret = await json(
      await call("POST", `/v1/sales/${sale.id}/returns`, {
        host: t.host,
        token: t.accessToken,
        body: { lines: RICE_BACK.returnLines },
        headers: { "idempotency-key": key() },
      }),
    );
    expect(seq(ret.creditNote.number)).toBe(1);
    const next = await json(await sell(t, storeId, { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] }));
    expect(seq(next.invoice.number)).toBe(seq(sale.invoice.number) + 1);
  });

  it("refunds the rest of the credit by the original tender when the new sale is cheaper", async () => {
    const { t, storeId, exchange } = await soldShop();
    const x = await json(
      await exchange({ returnLines: [{ lineId: "1", quantity: 2 }], newSale: { lines: [{ sku: "SOAP", quantity: 1 }] } }),
    );
    expect(x.sale.grandTotal).toBe(3900);
    expect(x.return.refunds).toEqual([
      { type: "exchange_credit", amount: 3900 },
      { type: "cash", amount: 21000 - 3900 },
    ]);
    expect(x.sale.tenders.map((tn: { type: string }) => tn.type)).toEqual(["exchange_credit"]);
    expect(await onHandOf(t, storeId, "RICE")).toBe(10);
  });

  it("refuses tenders that do not settle the difference, writing nothing", async () => {
    const { t, storeId, sale, exchange } = await soldShop();
    const p = await problem(
      await exchange({
        ...RICE_BACK,
        newSale: { lines: [{ sku: "OIL", quantity: 1 }], tenders: [{ type: "card", amount: 5000, reference: "A1" }] },
      }),
    );
    expect(p).toMatchObject({ status: 422, code: "unprocessable" });
    expect(p.errors?.map((e) => e.path)).toContain("newSale.tenders");
    expect(await onHandOf(t, storeId, "RICE")).toBe(8);
    const original = await json(await call("GET", `/v1/sales/${sale.id}`, { host: t.host, token: t.accessToken }));
    expect(original.returns).toHaveLength(0);
  });

  it("refuses a return line beyond what was sold, naming returnLines", async () => {
    const { exchange } = await soldShop();
    const p = await problem(
      await exchange({ returnLines: [{ lineId: "1", quantity: 3 }], newSale: { lines: [{ sku: "SOAP", quantity: 1 }] } }),
    );
    expect(p.status).toBe(422);
    expect(p.errors?.map((e) => e.path)).toContain("returnLines.0.quantity");
  });

  it("replays the first answer for a repeated Idempotency-Key and refuses a request without one", async () => {
    const { t, storeId, exchange } = await soldShop();
    const body = { ...RICE_BACK, newSale: { lines: [{ sku: "SOAP", quantity: 1 }] } };
    const k = key();
    const a = await json(await exchange(body, { key: k }));
    const b = await json(await exchange(body, { key: k }));
    expect(b.sale.id).toBe(a.sale.id);
    expect(await onHandOf(t, storeId, "SOAP")).toBe(9);
    expect((await problem(await exchange(body, { key: null }))).code).toBe("idempotency_key_required");
  });

  it("lets only roles with sales.refund exchange, and no one from another tenant", async () => {
    const { t, storeId, exchange } = await soldShop();
    const body = { ...RICE_BACK, newSale: { lines: [{ sku: "SOAP", quantity: 1 }] } };
    const cashier = await staff(t, "cashier", [storeId]);
    expect((await problem(await exchange(body, { token: cashier.token }))).code).toBe("forbidden");
    const other = await signup();
    expect((await exchange(body, { token: other.accessToken })).status).toBe(403);
    expect((await exchange(body, { token: "" })).status).toBe(401);
  });
});

import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, type TestTenant } from "../../../test/helpers";
import { addProducts, key, onHandOf, product, sell } from "./test-fixtures";

const cash = (amount: number) => [{ type: "cash", amount }];

async function post(t: TestTenant, path: string, body: unknown): Promise<Response> {
  return call("POST", path, { host: t.host, token: t.accessToken, body, headers: { "idempotency-key": key() } });
}

async function phoneShop() {
  const t = await signup();
  const storeId = await createStore(t, "P1");
  await addProducts(t, [product("PHONE-X1", 1000000, 18, "8517"), product("CASE", 50000, 18, "3926")]);
  const r = await post(t, `/v1/stores/${storeId}/stock/receipts`, {
    lines: [
      { sku: "PHONE-X1", qty: 3, unitCost: 800000, serials: ["IMEI-1", "IMEI-2", "IMEI-3"] },
      { sku: "CASE", qty: 5, unitCost: 20000 },
    ],
  });
  expect(r.status).toBe(201);
  return { t, storeId };
}

describe("serial-tracked items at the till", () => {
  it("sells a serial-tracked SKU naming its serials, and shows them on the invoice line", async () => {
    const { t, storeId } = await phoneShop();
    const res = await sell(t, storeId, {
      lines: [
        { sku: "CASE", quantity: 1 },
        { sku: "PHONE-X1", quantity: 2, serials: ["IMEI-1", "IMEI-3"] },
      ],
      tenders: cash(3000000),
    });
    expect(res.status).toBe(201);
    const sale = await json(res);
    expect(sale.lines[1]).toMatchObject({ sku: "PHONE-X1", quantity: 2, serials: ["IMEI-1", "IMEI-3"] });
    expect(sale.invoice.lines[1]).toMatchObject({ lineId: "2", serials: ["IMEI-1", "IMEI-3"] });
    expect(sale.invoice.lines[0].serials).toBeUndefined();
    expect(await onHandOf(t, storeId, "PHONE-X1")).toBe(1);
    // A sold serial cannot be sold again.
    const again = await sell(t, storeId, { lines: [{ sku: "PHONE-X1", quantity: 1, serials: ["IMEI-1"] }], tenders: cash(2000000) });
    expect((await problem(again)).code).toBe("conflict");
  });

  it("refuses a serial-tracked line without serials or with the wrong count, naming the field", async () => {
    const { t, storeId } = await phoneShop();
    const none = await problem(
      await sell(t, storeId, {
        lines: [
          { sku: "CASE", quantity: 1 },
          { sku: "PHONE-X1", quantity: 1 },
        ],
        tenders: cash(2000000),
      }),
    );
    expect(none).toMatchObject({ status: 400, code: "validation_failed" });
    expect(none.errors?.map((e) => e.path)).toEqual(["lines.1.serials"]);
    const short = await problem(
      await sell(t, storeId, { lines: [{ sku: "PHONE-X1", quantity: 2, serials: ["IMEI-1"] }], tenders: cash(3000000) }),
    );
    expect(short).toMatchObject({ status: 400, code: "validation_failed", errors: [{ path: "lines.0.serials" }] });
    const receipt = await problem(
      await post(t, `/v1/stores/${storeId}/stock/receipts`, { lines: [{ sku: "PHONE-X1", qty: 2, unitCost: 1, serials: ["IMEI-9"] }] }),
    );
    expect(receipt).toMatchObject({ status: 400, code: "validation_failed", errors: [{ path: "lines.0.serials" }] });
    expect(await onHandOf(t, storeId, "PHONE-X1")).toBe(3);
  });

  it("takes a serial back on a return, restocking that serial, and refuses a return without it", async () => {
    const { t, storeId } = await phoneShop();
    const sale = await json(
      await sell(t, storeId, { lines: [{ sku: "PHONE-X1", quantity: 2, serials: ["IMEI-1", "IMEI-2"] }], tenders: cash(3000000) }),
    );
    const ret = (lines: unknown) => post(t, `/v1/sales/${sale.id}/returns`, { lines });
    const missing = await problem(await ret([{ lineId: "1", quantity: 1 }]));
    expect(missing).toMatchObject({ status: 400, code: "validation_failed", errors: [{ path: "lines.0.serials" }] });
    const foreign = await problem(await ret([{ lineId: "1", quantity: 1, serials: ["IMEI-3"] }]));
    expect(foreign).toMatchObject({ status: 400, errors: [{ path: "lines.0.serials" }] });
    const ok = await ret([{ lineId: "1", quantity: 1, serials: ["IMEI-2"] }]);
    expect(ok.status).toBe(201);
    const r = await json(ok);
    expect(r.lines).toEqual([{ lineId: "1", sku: "PHONE-X1", quantity: 1, disposition: "restock", serials: ["IMEI-2"] }]);
    expect(r.creditNote.lines[0].serials).toEqual(["IMEI-2"]);
    expect(await onHandOf(t, storeId, "PHONE-X1")).toBe(2);
    // The serial is back in stock: it sells again.
    const resold = await sell(t, storeId, { lines: [{ sku: "PHONE-X1", quantity: 1, serials: ["IMEI-2"] }], tenders: cash(2000000) });
    expect(resold.status).toBe(201);
  });
});

describe("returns keep the batch", () => {
  it("restocks units sold from batch KH2611A into KH2611A at the sale's cost, with no unbatched balance", async () => {
    const t = await signup();
    const storeId = await createStore(t, "B1");
    await addProducts(t, [product("SYRUP", 12000, 12, "3004")]);
    const r = await post(t, `/v1/stores/${storeId}/stock/receipts`, {
      lines: [{ sku: "SYRUP", qty: 10, unitCost: 7000, batch: "KH2611A", expiry: "2027-11-30" }],
    });
    expect(r.status).toBe(201);
    const sale = await json(await sell(t, storeId, { lines: [{ sku: "SYRUP", quantity: 3 }], tenders: cash(50000) }));
    const ret = await post(t, `/v1/sales/${sale.id}/returns`, { lines: [{ lineId: "1", quantity: 2, disposition: "restock" }] });
    expect(ret.status).toBe(201);
    const stock = await json(await call("GET", `/v1/stores/${storeId}/stock?sku=SYRUP`, { host: t.host, token: t.accessToken }));
    expect(stock.items[0].batches).toEqual([expect.objectContaining({ batch: "KH2611A", onHand: 9 })]);
    const moves = await json(
      await call("GET", `/v1/stores/${storeId}/stock/movements?kind=return`, { host: t.host, token: t.accessToken }),
    );
    expect(moves.items).toMatchObject([{ batch: "KH2611A", qty: 2, unitCost: 7000, costTotal: 14000 }]);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoreDurableObject } from "../../../durable-objects/store";
import { call, createStore, json, problem, signup, staff, type TestTenant } from "../../../test/helpers";
import { addProducts, product, sell } from "../sales/test-fixtures";
import { catalogSkus } from "./test-fixtures";

const as = (t: TestTenant, method: string, path: string, body?: unknown, token = t.accessToken) =>
  call(method, path, { host: t.host, token, body });

/** The store object's outbox rows of one event type. */
function outbox(t: TestTenant, storeId: string, type: string) {
  return runInDurableObject(env.STORE.getByName(`${t.id}:${storeId}`), (_o: StoreDurableObject, state) =>
    state.storage.sql.exec<{ payload: string }>("SELECT payload FROM outbox WHERE type = ? ORDER BY seq", type).toArray(),
  );
}

describe("stock writes name catalog stock items", () => {
  it("refuses a receipt of a SKU the catalog does not have, naming the line, and writes nothing", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    await catalogSkus(t, ["RICE"]);
    const res = await as(t, "POST", `/v1/stores/${a}/stock/receipts`, {
      lines: [
        { sku: "RICE", qty: 1, unitCost: 100 },
        { sku: "NO-SUCH-SKU", qty: 1, unitCost: 100 },
      ],
    });
    const p = await problem(res);
    expect(p).toMatchObject({ status: 400, code: "validation_failed" });
    expect(p.errors?.map((e) => e.path)).toEqual(["lines.1.sku"]);
    expect((await json(await as(t, "GET", `/v1/stores/${a}/stock`))).items).toEqual([]);
  });

  it("refuses services and non-stock items, and unknown SKUs in adjustments, reservations and transfers", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    await catalogSkus(t, ["FITTING"], { kind: "service", hsnSac: "998719", gstRate: 18 });
    const svc = await problem(await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "FITTING", qty: 1, unitCost: 1 }] }));
    expect(svc).toMatchObject({ status: 400, code: "validation_failed" });
    expect(svc.detail).toContain("not a stock item");
    const line = [{ sku: "GHOST", qty: 1 }];
    for (const [path, body] of [
      ["adjustments", { reason: "correction", lines: line }],
      ["reservations", { ttlSeconds: 60, lines: line }],
      ["transfers", { toStoreId: b, lines: line }],
    ] as const) {
      const p = await problem(await as(t, "POST", `/v1/stores/${a}/stock/${path}`, body));
      expect(p, path).toMatchObject({ status: 400, code: "validation_failed", errors: [{ path: "lines.0.sku" }] });
    }
  });

  it("keeps the catalog's spelling and stock unit: a SKU stocked in grams shows g", async () => {
    const t = await signup();
    const a = await createStore(t, "G1");
    await catalogSkus(t, ["DAL-LOOSE"], { stockUnit: "g" });
    const r = await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "dal-loose", qty: 5000, unitCost: 12 }] });
    expect(r.status).toBe(201);
    expect((await json(r)).entries[0].sku).toBe("DAL-LOOSE");
    const stock = await json(await as(t, "GET", `/v1/stores/${a}/stock?sku=DAL-LOOSE`));
    expect(stock.items).toMatchObject([{ sku: "DAL-LOOSE", unit: "g", onHand: 5000 }]);
  });
});

describe("PUT/GET /v1/stores/{storeId}/stock/skus/{sku}/settings", () => {
  it("sets a low threshold, then a sale below it emits stock.low once", async () => {
    const t = await signup();
    const a = await createStore(t, "L1");
    await addProducts(t, [product("RICE", 10000, 5, "1006")]);
    expect((await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "RICE", qty: 10, unitCost: 6000 }] })).status).toBe(201);
    const path = `/v1/stores/${a}/stock/skus/RICE/settings`;
    expect(await json(await as(t, "GET", path))).toMatchObject({ sku: "RICE", unit: "each", lowThreshold: null, reorderPoint: null });

    const put = await as(t, "PUT", path, { lowThreshold: 5, reorderPoint: 8 });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ sku: "RICE", lowThreshold: 5, reorderPoint: 8, allowNegative: null, lowArmed: true });
    expect(await json(await as(t, "GET", path))).toMatchObject({ lowThreshold: 5, reorderPoint: 8 });

    const sale = (quantity: number) => sell(t, a, { lines: [{ sku: "RICE", quantity }], tenders: [{ type: "cash", amount: 100000 }] });
    expect((await sale(4)).status).toBe(201); // 6 left: above
    expect(await outbox(t, a, "stock.low")).toHaveLength(0);
    expect((await sale(2)).status).toBe(201); // 4: crosses
    expect((await sale(1)).status).toBe(201); // 3: still low, no second event
    const low = await outbox(t, a, "stock.low");
    expect(low).toHaveLength(1);
    expect(JSON.parse(low[0]!.payload)).toMatchObject({ sku: "RICE", onHand: 4, lowThreshold: 5 });
    const stock = await json(await as(t, "GET", `/v1/stores/${a}/stock?low=true`));
    expect(stock.items).toMatchObject([{ sku: "RICE", lowThreshold: 5, reorderPoint: 8, low: true }]);

    const audit = await json(await as(t, "GET", "/v1/audit?action=stock.sku_settings_updated"));
    expect(audit.items).toHaveLength(1);
  });

  it("refuses an empty body, an unknown SKU, a service, a cashier, another store and no token", async () => {
    const t = await signup();
    const a = await createStore(t, "P1");
    const b = await createStore(t, "P2");
    await catalogSkus(t, ["TEA"]);
    await catalogSkus(t, ["DELIVERY"], { kind: "service", hsnSac: "996812", gstRate: 18 });
    const path = (store: string, sku: string) => `/v1/stores/${store}/stock/skus/${sku}/settings`;
    expect(await problem(await as(t, "PUT", path(a, "TEA"), {}))).toMatchObject({ status: 400 });
    expect(await problem(await as(t, "PUT", path(a, "TEA"), { lowThreshold: -1 }))).toMatchObject({ status: 400 });
    expect(await problem(await as(t, "PUT", path(a, "NOPE"), { lowThreshold: 1 }))).toMatchObject({ status: 404, code: "not_found" });
    expect(await problem(await as(t, "PUT", path(a, "DELIVERY"), { lowThreshold: 1 }))).toMatchObject({ status: 400 });
    const cashier = await staff(t, "cashier", [a]);
    expect(await problem(await as(t, "PUT", path(a, "TEA"), { lowThreshold: 1 }, cashier.token))).toMatchObject({
      status: 403,
      code: "forbidden",
    });
    expect((await as(t, "GET", path(a, "TEA"), undefined, cashier.token)).status).toBe(200);
    const manager = await staff(t, "store_manager", [a]);
    expect((await as(t, "PUT", path(a, "TEA"), { allowNegative: true }, manager.token)).status).toBe(200);
    expect(await problem(await as(t, "PUT", path(b, "TEA"), { lowThreshold: 1 }, manager.token))).toMatchObject({
      status: 403,
      code: "store_forbidden",
    });
    expect((await problem(await call("PUT", path(a, "TEA"), { host: t.host, body: { lowThreshold: 1 } }))).status).toBe(401);
    const other = await signup();
    expect((await problem(await as(t, "PUT", path(a, "TEA"), { lowThreshold: 1 }, other.accessToken))).status).toBe(403);
  });
});

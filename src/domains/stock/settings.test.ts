import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff, type TestTenant } from "../../../test/helpers";
import { catalogSkus } from "./test-fixtures";

const as = (t: TestTenant, method: string, path: string, body?: unknown, token = t.accessToken) =>
  call(method, path, { host: t.host, token, body });

describe("tenant stock settings", () => {
  it("starts at FIFO with negative stock refused", async () => {
    const t = await signup();
    const res = await as(t, "GET", "/v1/settings/stock");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ valuation: "fifo", allowNegativeStock: false, updatedAt: null });
  });

  it("costs a sale at moving average when the tenant chose it (hand-computed)", async () => {
    const t = await signup();
    const a = await createStore(t, "M1");
    await catalogSkus(t, ["M"]);
    const patched = await as(t, "PATCH", "/v1/settings/stock", { valuation: "moving_average" });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({
      valuation: "moving_average",
      allowNegativeStock: false,
      storesConfigured: 1,
      storesNotApplied: [],
    });
    expect(await json(await as(t, "GET", "/v1/settings/stock"))).toMatchObject({ valuation: "moving_average" });

    await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "M", qty: 3, unitCost: 100 }] });
    await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "M", qty: 4, unitCost: 101 }] });
    // 7 units worth 300 + 404 = 704. Selling 2 at moving average: 704 × 2 / 7 = 201.14 → 201
    // (FIFO would give 2 × 100 = 200).
    const rsv = await json(await as(t, "POST", `/v1/stores/${a}/stock/reservations`, { ttlSeconds: 600, lines: [{ sku: "M", qty: 2 }] }));
    const sale = await as(t, "POST", `/v1/stores/${a}/stock/reservations/${rsv.reservationId}/commit`, { saleId: "sal_ma_1" });
    expect(await json(sale)).toMatchObject({ state: "committed", costTotal: 201 });
    // A store created after the change takes the tenant's method on first use too.
    const b = await createStore(t, "M2");
    await as(t, "POST", `/v1/stores/${b}/stock/receipts`, { lines: [{ sku: "M", qty: 1, unitCost: 100 }] });
    await as(t, "POST", `/v1/stores/${b}/stock/receipts`, { lines: [{ sku: "M", qty: 2, unitCost: 101 }] });
    // 3 units worth 302; one unit: 302 / 3 = 100.67 → 101 (FIFO: 100).
    const adj = await json(await as(t, "POST", `/v1/stores/${b}/stock/adjustments`, { reason: "damage", lines: [{ sku: "M", qty: -1 }] }));
    expect(adj.entries).toMatchObject([{ qty: -1, costTotal: 101 }]);
  });

  it("refuses to change the valuation method once stock has moved, and changes nothing", async () => {
    const t = await signup();
    const a = await createStore(t, "F1");
    await catalogSkus(t, ["F"]);
    await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "F", qty: 1, unitCost: 100 }] });
    const res = await as(t, "PATCH", "/v1/settings/stock", { valuation: "moving_average" });
    expect(await problem(res)).toMatchObject({ status: 409, code: "conflict" });
    expect(await json(await as(t, "GET", "/v1/settings/stock"))).toMatchObject({ valuation: "fifo", updatedAt: null });
  });

  it("lets stock go negative when the tenant allows it, and refuses again when it stops", async () => {
    const t = await signup();
    const a = await createStore(t, "N1");
    await catalogSkus(t, ["N"]);
    await as(t, "POST", `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "N", qty: 2, unitCost: 100 }] });
    const refused = await as(t, "POST", `/v1/stores/${a}/stock/adjustments`, { reason: "correction", lines: [{ sku: "N", qty: -3 }] });
    expect((await problem(refused)).code).toBe("insufficient_stock");
    expect((await as(t, "PATCH", "/v1/settings/stock", { allowNegativeStock: true })).status).toBe(200);
    const allowed = await as(t, "POST", `/v1/stores/${a}/stock/adjustments`, { reason: "correction", lines: [{ sku: "N", qty: -3 }] });
    expect(allowed.status).toBe(201);
    expect((await json(await as(t, "GET", `/v1/stores/${a}/stock?sku=N`))).items[0].onHand).toBe(-1);
    expect(await json(await as(t, "GET", `/v1/stores/${a}/stock/check`))).toMatchObject({ ok: true, negatives: [] });
    expect((await as(t, "PATCH", "/v1/settings/stock", { allowNegativeStock: false })).status).toBe(200);
    const again = await as(t, "POST", `/v1/stores/${a}/stock/adjustments`, { reason: "correction", lines: [{ sku: "N", qty: -1 }] });
    expect((await problem(again)).code).toBe("insufficient_stock");
  });

  it("refuses an empty or unknown patch, a role below admin, and no token", async () => {
    const t = await signup();
    expect((await problem(await as(t, "PATCH", "/v1/settings/stock", {}))).status).toBe(400);
    expect((await problem(await as(t, "PATCH", "/v1/settings/stock", { valuation: "lifo" }))).status).toBe(400);
    const manager = await staff(t, "store_manager");
    const m = await as(t, "PATCH", "/v1/settings/stock", { allowNegativeStock: true }, manager.token);
    expect(await problem(m)).toMatchObject({ status: 403, code: "forbidden" });
    expect((await problem(await as(t, "GET", "/v1/settings/stock", undefined, manager.token))).status).toBe(403);
    const admin = await staff(t, "admin");
    expect((await as(t, "PATCH", "/v1/settings/stock", { allowNegativeStock: true }, admin.token)).status).toBe(200);
    expect((await problem(await call("GET", "/v1/settings/stock", { host: t.host }))).status).toBe(401);
  });
});

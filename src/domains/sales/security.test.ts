import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff } from "../../../test/helpers";
import { addProducts, product, receive, sell } from "./test-fixtures";

async function twoStores() {
  const t = await signup();
  const a = await createStore(t, "A1");
  const b = await createStore(t, "B1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("LOOSE", 0, 5, "1006", { openPrice: true })]);
  await receive(t, a, [
    ["RICE", 10, 6000],
    ["LOOSE", 10, 100],
  ]);
  await receive(t, b, [["RICE", 10, 6000]]);
  return { t, a, b };
}
const oneRice = { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] };

describe("sales security", () => {
  it("lets a cashier of store A sell in A but not in B, nor read B's invoices", async () => {
    const { t, a, b } = await twoStores();
    const cashier = await staff(t, "cashier", [a]);
    expect((await sell(t, a, oneRice, { token: cashier.token })).status).toBe(201);
    expect(await problem(await sell(t, b, oneRice, { token: cashier.token }))).toMatchObject({ status: 403, code: "store_forbidden" });
    const inB = await json(await sell(t, b, oneRice));
    expect((await problem(await call("GET", `/v1/invoices/${inB.invoice.id}`, { host: t.host, token: cashier.token }))).code).toBe(
      "store_forbidden",
    );
    expect((await problem(await call("GET", `/v1/sales/${inB.id}`, { host: t.host, token: cashier.token }))).code).toBe("store_forbidden");
    const list = await json(await call("GET", "/v1/invoices", { host: t.host, token: cashier.token }));
    expect(list.items.map((i: { storeId: string }) => i.storeId)).toEqual([a]);
  });

  it("refuses another tenant's token and a request without one", async () => {
    const { t, a } = await twoStores();
    const other = await signup();
    const res = await sell(t, a, oneRice, { token: other.accessToken });
    expect([401, 403]).toContain(res.status);
    expect(
      (await call("POST", `/v1/stores/${a}/sales`, { host: t.host, body: oneRice, headers: { "idempotency-key": "k-no-token-1" } })).status,
    ).toBe(401);
  });

  it("refuses a role without sales.create", async () => {
    const { t, a } = await twoStores();
    const accountant = await staff(t, "accountant", [a]);
    expect((await problem(await sell(t, a, oneRice, { token: accountant.token }))).code).toBe("forbidden");
  });

  it("takes a keyed price only for open-price items or from a manager", async () => {
    const { t, a } = await twoStores();
    const cashier = await staff(t, "cashier", [a]);
    const keyed = { lines: [{ sku: "RICE", quantity: 1, unitPrice: 100 }], tenders: [{ type: "cash", amount: 105 }] };
    expect((await problem(await sell(t, a, keyed, { token: cashier.token }))).code).toBe("forbidden");
    const manager = await staff(t, "store_manager", [a]);
    const byManager = await sell(t, a, keyed, { token: manager.token });
    expect(byManager.status).toBe(201);
    expect((await json(byManager)).lines[0].priceSource).toBe("keyed");
    const open = { lines: [{ sku: "LOOSE", quantity: 2, unitPrice: 4000 }], tenders: [{ type: "cash", amount: 8400 }] };
    expect((await sell(t, a, open, { token: cashier.token })).status).toBe(201);
    const noPrice = { lines: [{ sku: "LOOSE", quantity: 1 }], tenders: [{ type: "cash", amount: 100 }] };
    expect((await problem(await sell(t, a, noPrice, { token: cashier.token }))).errors?.map((e) => e.path)).toContain("lines.0.unitPrice");
  });
});

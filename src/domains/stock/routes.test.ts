import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff } from "../../../test/helpers";
import { catalogSkus } from "./test-fixtures";

async function setup() {
  const t = await signup();
  const storeA = await createStore(t, "A1");
  const storeB = await createStore(t, "B1");
  await catalogSkus(t, ["RICE-5KG", "DAL-1KG", "X", "Y", "T", "Z", "S"]);
  const as = (path: string, body?: unknown, headers?: Record<string, string>) =>
    call(
      body === undefined && !path.includes("/post") && !/\/(approve|dispatch|receive|cancel|release|commit)$/.test(path) ? "GET" : "POST",
      path,
      {
        host: t.host,
        token: t.accessToken,
        body,
        headers,
      },
    );
  return { t, storeA, storeB, as };
}

describe("stock routes", () => {
  it("receives stock, lists it with filters and pages movements with a cursor", async () => {
    const { storeA, as } = await setup();
    const r = await as(`/v1/stores/${storeA}/stock/receipts`, {
      lines: [
        { sku: "RICE-5KG", qty: 10, unitCost: 32000, batch: "L1", expiry: "2027-01-31" },
        { sku: "DAL-1KG", qty: 4, unitCost: 9000 },
      ],
    });
    expect(r.status).toBe(201);
    expect((await json(r)).entries).toHaveLength(2);
    const stock = await json(await as(`/v1/stores/${storeA}/stock?sku=RICE-5KG`));
    expect(stock.items).toEqual([
      expect.objectContaining({
        sku: "RICE-5KG",
        onHand: 10,
        available: 10,
        batches: [expect.objectContaining({ batch: "L1", expiry: "2027-01-31" })],
      }),
    ]);
    const expiring = await json(await as(`/v1/stores/${storeA}/stock?expiringBefore=2027-02-01`));
    expect(expiring.items.map((i: { sku: string }) => i.sku)).toEqual(["RICE-5KG"]);
    const p1 = await json(await as(`/v1/stores/${storeA}/stock/movements?limit=1`));
    expect(p1.items).toHaveLength(1);
    const p2 = await json(await as(`/v1/stores/${storeA}/stock/movements?limit=1&cursor=${p1.nextCursor}`));
    expect(p2.items[0].entryId).not.toBe(p1.items[0].entryId);
    expect(p2.nextCursor).toBeNull();
    const past = await json(await as(`/v1/stores/${storeA}/stock?asOf=2020-01-01T00:00:00Z`));
    expect(past).toEqual({ asOf: "2020-01-01T00:00:00.000Z", items: [] });
  });

  it("refuses an adjustment that would oversell with 409 insufficient_stock and the shortfall", async () => {
    const { storeA, as } = await setup();
    await as(`/v1/stores/${storeA}/stock/receipts`, { lines: [{ sku: "X", qty: 2, unitCost: 100 }] });
    const res = await as(`/v1/stores/${storeA}/stock/adjustments`, { reason: "damage", lines: [{ sku: "X", qty: -3 }] });
    const p = await problem(res);
    expect(p).toMatchObject({ status: 409, code: "insufficient_stock", contentType: "application/problem+json" });
    const body = await json(await as(`/v1/stores/${storeA}/stock/adjustments`, { reason: "damage", lines: [{ sku: "X", qty: -3 }] }));
    expect(body.shortfall).toEqual([{ sku: "X", requested: 3, available: 2, short: 1 }]);
    expect((await json(await as(`/v1/stores/${storeA}/stock?sku=X`))).items[0].onHand).toBe(2);
  });

  it("replays a receipt retried with the same Idempotency-Key", async () => {
    const { storeA, as } = await setup();
    const body = { lines: [{ sku: "Y", qty: 5, unitCost: 100 }] };
    const first = await as(`/v1/stores/${storeA}/stock/receipts`, body, { "idempotency-key": "receipt-0001" });
    const again = await as(`/v1/stores/${storeA}/stock/receipts`, body, { "idempotency-key": "receipt-0001" });
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual(await json(first));
    expect((await json(await as(`/v1/stores/${storeA}/stock?sku=Y`))).items[0].onHand).toBe(5);
    const other = await as(
      `/v1/stores/${storeA}/stock/receipts`,
      { lines: [{ sku: "Y", qty: 6, unitCost: 100 }] },
      { "idempotency-key": "receipt-0001" },
    );
    expect((await problem(other)).code).toBe("idempotency_key_reused");
  });

  it("moves stock between two stores by transfer with a partial receipt", async () => {
    const { storeA, storeB, as } = await setup();
    await as(`/v1/stores/${storeA}/stock/receipts`, { lines: [{ sku: "T", qty: 10, unitCost: 500 }] });
    const req = await as(`/v1/stores/${storeA}/stock/transfers`, { toStoreId: storeB, lines: [{ sku: "T", qty: 6 }] });
    expect(req.status).toBe(201);
    const id = (await json(req)).transferId as string;
    expect((await as(`/v1/stores/${storeA}/stock/transfers/${id}/approve`)).status).toBe(200);
    const d = await json(await as(`/v1/stores/${storeA}/stock/transfers/${id}/dispatch`));
    expect(d.outbound).toMatchObject({ state: "in_transit", inTransit: 6 });
    const r = await json(await as(`/v1/stores/${storeB}/stock/transfers/${id}/receive`, { lines: [{ sku: "T", qty: 4 }] }));
    expect(r.inbound).toMatchObject({ state: "in_transit", inTransit: 2 });
    const c = await json(await as(`/v1/stores/${storeB}/stock/transfers/${id}/cancel`));
    expect(c.inbound).toMatchObject({ state: "closed" });
    const a = await json(await as(`/v1/stores/${storeA}/stock/transfers/${id}`));
    expect(a.outbound).toMatchObject({ state: "closed", inTransit: 0 });
    expect((await json(await as(`/v1/stores/${storeA}/stock?sku=T`))).items[0].onHand).toBe(6);
    expect((await json(await as(`/v1/stores/${storeB}/stock?sku=T`))).items[0].onHand).toBe(4);
    const bad = await as(`/v1/stores/${storeA}/stock/transfers`, { toStoreId: "str_nope", lines: [{ sku: "T", qty: 1 }] });
    expect(await problem(bad)).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it("reserves and commits, and counts with posted variances", async () => {
    const { storeA, as } = await setup();
    await as(`/v1/stores/${storeA}/stock/receipts`, { lines: [{ sku: "Z", qty: 5, unitCost: 100 }] });
    const rsv = await as(`/v1/stores/${storeA}/stock/reservations`, { ttlSeconds: 600, lines: [{ sku: "Z", qty: 2 }] });
    expect(rsv.status).toBe(201);
    const id = (await json(rsv)).reservationId;
    expect((await json(await as(`/v1/stores/${storeA}/stock?sku=Z`))).items[0]).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    const done = await as(`/v1/stores/${storeA}/stock/reservations/${id}/commit`, { saleId: "sale_web_1" });
    expect(await json(done)).toMatchObject({ state: "committed", costTotal: 200 });
    expect((await problem(await as(`/v1/stores/${storeA}/stock/reservations/${id}/release`))).code).toBe("conflict");
    const cnt = await json(await as(`/v1/stores/${storeA}/stock/counts`, { skus: ["Z"] }));
    await as(`/v1/stores/${storeA}/stock/counts/${cnt.countId}/lines`, { lines: [{ sku: "Z", counted: 2 }] });
    const posted = await json(await as(`/v1/stores/${storeA}/stock/counts/${cnt.countId}/post`));
    expect(posted).toMatchObject({ state: "posted", entries: [{ kind: "count", qty: -1 }] });
  });

  it("refuses without a token, for a role without stock.manage, outside the actor's stores, and another tenant's store", async () => {
    const { t, storeA, storeB } = await setup();
    const body = { lines: [{ sku: "S", qty: 1, unitCost: 1 }] };
    const noToken = await call("POST", `/v1/stores/${storeA}/stock/receipts`, { host: t.host, body });
    expect((await problem(noToken)).status).toBe(401);
    const cashier = await staff(t, "cashier", [storeA]);
    const c = await call("POST", `/v1/stores/${storeA}/stock/receipts`, { host: t.host, token: cashier.token, body });
    expect(await problem(c)).toMatchObject({ status: 403, code: "forbidden" });
    expect((await call("GET", `/v1/stores/${storeA}/stock`, { host: t.host, token: cashier.token })).status).toBe(200);
    const manager = await staff(t, "store_manager", [storeA]);
    const m = await call("POST", `/v1/stores/${storeB}/stock/receipts`, { host: t.host, token: manager.token, body });
    expect(await problem(m)).toMatchObject({ status: 403, code: "store_forbidden" });
    const other = await signup();
    const x = await call("POST", `/v1/stores/${storeA}/stock/receipts`, { host: other.host, token: other.accessToken, body });
    expect(await problem(x)).toMatchObject({ status: 404, code: "not_found" });
    const y = await call("GET", `/v1/stores/${storeA}/stock`, { host: t.host, token: other.accessToken });
    expect((await problem(y)).status).toBe(403);
  });
});

import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoreDurableObject } from "../../../durable-objects/store";
import { call, createStore, json, problem, signup, staff, type TestTenant } from "../../../test/helpers";
import worker from "../../../workers/index";
import { catalogSkus } from "./test-fixtures";

/** The store's outbox rows as the envelopes the alarm sends (durable-objects/ledger/outbox.ts). */
async function outboxEnvelopes(tenantId: string, storeId: string) {
  const stub = env.STORE.getByName(`${tenantId}:${storeId}`);
  return runInDurableObject(stub, (_i: StoreDurableObject, state) =>
    state.storage.sql
      .exec<{ event_id: string; type: string; version: number; occurred_at: string; payload: string }>(
        "SELECT event_id, type, version, occurred_at, payload FROM outbox ORDER BY seq",
      )
      .toArray()
      .map((r) => ({
        eventId: r.event_id,
        tenantId,
        storeId,
        type: r.type,
        version: r.version,
        occurredAt: r.occurred_at,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      })),
  );
}

/** Runs the Worker's queue consumer over `bodies`, as the events queue would deliver them. */
async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `m${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await (worker.queue as unknown as (b: MessageBatch, e: typeof env, c: ExecutionContext) => Promise<void>)(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function post(t: TestTenant, path: string, body: unknown) {
  const res = await call("POST", path, { host: t.host, token: t.accessToken, body });
  expect(res.status).toBe(201);
  return json(res);
}

describe("GET /v1/stock/{sku} across stores", () => {
  it("answers per-store and per-batch on-hand and value with totals once the events reach the projection", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    await catalogSkus(t, ["RICE-5KG"]);
    await post(t, `/v1/stores/${a}/stock/receipts`, {
      lines: [
        { sku: "RICE-5KG", qty: 10, unitCost: 30000, batch: "L1", expiry: "2027-01-31" },
        { sku: "RICE-5KG", qty: 5, unitCost: 32000, batch: "L2", expiry: "2027-03-31" },
      ],
    });
    // FEFO takes the 3 from L1 at 30,000 each.
    await post(t, `/v1/stores/${a}/stock/adjustments`, { reason: "damage", lines: [{ sku: "RICE-5KG", qty: -3 }] });
    await post(t, `/v1/stores/${b}/stock/receipts`, { lines: [{ sku: "RICE-5KG", qty: 4, unitCost: 31000 }] });

    const events = [...(await outboxEnvelopes(t.id, a)), ...(await outboxEnvelopes(t.id, b))];
    expect(events.filter((e) => e.type === "stock.moved")).toHaveLength(4);
    const first = await deliver(events);
    expect(first.retryMessages).toHaveLength(0);
    await deliver(events); // a redelivery changes nothing

    const res = await call("GET", "/v1/stock/RICE-5KG", { host: t.host, token: t.accessToken });
    expect(res.status).toBe(200);
    const body = await json(res);
    const storeA = body.stores.find((s: { storeId: string }) => s.storeId === a);
    const storeB = body.stores.find((s: { storeId: string }) => s.storeId === b);
    expect(storeA).toMatchObject({
      storeCode: "A1",
      onHand: 12,
      value: 7 * 30000 + 5 * 32000,
      batches: [
        { batch: "L1", onHand: 7, value: 7 * 30000 },
        { batch: "L2", onHand: 5, value: 5 * 32000 },
      ],
    });
    expect(storeB).toMatchObject({ storeCode: "B1", onHand: 4, value: 4 * 31000, batches: [{ batch: "", onHand: 4, value: 124000 }] });
    expect(body.totals).toEqual({ onHand: 16, value: 7 * 30000 + 5 * 32000 + 4 * 31000 });

    const cashier = await staff(t, "cashier", [a]);
    const mine = await json(await call("GET", "/v1/stock/RICE-5KG", { host: t.host, token: cashier.token }));
    expect(mine.stores.map((s: { storeId: string }) => s.storeId)).toEqual([a]);
    expect(mine.totals).toEqual({ onHand: 12, value: 7 * 30000 + 5 * 32000 });

    const none = await json(await call("GET", "/v1/stock/NOPE", { host: t.host, token: t.accessToken }));
    expect(none).toEqual({ sku: "NOPE", stores: [], totals: { onHand: 0, value: 0 } });
  });

  it("refuses without a token and with another tenant's token", async () => {
    const t = await signup();
    expect((await problem(await call("GET", "/v1/stock/X", { host: t.host }))).status).toBe(401);
    const other = await signup();
    expect((await problem(await call("GET", "/v1/stock/X", { host: t.host, token: other.accessToken }))).status).toBe(403);
  });
});

describe("GET /v1/stores/{storeId}/stock/check", () => {
  it("proves the balances equal the sum of the entries after receipts, a sale-like adjustment and a reservation", async () => {
    const t = await signup();
    const a = await createStore(t, "C1");
    await catalogSkus(t, ["K"]);
    await post(t, `/v1/stores/${a}/stock/receipts`, { lines: [{ sku: "K", qty: 9, unitCost: 100, batch: "B1", expiry: "2027-01-01" }] });
    await post(t, `/v1/stores/${a}/stock/adjustments`, { reason: "theft", lines: [{ sku: "K", qty: -2 }] });
    await post(t, `/v1/stores/${a}/stock/reservations`, { ttlSeconds: 600, lines: [{ sku: "K", qty: 3 }] });
    const res = await call("GET", `/v1/stores/${a}/stock/check`, { host: t.host, token: t.accessToken });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true, storeId: a, checkedRows: 1, mismatches: [], negatives: [] });
  });

  it("refuses a store outside the actor's stores and another tenant's token", async () => {
    const t = await signup();
    const a = await createStore(t, "D1");
    const b = await createStore(t, "D2");
    const cashier = await staff(t, "cashier", [a]);
    expect((await call("GET", `/v1/stores/${a}/stock/check`, { host: t.host, token: cashier.token })).status).toBe(200);
    const p = await problem(await call("GET", `/v1/stores/${b}/stock/check`, { host: t.host, token: cashier.token }));
    expect(p).toMatchObject({ status: 403, code: "store_forbidden" });
    const other = await signup();
    expect((await call("GET", `/v1/stores/${a}/stock/check`, { host: t.host, token: other.accessToken })).status).toBe(403);
  });
});

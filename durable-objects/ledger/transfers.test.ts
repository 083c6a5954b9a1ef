import { abortAllDurableObjects, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoreDurableObject } from "../store";
import { ACTOR, onHand } from "./testing";

let k = 0;
/** Two stores of one tenant; stubs are made afresh on each use (an abort invalidates old ones). */
function twoStores() {
  k++;
  const tenant = `ten_tr${k}${Math.random().toString(36).slice(2, 6)}`;
  const A = () => env.STORE.getByName(`${tenant}:A`);
  const B = () => env.STORE.getByName(`${tenant}:B`);
  return { tenant, A, B };
}

type Stub = ReturnType<ReturnType<typeof twoStores>["A"]>;

/**
 * Units in the system for one SKU: on hand at A and B plus what is on the road, where the road
 * is computed from each side's authoritative facts — dispatched (A's allocations), received (B's
 * receipts) and returned (A's returns) — so it holds even while messages are still in flight.
 */
async function units(A: Stub, B: Stub, sku: string, transferId: string): Promise<number> {
  const a = await A.getTransfer(transferId);
  const b = await B.getTransfer(transferId);
  const dispatched = a.ok ? (a.outbound?.allocations.reduce((n, x) => n + x.qty, 0) ?? 0) : 0;
  const returned = a.ok ? (a.outbound?.allocations.reduce((n, x) => n + x.returnedQty, 0) ?? 0) : 0;
  const received = b.ok ? (b.inbound?.lines.reduce((n, x) => n + x.qtyReceived, 0) ?? 0) : 0;
  return (await onHand(A, sku)) + (await onHand(B, sku)) + dispatched - received - returned;
}

/** Forces every delivery of `stub` back to pending, as if its acknowledgement had been lost in a crash. */
async function loseAcks(stub: Stub): Promise<void> {
  await runInDurableObject(stub, (_i: StoreDurableObject, s) => {
    s.storage.sql.exec("UPDATE deliveries SET state = 'pending', next_attempt_at = 0");
    return s.storage.setAlarm(Date.now());
  });
}

describe("transfers between stores", () => {
  it("moves stock request → approve → dispatch → partial receipts, at the sender's cost and batch", async () => {
    const { A, B } = twoStores();
    await A().receive({ actor: ACTOR, lines: [{ sku: "X", qty: 10, unitCost: 250, batch: "L1", expiry: "2027-05-01" }] });
    const t = await A().requestTransfer({ actor: ACTOR, transferId: "trf_1", toStoreId: "B", lines: [{ sku: "X", qty: 6 }] });
    expect(t).toMatchObject({ ok: true, state: "requested" });
    expect(await A().dispatchTransfer({ actor: ACTOR, transferId: "trf_1" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await A().approveTransfer({ actor: ACTOR, transferId: "trf_1" })).toMatchObject({ ok: true, state: "approved" });
    expect(await A().dispatchTransfer({ actor: ACTOR, transferId: "trf_1" })).toMatchObject({
      ok: true,
      state: "in_transit",
      inTransit: 6,
    });
    expect(await onHand(A(), "X")).toBe(4);
    const r1 = await B().receiveTransfer({ actor: ACTOR, transferId: "trf_1", lines: [{ sku: "X", qty: 4 }] });
    expect(r1).toMatchObject({
      ok: true,
      state: "in_transit",
      inTransit: 2,
      entries: [{ kind: "transfer_in", batch: "L1", qty: 4, unitCost: 250 }],
    });
    expect(await B().receiveTransfer({ actor: ACTOR, transferId: "trf_1", lines: [{ sku: "X", qty: 3 }] })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await B().receiveTransfer({ actor: ACTOR, transferId: "trf_1" })).toMatchObject({ ok: true, state: "received", inTransit: 0 });
    const a = await A().getTransfer("trf_1");
    expect(a.ok && a.outbound).toMatchObject({ state: "received", inTransit: 0 });
    const bStock = await B().getStock({ sku: "X" });
    expect(bStock.ok && bStock.items[0]?.batches).toEqual([{ batch: "L1", expiry: "2027-05-01", onHand: 6, reserved: 0, available: 6 }]);
    expect((await A().checkBalances()).ok && (await B().checkBalances()).ok).toBe(true);
  });

  it("refuses to dispatch more than is available and changes nothing", async () => {
    const { A } = twoStores();
    await A().receive({ actor: ACTOR, lines: [{ sku: "X", qty: 2, unitCost: 1 }] });
    await A().requestTransfer({ actor: ACTOR, transferId: "trf_2", toStoreId: "B", lines: [{ sku: "X", qty: 3 }] });
    await A().approveTransfer({ actor: ACTOR, transferId: "trf_2" });
    expect(await A().dispatchTransfer({ actor: ACTOR, transferId: "trf_2" })).toMatchObject({ ok: false, code: "insufficient_stock" });
    expect(await onHand(A(), "X")).toBe(2);
    expect(await A().cancelTransfer({ actor: ACTOR, transferId: "trf_2" })).toMatchObject({ ok: true, state: "cancelled" });
  });

  it("loses and doubles nothing when both stores are evicted or aborted at every step", async () => {
    const { tenant, A, B } = twoStores();
    const id = "trf_crash";
    // Messages go only by the alarm, so every step can be interrupted between commit and delivery.
    await A().configure({ tenantId: tenant, storeId: "A", deliveryMode: "alarm" });
    await B().configure({ tenantId: tenant, storeId: "B", deliveryMode: "alarm" });
    await A().receive({ actor: ACTOR, lines: [{ sku: "X", qty: 10, unitCost: 100 }] });
    const check = async () => {
      expect(await units(A(), B(), "X", id)).toBe(10);
      expect((await A().checkBalances()).ok).toBe(true);
      expect((await B().checkBalances()).ok).toBe(true);
    };

    await A().requestTransfer({ actor: ACTOR, transferId: id, toStoreId: "B", lines: [{ sku: "X", qty: 6 }] });
    await evictDurableObject(A());
    await A().approveTransfer({ actor: ACTOR, transferId: id });
    await abortAllDurableObjects();
    await check();

    // Dispatch aborted mid-flight: it either committed or not; the retry with its key settles it once.
    const inFlight = A()
      .dispatchTransfer({ actor: ACTOR, transferId: id, idempotencyKey: "dispatch-1" })
      .catch(() => null);
    await abortAllDurableObjects();
    await inFlight;
    const d = await A().dispatchTransfer({ actor: ACTOR, transferId: id, idempotencyKey: "dispatch-1" });
    expect(d).toMatchObject({ ok: true, state: "in_transit" });
    expect(await A().dispatchTransfer({ actor: ACTOR, transferId: id, idempotencyKey: "dispatch-1" })).toEqual(d);
    expect(await onHand(A(), "X")).toBe(4);
    await evictDurableObject(A());
    await check();

    // The "dispatched" message: delivered by A's alarm, then its acknowledgement lost and re-sent.
    await runDurableObjectAlarm(A());
    await loseAcks(A());
    await abortAllDurableObjects();
    await runDurableObjectAlarm(A());
    const inbound = await B().getTransfer(id);
    expect(inbound.ok && inbound.inbound).toMatchObject({ state: "in_transit", inTransit: 6 });
    await check();

    // A partial receipt at B, retried after an eviction with the same key.
    const r = await B().receiveTransfer({ actor: ACTOR, transferId: id, idempotencyKey: "recv-1", lines: [{ sku: "X", qty: 4 }] });
    expect(r).toMatchObject({ ok: true, inTransit: 2 });
    await evictDurableObject(B());
    expect(await B().receiveTransfer({ actor: ACTOR, transferId: id, idempotencyKey: "recv-1", lines: [{ sku: "X", qty: 4 }] })).toEqual(r);
    expect(await onHand(B(), "X")).toBe(4);
    await check();

    // The "received" message to A, delivered twice.
    await abortAllDurableObjects();
    await runDurableObjectAlarm(B());
    await loseAcks(B());
    await runDurableObjectAlarm(B());
    const a1 = await A().getTransfer(id);
    expect(a1.ok && a1.outbound).toMatchObject({ state: "in_transit", inTransit: 2 });
    await check();

    // Cancel in transit at A: the close request goes to B, B hands the remainder back; all twice.
    expect(await A().cancelTransfer({ actor: ACTOR, transferId: id })).toMatchObject({ ok: true, cancelRequested: true });
    await evictDurableObject(A());
    await runDurableObjectAlarm(A());
    await loseAcks(A());
    await runDurableObjectAlarm(A());
    await abortAllDurableObjects();
    await check();
    await runDurableObjectAlarm(B());
    await loseAcks(B());
    await abortAllDurableObjects();
    await runDurableObjectAlarm(B());
    await check();

    const a2 = await A().getTransfer(id);
    expect(a2.ok && a2.outbound).toMatchObject({ state: "closed", inTransit: 0 });
    const b2 = await B().getTransfer(id);
    expect(b2.ok && b2.inbound).toMatchObject({ state: "closed" });
    expect(await onHand(A(), "X")).toBe(6);
    expect(await onHand(B(), "X")).toBe(4);
    expect(await B().receiveTransfer({ actor: ACTOR, transferId: id, lines: [{ sku: "X", qty: 1 }] })).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("carries serials across and sells them once at the receiving store", async () => {
    const { A, B } = twoStores();
    await A().receive({ actor: ACTOR, lines: [{ sku: "PH", qty: 2, unitCost: 5000, serials: ["S1", "S2"] }] });
    await A().requestTransfer({ actor: ACTOR, transferId: "trf_s", toStoreId: "B", lines: [{ sku: "PH", qty: 1, serials: ["S2"] }] });
    await A().approveTransfer({ actor: ACTOR, transferId: "trf_s" });
    await A().dispatchTransfer({ actor: ACTOR, transferId: "trf_s" });
    expect(await A().commitSale({ actor: ACTOR, saleId: "s", lines: [{ sku: "PH", qty: 1, serials: ["S2"] }] })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await B().receiveTransfer({ actor: ACTOR, transferId: "trf_s" })).toMatchObject({ ok: true, state: "received" });
    expect(await B().commitSale({ actor: ACTOR, saleId: "s", lines: [{ sku: "PH", qty: 1, serials: ["S2"] }] })).toMatchObject({
      ok: true,
    });
    expect(await B().commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "PH", qty: 1, serials: ["S2"] }] })).toMatchObject({
      ok: false,
    });
  });
});

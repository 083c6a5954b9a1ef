import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { StoreDurableObject } from "../store";
import { OPERATION_RETENTION_MS, PRUNE_STATEMENTS, SENT_RETENTION_MS } from "./retention";
import { ACTOR, freshStore, onHand } from "./testing";

type Stub = ReturnType<typeof freshStore>["stub"];

function outbox(stub: Stub, type?: string) {
  return runInDurableObject(stub, (_i: StoreDurableObject, state) =>
    state.storage.sql
      .exec<{ type: string; sent_at: string | null; payload: string }>(
        "SELECT type, sent_at, payload FROM outbox WHERE ?1 IS NULL OR type = ?1 ORDER BY seq",
        type ?? null,
      )
      .toArray(),
  );
}

describe("low stock", () => {
  it("emits stock.low once per crossing and re-arms when stock rises above", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "LOW", qty: 10, unitCost: 10 }] });
    await stub.setSkuSettings({ actor: ACTOR, sku: "LOW", lowThreshold: 5, reorderPoint: 8 });
    const sell = (i: number, qty: number) => stub.commitSale({ actor: ACTOR, saleId: `s${i}`, lines: [{ sku: "LOW", qty }] });
    await sell(1, 3); // 7
    expect(await outbox(stub, "stock.low")).toHaveLength(0);
    await sell(2, 2); // 5: crosses
    await sell(3, 1); // 4
    await sell(4, 1); // 3
    expect(await outbox(stub, "stock.low")).toHaveLength(1);
    await stub.receive({ actor: ACTOR, lines: [{ sku: "LOW", qty: 10, unitCost: 10 }] }); // 13: re-armed
    await sell(5, 9); // 4: crosses again
    await sell(6, 1);
    const low = await outbox(stub, "stock.low");
    expect(low).toHaveLength(2);
    expect(JSON.parse(low[1]!.payload)).toMatchObject({ sku: "LOW", onHand: 4, lowThreshold: 5, reorderPoint: 8 });
    // Setting a threshold on a SKU already at or below it reports it low at once.
    await stub.setSkuSettings({ actor: ACTOR, sku: "NEW", lowThreshold: 1 });
    expect(await outbox(stub, "stock.low")).toHaveLength(3);
    const s = await stub.getStock({ low: true });
    expect(s.ok && s.items.map((i) => i.sku)).toEqual(["LOW"]);
  });
});

describe("outbox", () => {
  it("writes one stock.moved event per entry in the same transaction, and the alarm sends them", async () => {
    const { stub } = freshStore();
    await stub.receive({
      actor: ACTOR,
      lines: [
        { sku: "O", qty: 2, unitCost: 10 },
        { sku: "P", qty: 1, unitCost: 10 },
      ],
    });
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "O", qty: 1 }] });
    const moved = await outbox(stub, "stock.moved");
    expect(moved.map((r) => JSON.parse(r.payload).qty)).toEqual([2, 1, -1]);
    await runDurableObjectAlarm(stub); // may have run already: either way, by the alarm
    const rows = await outbox(stub);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.sent_at === null)).toEqual([]);
  });

  it("re-arms the alarm after an eviction when events are still unsent", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "O", qty: 1, unitCost: 10 }] });
    // As if the process died after the commit and before the alarm was set.
    await runInDurableObject(stub, async (_i: StoreDurableObject, s) => {
      s.storage.sql.exec("UPDATE outbox SET sent_at = NULL");
      await s.storage.deleteAlarm();
    });
    await evictDurableObject(stub);
    await stub.ping();
    const alarm = await runInDurableObject(stub, (_i: StoreDurableObject, s) => s.storage.getAlarm());
    const pending = (await outbox(stub)).filter((r) => r.sent_at === null).length;
    // Either the alarm is set, or it has already fired and sent everything.
    expect(alarm !== null || pending === 0).toBe(true);
    await runDurableObjectAlarm(stub);
    expect((await outbox(stub)).filter((r) => r.sent_at === null)).toEqual([]);
  });

  it("prunes sent events and old idempotent results past their windows, never entries", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, idempotencyKey: "old-key", lines: [{ sku: "O", qty: 1, unitCost: 10 }] });
    await runDurableObjectAlarm(stub);
    await runInDurableObject(stub, async (instance: StoreDurableObject, s) => {
      const longAgo = (ms: number) => new Date(Date.now() - ms - 1000).toISOString();
      s.storage.sql.exec("UPDATE outbox SET sent_at = ?", longAgo(SENT_RETENTION_MS));
      s.storage.sql.exec("UPDATE operations SET created_at = ?", longAgo(OPERATION_RETENTION_MS));
      await instance.alarm();
      expect(s.storage.sql.exec("SELECT count(*) AS n FROM outbox").one().n).toBe(0);
      expect(s.storage.sql.exec("SELECT count(*) AS n FROM operations").one().n).toBe(0);
      expect(s.storage.sql.exec("SELECT count(*) AS n FROM ledger_entries").one().n).toBe(1);
    });
  });

  it("finds what to prune through indexes, not by scanning the tables (the alarm runs after every sale)", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "P", qty: 1, unitCost: 10 }] });
    const plans = await runInDurableObject(stub, (_i: StoreDurableObject, s) =>
      PRUNE_STATEMENTS.map((p) =>
        s.storage.sql
          .exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${p.sql}`, "2000-01-01T00:00:00.000Z", 1)
          .toArray()
          .map((r) => r.detail),
      ),
    );
    for (const plan of plans) {
      // The only full scan allowed is none: each subquery searches an index of its cut-off column.
      expect(plan.filter((d) => /^SCAN /.test(d))).toEqual([]);
      expect(plan.join("; ")).toMatch(/SEARCH \w+ USING (COVERING )?INDEX (outbox_sent_idx|deliveries_done_idx|operations_created_idx)/);
    }
  });

  it("writes no event for a refused operation", async () => {
    const { stub } = freshStore();
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "NONE", qty: 1 }] });
    expect(await outbox(stub)).toEqual([]);
  });
});

describe("reservations", () => {
  it("holds stock from other sales until released", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "RS", qty: 3, unitCost: 10 }] });
    const r = await stub.reserve({ actor: ACTOR, ttlSeconds: 600, lines: [{ sku: "RS", qty: 2 }] });
    expect(r).toMatchObject({ ok: true, state: "active", lines: [{ sku: "RS", qty: 2 }] });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "RS", qty: 2 }] })).toMatchObject({
      code: "insufficient_stock",
    });
    expect(await stub.reserve({ actor: ACTOR, ttlSeconds: 600, lines: [{ sku: "RS", qty: 2 }] })).toMatchObject({
      code: "insufficient_stock",
    });
    const id = r.ok ? r.reservationId : "";
    expect(await stub.releaseReservation({ actor: ACTOR, reservationId: id })).toMatchObject({ ok: true, state: "released" });
    expect(await stub.releaseReservation({ actor: ACTOR, reservationId: id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "RS", qty: 3 }] })).toMatchObject({ ok: true });
    expect((await stub.checkBalances()).ok).toBe(true);
  });

  it("commits a reservation as a sale of the reserved batches", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "RC", qty: 3, unitCost: 10, batch: "L1", expiry: "2027-01-01" }] });
    const r = await stub.reserve({ actor: ACTOR, reservationId: "rsv_1", ttlSeconds: 600, lines: [{ sku: "RC", qty: 2 }] });
    expect(r.ok).toBe(true);
    const c = await stub.commitReservation({ actor: ACTOR, reservationId: "rsv_1", saleId: "sale_9" });
    expect(c).toMatchObject({
      ok: true,
      state: "committed",
      costTotal: 20,
      entries: [{ kind: "sale", batch: "L1", qty: -2, documentId: "sale_9" }],
    });
    const s = await stub.getStock({ sku: "RC" });
    expect(s.ok && s.items[0]).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
  });

  it("releases a lapsed reservation by its alarm", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "EXP", qty: 2, unitCost: 10 }] });
    const r = await stub.reserve({ actor: ACTOR, reservationId: "rsv_lapse", ttlSeconds: 1, lines: [{ sku: "EXP", qty: 2 }] });
    expect(r.ok).toBe(true);
    await new Promise((res) => setTimeout(res, 1100));
    expect(await stub.commitReservation({ actor: ACTOR, reservationId: "rsv_lapse" })).toMatchObject({
      ok: false,
      code: "reservation_expired",
    });
    await runDurableObjectAlarm(stub);
    const state = await runInDurableObject(
      stub,
      (_i: StoreDurableObject, s) =>
        s.storage.sql.exec<{ state: string }>("SELECT state FROM reservations WHERE id = 'rsv_lapse'").one().state,
    );
    expect(state).toBe("expired");
    const s = await stub.getStock({ sku: "EXP" });
    expect(s.ok && s.items[0]).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    expect(await onHand(stub, "EXP")).toBe(2);
    expect((await stub.checkBalances()).ok).toBe(true);
  });
});

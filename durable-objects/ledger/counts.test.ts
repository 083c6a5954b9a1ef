import { describe, expect, it } from "vitest";
import { ACTOR, freshStore, onHand } from "./testing";

describe("cycle counts", () => {
  it("snapshots expected, takes counted, and posts variances as count entries", async () => {
    const { stub } = freshStore();
    await stub.receive({
      actor: ACTOR,
      lines: [
        { sku: "C1", qty: 10, unitCost: 40 },
        { sku: "C2", qty: 5, unitCost: 70, batch: "L1" },
      ],
    });
    const c = await stub.createCount({ actor: ACTOR, countId: "cnt_1" });
    expect(c).toMatchObject({
      ok: true,
      state: "open",
      lines: [
        { sku: "C1", batch: "", expected: 10 },
        { sku: "C2", batch: "L1", expected: 5 },
      ],
    });
    // A sale while the sheet is open is its own movement; the count's variance is against the snapshot.
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "C1", qty: 1 }] });
    await stub.enterCounts({
      actor: ACTOR,
      countId: "cnt_1",
      lines: [
        { sku: "C1", counted: 8 },
        { sku: "C2", batch: "L1", counted: 6 },
      ],
    });
    const p = await stub.postCount({ actor: ACTOR, countId: "cnt_1" });
    expect(p).toMatchObject({
      ok: true,
      state: "posted",
      entries: [
        { kind: "count", sku: "C1", qty: -2, costTotal: 80 },
        { kind: "count", sku: "C2", batch: "L1", qty: 1, unitCost: 70 },
      ],
    });
    expect(await onHand(stub, "C1")).toBe(7);
    expect(await onHand(stub, "C2")).toBe(6);
    expect(await stub.postCount({ actor: ACTOR, countId: "cnt_1" })).toMatchObject({ ok: false, code: "conflict" });
    expect((await stub.checkBalances()).ok).toBe(true);
  });

  it("leaves uncounted lines alone and posts nothing for a cancelled sheet", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "C1", qty: 10, unitCost: 40 }] });
    await stub.createCount({ actor: ACTOR, countId: "cnt_2", skus: ["C1", "C9"] });
    expect(await stub.postCount({ actor: ACTOR, countId: "cnt_2" })).toMatchObject({ ok: true, entries: [] });
    await stub.createCount({ actor: ACTOR, countId: "cnt_3" });
    await stub.enterCounts({ actor: ACTOR, countId: "cnt_3", lines: [{ sku: "C1", counted: 0 }] });
    expect(await stub.cancelCount({ actor: ACTOR, countId: "cnt_3" })).toMatchObject({ ok: true, state: "cancelled" });
    expect(await onHand(stub, "C1")).toBe(10);
  });
});

describe("stock queries", () => {
  it("computes stock as of a past instant from the entries and pages movements by cursor", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "Q", qty: 10, unitCost: 1 }] });
    await new Promise((r) => setTimeout(r, 5));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 3; i++) await stub.commitSale({ actor: ACTOR, saleId: `s${i}`, lines: [{ sku: "Q", qty: 1 }] });
    const then = await stub.stockAsOf(between);
    expect(then).toMatchObject({ ok: true, items: [{ sku: "Q", batch: "", onHand: 10 }] });
    const now = await stub.stockAsOf(new Date().toISOString(), "Q");
    expect(now.ok && now.items[0]?.onHand).toBe(7);
    const p1 = await stub.movements({ sku: "Q", limit: 3 });
    expect(p1.ok && p1.items.map((e) => e.documentId)).toEqual(["s2", "s1", "s0"]);
    const p2 = await stub.movements({ sku: "Q", limit: 3, cursor: p1.ok ? (p1.nextCursor ?? undefined) : undefined });
    expect(p2).toMatchObject({ ok: true, items: [{ kind: "receipt", qty: 10 }], nextCursor: null });
    expect(await stub.movements({ kind: "receipt" })).toMatchObject({ ok: true, items: [{ sku: "Q" }] });
  });
});

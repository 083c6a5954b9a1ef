import { describe, expect, it } from "vitest";
import { ACTOR, freshStore } from "./testing";

describe("FEFO batch picking", () => {
  async function stocked() {
    const s = freshStore();
    await s.stub.receive({
      actor: ACTOR,
      lines: [
        { sku: "MILK", qty: 5, unitCost: 50, batch: "B-MAR", expiry: "2027-03-01" },
        { sku: "MILK", qty: 5, unitCost: 50, batch: "B-JAN", expiry: "2027-01-01" },
        { sku: "MILK", qty: 5, unitCost: 50, batch: "B-NONE" },
        { sku: "MILK", qty: 5, unitCost: 50 },
      ],
    });
    return s;
  }

  it("picks the first-expiring batches first, undated batches after, unbatched last", async () => {
    const { stub } = await stocked();
    const r = await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "MILK", qty: 7 }] });
    expect(r.ok && r.entries.map((e) => [e.batch, e.qty])).toEqual([
      ["B-JAN", -5],
      ["B-MAR", -2],
    ]);
    const r2 = await stub.commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "MILK", qty: 6 }] });
    expect(r2.ok && r2.entries.map((e) => [e.batch, e.qty])).toEqual([
      ["B-MAR", -3],
      ["B-NONE", -3],
    ]);
    const r3 = await stub.commitSale({ actor: ACTOR, saleId: "s3", lines: [{ sku: "MILK", qty: 4 }] });
    expect(r3.ok && r3.entries.map((e) => [e.batch, e.qty])).toEqual([
      ["B-NONE", -2],
      ["", -2],
    ]);
  });

  it("takes a named batch even when another expires first, and refuses when that batch is short", async () => {
    const { stub } = await stocked();
    const r = await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "MILK", qty: 2, batch: "B-MAR" }] });
    expect(r.ok && r.entries.map((e) => [e.batch, e.qty])).toEqual([["B-MAR", -2]]);
    const short = await stub.commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "MILK", qty: 4, batch: "B-MAR" }] });
    expect(short).toMatchObject({
      ok: false,
      code: "insufficient_stock",
      shortfall: [{ sku: "MILK", batch: "B-MAR", available: 3, short: 1 }],
    });
  });

  it("lists batches expiring before a date and refuses a batch received with another expiry", async () => {
    const { stub } = await stocked();
    const s = await stub.getStock({ expiringBefore: "2027-02-01" });
    expect(s.ok && s.items.map((i) => i.batches.map((b) => b.batch))).toEqual([["B-JAN"]]);
    const bad = await stub.receive({ actor: ACTOR, lines: [{ sku: "MILK", qty: 1, unitCost: 50, batch: "B-JAN", expiry: "2027-06-01" }] });
    expect(bad).toMatchObject({ ok: false, code: "conflict" });
  });

  it("writes off an expired batch by adjustment with its reason", async () => {
    const { stub } = await stocked();
    const r = await stub.adjust({ actor: ACTOR, reason: "expiry_write_off", lines: [{ sku: "MILK", qty: -5, batch: "B-JAN" }] });
    expect(r).toMatchObject({
      ok: true,
      entries: [{ kind: "adjustment", reason: "expiry_write_off", batch: "B-JAN", qty: -5, costTotal: 250 }],
    });
  });
});

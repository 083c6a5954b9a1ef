import { describe, expect, it } from "vitest";
import { ACTOR, freshStore } from "./testing";
import { averageUnitCost, movingAverageIssueCost, roundHalfUpDiv } from "./valuation";

describe("valuation rounding", () => {
  it("rounds half up (half away from zero) in integer division", () => {
    expect(roundHalfUpDiv(5, 2)).toBe(3);
    expect(roundHalfUpDiv(7, 2)).toBe(4);
    expect(roundHalfUpDiv(1, 3)).toBe(0);
    expect(roundHalfUpDiv(2, 3)).toBe(1);
    expect(roundHalfUpDiv(-5, 2)).toBe(-3);
    expect(roundHalfUpDiv(10n ** 18n + 1n, 2)).toBe(Number(5n * 10n ** 17n + 1n));
    expect(() => roundHalfUpDiv(1, 0)).toThrow(RangeError);
  });

  it("issues the proportional share of value at moving average, the whole value when all goes", () => {
    expect(movingAverageIssueCost(3, 2, 1)).toBe(2); // 1.5 → 2
    expect(movingAverageIssueCost(704, 7, 2)).toBe(201); // 201.14 → 201
    expect(movingAverageIssueCost(704, 7, 7)).toBe(704);
    expect(averageUnitCost(704, 7)).toBe(101); // 100.57 → 101
  });
});

describe("cost of goods sold", () => {
  it("consumes FIFO layers in receipt order", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "F", qty: 10, unitCost: 100 }] });
    await stub.receive({ actor: ACTOR, lines: [{ sku: "F", qty: 10, unitCost: 120 }] });
    // 10 × 100 + 5 × 120 = 1,600; unit cost 1,600 / 15 = 106.67 → 107.
    const a = await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "F", qty: 15 }] });
    expect(a).toMatchObject({ ok: true, costTotal: 1600, entries: [{ qty: -15, unitCost: 107, costTotal: 1600 }] });
    const b = await stub.commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "F", qty: 5 }] });
    expect(b).toMatchObject({ ok: true, costTotal: 600 });
  });

  it("costs at moving average with named half-up rounding and leaves no residue", async () => {
    const { stub, tenantId, storeId } = freshStore();
    expect(await stub.configure({ tenantId, storeId, valuation: "moving_average" })).toMatchObject({
      ok: true,
      valuation: "moving_average",
    });
    await stub.receive({ actor: ACTOR, lines: [{ sku: "M", qty: 3, unitCost: 100 }] });
    await stub.receive({ actor: ACTOR, lines: [{ sku: "M", qty: 4, unitCost: 101 }] });
    // qty 7, value 704. Sell 2: 704 × 2 / 7 = 201.14 → 201 (left 5 units, 503).
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "M", qty: 2 }] })).toMatchObject({ costTotal: 201 });
    // Sell 1: 503 / 5 = 100.6 → 101 (left 4, 402). Sell 4: all of 402.
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "M", qty: 1 }] })).toMatchObject({ costTotal: 101 });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s3", lines: [{ sku: "M", qty: 4 }] })).toMatchObject({
      costTotal: 402,
      entries: [{ unitCost: 101 }],
    });
    // 201 + 101 + 402 = 704: everything received was expensed, not a paisa more or less.
  });

  it("refuses to change the valuation method once stock has moved", async () => {
    const { stub, tenantId, storeId } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "M", qty: 1, unitCost: 100 }] });
    expect(await stub.configure({ tenantId, storeId, valuation: "moving_average" })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("brings a restocked return back at the sale's cost", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "R", qty: 2, unitCost: 300 }] });
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "R", qty: 2 }] });
    await stub.receive({ actor: ACTOR, lines: [{ sku: "R", qty: 1, unitCost: 999 }] });
    const r = await stub.returnToStock({
      actor: ACTOR,
      returnId: "ret1",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "R", qty: 1 }],
    });
    expect(r).toMatchObject({ ok: true, entries: [{ kind: "return", qty: 1, unitCost: 300 }] });
    const w = await stub.returnToStock({
      actor: ACTOR,
      returnId: "ret2",
      saleId: "s1",
      disposition: "write_off",
      lines: [{ sku: "R", qty: 1 }],
    });
    expect(w).toMatchObject({
      ok: true,
      entries: [
        { kind: "return", qty: 1 },
        { kind: "adjustment", qty: -1, reason: "return_write_off", costTotal: 300 },
      ],
    });
    const s = await stub.getStock({ sku: "R" });
    expect(s.ok && s.items[0]?.onHand).toBe(2);
  });
});

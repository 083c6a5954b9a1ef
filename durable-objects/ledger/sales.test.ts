import { describe, expect, it } from "vitest";
import { ACTOR, freshStore, onHand } from "./testing";

describe("stock ledger: receipts and sales", () => {
  it("receives stock and sells it, recording cost", async () => {
    const { stub } = freshStore();
    const r = await stub.receive({ actor: ACTOR, lines: [{ sku: "TEA-1", qty: 10, unitCost: 2500 }] });
    expect(r.ok).toBe(true);
    const s = await stub.commitSale({ actor: ACTOR, saleId: "sale_1", lines: [{ sku: "TEA-1", qty: 4 }] });
    expect(s).toMatchObject({ ok: true, costTotal: 10000 });
    expect(await onHand(stub, "TEA-1")).toBe(6);
    expect((await stub.checkBalances()).ok).toBe(true);
  });

  it("refuses a sale that would oversell, naming the shortfall, and writes nothing", async () => {
    const { stub } = freshStore();
    await stub.receive({
      actor: ACTOR,
      lines: [
        { sku: "A", qty: 3, unitCost: 100 },
        { sku: "B", qty: 1, unitCost: 100 },
      ],
    });
    const s = await stub.commitSale({
      actor: ACTOR,
      saleId: "sale_x",
      lines: [
        { sku: "A", qty: 2 },
        { sku: "B", qty: 5 },
      ],
    });
    expect(s).toMatchObject({ ok: false, code: "insufficient_stock", shortfall: [{ sku: "B", requested: 5, available: 1, short: 4 }] });
    expect(await onHand(stub, "A")).toBe(3);
    const m = await stub.movements({ documentId: "sale_x" });
    expect(m.ok && m.items).toEqual([]);
  });

  it("sells exactly the last 10 units to 10 of 50 concurrent buyers", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "LAST", qty: 10, unitCost: 700 }] });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        stub.commitSale({ actor: ACTOR, saleId: `sale_${i}`, idempotencyKey: `k${i}`, lines: [{ sku: "LAST", qty: 1 }] }),
      ),
    );
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r).toMatchObject({ code: "insufficient_stock", shortfall: [{ sku: "LAST", short: 1, available: 0 }] });
    expect(await onHand(stub, "LAST")).toBe(0);
    expect(await stub.checkBalances()).toMatchObject({ ok: true, mismatches: [], negatives: [] });
  });

  it("replays a retried sale with the same idempotency key without a second effect", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "K", qty: 5, unitCost: 100 }] });
    const input = { actor: ACTOR, saleId: "sale_k", idempotencyKey: "idem-1", lines: [{ sku: "K", qty: 2 }] };
    const first = await stub.commitSale(input);
    const again = await stub.commitSale(input);
    expect(again).toEqual(first);
    expect(await onHand(stub, "K")).toBe(3);
    const m = await stub.movements({ sku: "K", kind: "sale" });
    expect(m.ok && m.items).toHaveLength(1);
  });

  it("refuses the same idempotency key with another payload", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "K", qty: 5, unitCost: 100 }] });
    await stub.commitSale({ actor: ACTOR, saleId: "s1", idempotencyKey: "idem-2", lines: [{ sku: "K", qty: 1 }] });
    const other = await stub.commitSale({ actor: ACTOR, saleId: "s1", idempotencyKey: "idem-2", lines: [{ sku: "K", qty: 2 }] });
    expect(other).toMatchObject({ ok: false, code: "idempotency_key_reused" });
    expect(await onHand(stub, "K")).toBe(4);
  });

  it("accepts and flags an offline sale's shortfall when asked", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "OFF", qty: 1, unitCost: 100 }] });
    const s = await stub.commitSale({ actor: ACTOR, saleId: "pos_1", allowShortfall: true, lines: [{ sku: "OFF", qty: 3 }] });
    expect(s).toMatchObject({ ok: true, flagged: [{ sku: "OFF" }] });
    expect(await onHand(stub, "OFF")).toBe(-2);
    // The negative is explained by the flagged shortfall, so the check does not count it against the rules.
    expect(await stub.checkBalances()).toMatchObject({ ok: true });
  });

  it("sells a serial once", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "PHONE", qty: 2, unitCost: 1000000, serials: ["IMEI1", "IMEI2"] }] });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "PHONE", qty: 1 }] })).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "PHONE", qty: 1, serials: ["IMEI1"] }] })).toMatchObject({
      ok: true,
    });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s2", lines: [{ sku: "PHONE", qty: 1, serials: ["IMEI1"] }] })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await stub.receive({ actor: ACTOR, lines: [{ sku: "PHONE", qty: 1, unitCost: 1, serials: ["IMEI2"] }] })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await stub.receive({ actor: ACTOR, lines: [{ sku: "PHONE", qty: 1, unitCost: 1 }] })).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
    expect(await stub.reserve({ actor: ACTOR, ttlSeconds: 60, lines: [{ sku: "PHONE", qty: 1 }] })).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
    const ret = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r1",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "PHONE", qty: 1, serials: ["IMEI1"] }],
    });
    expect(ret).toMatchObject({ ok: true, entries: [{ serial: "IMEI1", qty: 1 }] });
    expect(await onHand(stub, "PHONE")).toBe(2);
  });

  it("allows negative stock for a SKU that permits it", async () => {
    const { stub } = freshStore();
    await stub.setSkuSettings({ actor: ACTOR, sku: "NEG", allowNegative: true });
    expect(await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "NEG", qty: 2 }] })).toMatchObject({ ok: true });
    expect(await onHand(stub, "NEG")).toBe(-2);
    expect((await stub.checkBalances()).ok).toBe(true);
  });

  it("validates input and returns the failing fields", async () => {
    const { stub } = freshStore();
    const r = await stub.receive({ actor: ACTOR, lines: [{ sku: "X", qty: 1.5, unitCost: -1 }] });
    expect(r).toMatchObject({ ok: false, code: "validation_failed" });
    expect(!r.ok && r.fields?.map((f) => f.path)).toEqual(["lines.0.qty", "lines.0.unitCost"]);
  });
});

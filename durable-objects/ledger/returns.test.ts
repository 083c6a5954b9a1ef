import { describe, expect, it } from "vitest";
import { ACTOR, freshStore } from "./testing";

type Stub = ReturnType<typeof freshStore>["stub"];

async function batches(stub: Stub, sku: string) {
  const r = await stub.getStock({ sku });
  if (!r.ok) throw new Error(r.detail);
  return Object.fromEntries((r.items[0]?.batches ?? []).map((b) => [b.batch, b.onHand]));
}

describe("returns restock the sale's batches", () => {
  it("puts returned units back in the batches the sale took, in the sale's order, at each batch's cost", async () => {
    const { stub } = freshStore();
    await stub.receive({
      actor: ACTOR,
      lines: [
        { sku: "MILK", qty: 2, unitCost: 100, batch: "A", expiry: "2027-01-31" },
        { sku: "MILK", qty: 5, unitCost: 200, batch: "B", expiry: "2027-06-30" },
      ],
    });
    // FEFO: 2 from A, then 2 from B.
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "MILK", qty: 4 }] });
    expect(await batches(stub, "MILK")).toEqual({ A: 0, B: 3 });

    const r1 = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r1",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "MILK", qty: 3 }],
    });
    expect(r1).toMatchObject({
      ok: true,
      entries: [
        { kind: "return", batch: "A", qty: 2, unitCost: 100, costTotal: 200 },
        { kind: "return", batch: "B", qty: 1, unitCost: 200, costTotal: 200 },
      ],
    });
    // A later return of the same sale takes what is left: B only.
    const r2 = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r2",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "MILK", qty: 1 }],
    });
    expect(r2).toMatchObject({ ok: true, entries: [{ batch: "B", qty: 1, unitCost: 200 }] });
    expect(await batches(stub, "MILK")).toEqual({ A: 2, B: 5 });

    const r3 = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r3",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "MILK", qty: 1 }],
    });
    expect(r3).toMatchObject({ ok: false, code: "unprocessable", fields: [{ path: "lines.0.qty" }] });
    expect(await batches(stub, "MILK")).toEqual({ A: 2, B: 5 });
    expect((await stub.checkBalances()).ok).toBe(true);
  });

  it("writes off a return in the sale's batch, leaving no unbatched balance", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "SYRUP", qty: 5, unitCost: 700, batch: "KH2611A", expiry: "2027-11-30" }] });
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "SYRUP", qty: 3 }] });
    const w = await stub.returnToStock({
      actor: ACTOR,
      returnId: "w1",
      saleId: "s1",
      disposition: "write_off",
      lines: [{ sku: "SYRUP", qty: 1 }],
    });
    expect(w).toMatchObject({
      ok: true,
      entries: [
        { kind: "return", batch: "KH2611A", qty: 1, costTotal: 700 },
        { kind: "adjustment", batch: "KH2611A", qty: -1, reason: "return_write_off", costTotal: 700 },
      ],
    });
    expect(await batches(stub, "SYRUP")).toEqual({ KH2611A: 2 });
  });

  it("takes a serial back into its own batch and refuses a serial the sale did not sell", async () => {
    const { stub } = freshStore();
    await stub.receive({
      actor: ACTOR,
      lines: [
        { sku: "PHONE", qty: 1, unitCost: 1000, batch: "L1", serials: ["IMEI1"] },
        { sku: "PHONE", qty: 1, unitCost: 1200, batch: "L2", serials: ["IMEI2"] },
      ],
    });
    await stub.commitSale({ actor: ACTOR, saleId: "s1", lines: [{ sku: "PHONE", qty: 2, serials: ["IMEI1", "IMEI2"] }] });
    const none = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r0",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "PHONE", qty: 1 }],
    });
    expect(none).toMatchObject({ ok: false, code: "validation_failed", fields: [{ path: "lines.0.serials" }] });
    const wrong = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r1",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "PHONE", qty: 1, serials: ["IMEI9"] }],
    });
    expect(wrong).toMatchObject({ ok: false, code: "unprocessable" });
    const ok = await stub.returnToStock({
      actor: ACTOR,
      returnId: "r2",
      saleId: "s1",
      disposition: "restock",
      lines: [{ sku: "PHONE", qty: 1, serials: ["IMEI2"] }],
    });
    expect(ok).toMatchObject({ ok: true, entries: [{ serial: "IMEI2", batch: "L2", unitCost: 1200 }] });
    expect(await batches(stub, "PHONE")).toEqual({ L1: 0, L2: 1 });
  });

  it("names the serials field when a serial count is wrong", async () => {
    const { stub } = freshStore();
    await stub.receive({ actor: ACTOR, lines: [{ sku: "PHONE", qty: 2, unitCost: 1000, serials: ["S1", "S2"] }] });
    const sale = await stub.commitSale({
      actor: ACTOR,
      saleId: "s1",
      lines: [
        { sku: "PHONE", qty: 1, serials: ["S1"] },
        { sku: "PHONE", qty: 2, serials: ["S2"] },
      ],
    });
    expect(sale).toMatchObject({ ok: false, code: "validation_failed", fields: [{ path: "lines.1.serials" }] });
    const receipt = await stub.receive({ actor: ACTOR, lines: [{ sku: "PHONE", qty: 2, unitCost: 1, serials: ["S3"] }] });
    expect(receipt).toMatchObject({ ok: false, code: "validation_failed", fields: [{ path: "lines.0.serials" }] });
  });
});

import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { freshStore } from "../ledger/testing";
import type { StoreDurableObject } from "../store";
import { draft } from "./testing";

type Stub = ReturnType<typeof freshStore>["stub"];

function count(stub: Stub, table: string) {
  return runInDurableObject(
    stub,
    (_i: StoreDurableObject, s) => s.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n,
  );
}
function outboxTypes(stub: Stub) {
  return runInDurableObject(stub, (_i: StoreDurableObject, s) =>
    s.storage.sql
      .exec<{ type: string }>("SELECT type FROM outbox ORDER BY seq")
      .toArray()
      .map((r) => r.type),
  );
}

describe("POS commit in the store object", () => {
  it("writes the stock movement, the sale and its events in one commit", async () => {
    const { storeId, stub } = freshStore();
    await stub.receive({ actor: "usr_test", lines: [{ sku: "RICE", qty: 2, unitCost: 100 }] });
    const r = await stub.posCheckout({ actor: "usr_test", draft: draft(storeId, { sku: "RICE", kind: "stock", quantity: 2 }) });
    expect(r.ok).toBe(true);
    expect((await outboxTypes(stub)).slice(-3)).toEqual(["stock.moved", "sale.completed", "invoice.issued"]);
    const got = await stub.getSale(r.ok ? r.sale.id : "");
    expect(got.ok && got.sale.stockEntries).toBe(1);
  });

  it("refuses a short sale leaving no sale, no event, no stock movement and no number", async () => {
    const { storeId, stub } = freshStore();
    await stub.receive({ actor: "usr_test", lines: [{ sku: "RICE", qty: 1, unitCost: 100 }] });
    const before = await outboxTypes(stub);
    const r = await stub.posCheckout({ actor: "usr_test", draft: draft(storeId, { sku: "RICE", kind: "stock", quantity: 2 }) });
    expect(r).toMatchObject({ ok: false, code: "insufficient_stock", shortfall: [{ sku: "RICE", requested: 2, available: 1, short: 1 }] });
    expect(await outboxTypes(stub)).toEqual(before);
    expect(await count(stub, "pos_sales")).toBe(0);
    expect(await count(stub, "pos_series")).toBe(0);
  });

  it("accepts and flags an offline sale's shortfall instead of refusing it", async () => {
    const { storeId, stub } = freshStore();
    const r = await stub.posCheckout({
      actor: "usr_test",
      allowShortfall: true,
      draft: draft(storeId, { sku: "MILK", kind: "stock", quantity: 2 }),
    });
    expect(r.ok && r.sale.flaggedShortfall).toBe(true);
  });

  it("replays the stored result for a repeated idempotency key", async () => {
    const { storeId, stub } = freshStore();
    const a = await stub.posCheckout({ actor: "usr_test", idempotencyKey: "k1", draft: draft(storeId) });
    const b = await stub.posCheckout({ actor: "usr_test", idempotencyKey: "k1", draft: draft(storeId) });
    expect(a.ok && b.ok && a.sale.id === b.sale.id).toBe(true);
    expect(await count(stub, "pos_sales")).toBe(1);
  });
});

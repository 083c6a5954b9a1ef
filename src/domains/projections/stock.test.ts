import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signup } from "../../../test/helpers";
import worker from "../../../workers/index";

function movedEvent(tenantId: string, eventId: string, qty: number, extra: Record<string, unknown> = {}) {
  return {
    eventId,
    tenantId,
    storeId: "str_test",
    type: "stock.moved",
    version: 1,
    occurredAt: new Date().toISOString(),
    payload: {
      entryId: `ent_${eventId}`,
      sku: "RICE-5KG",
      batch: "",
      qty,
      kind: qty > 0 ? "receipt" : "sale",
      unitCost: 40000,
      costTotal: qty > 0 ? null : 40000 * -qty,
      postedAt: new Date().toISOString(),
      onHandAfter: 0,
      ...extra,
    },
  };
}

async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `m${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function level(tenantId: string) {
  const b = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(tenantId).first<{ b: string }>();
  const db = (env as unknown as Record<string, D1Database>)[b?.b ?? ""] as D1Database;
  return db
    .prepare("SELECT on_hand, value FROM stock_levels WHERE store_id = 'str_test' AND sku = 'RICE-5KG'")
    .first<{ on_hand: number; value: number }>();
}

describe("stock projection consumer", () => {
  it("applies each stock.moved once even when the queue delivers it twice", async () => {
    const t = await signup();
    const receipt = movedEvent(t.id, "evt_r1", 10);
    const sale = movedEvent(t.id, "evt_s1", -3);
    const first = await deliver([receipt, sale]);
    expect(first.explicitAcks).toHaveLength(2);
    await deliver([receipt, sale, receipt]);
    expect(await level(t.id)).toEqual({ on_hand: 7, value: 7 * 40000 });
  });

  it("sends a malformed envelope to the dead-letter queue and acks it, and retries a failing one", async () => {
    const t = await signup();
    const bad = await deliver([{ hello: "world" }]);
    expect(bad.explicitAcks).toHaveLength(1);
    const unknownTenant = await deliver([movedEvent("ten_missing", "evt_x", 1)]);
    expect(unknownTenant.retryMessages).toHaveLength(1);
    expect(await level(t.id)).toBeNull();
  });
});

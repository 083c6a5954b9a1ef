import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, signup, type TestTenant } from "../../../test/helpers";
import worker from "../../../workers/index";
import { hashPassword } from "../auth/password";
import { EVENTS_DLQ_QUEUE, EVENTS_QUEUE } from "./queues";

async function adminToken(): Promise<string> {
  await env.PLATFORM_DB.prepare(
    "INSERT OR IGNORE INTO platform_admins (id, email, password_hash) VALUES ('adm_dlq', 'dlq@edgetill.test', ?)",
  )
    .bind(await hashPassword("platform admin pw"))
    .run();
  return (
    await json(await call("POST", "/v1/platform/auth/login", { body: { email: "dlq@edgetill.test", password: "platform admin pw" } }))
  ).accessToken;
}

let n = 0;
function receipt(tenantId: string, qty: number) {
  n++;
  const at = new Date().toISOString();
  return {
    eventId: `evt_dlq_${Date.now()}_${n}`,
    tenantId,
    storeId: "str_dlq",
    type: "stock.moved",
    version: 1,
    occurredAt: at,
    payload: {
      entryId: `sle_${n}`,
      sku: "POISON",
      batch: "",
      serial: null,
      qty,
      kind: "receipt",
      reason: null,
      documentType: "receipt",
      documentId: `doc_${n}`,
      unitCost: 100,
      costTotal: 100 * qty,
      postedAt: at,
      actor: "usr_x",
      flagged: false,
      onHandAfter: qty,
    },
  };
}

async function deliver(queue: string, bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `m${i}-${attempts}-${Math.random()}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function binding(t: TestTenant): Promise<string> {
  return (await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>())!.b;
}

async function onHand(b: string): Promise<number | null> {
  const db = (env as unknown as Record<string, D1Database>)[b] as D1Database;
  const r = await db.prepare("SELECT on_hand FROM stock_levels WHERE store_id = 'str_dlq' AND sku = 'POISON'").first<{ on_hand: number }>();
  return r?.on_hand ?? null;
}

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("dead letters", () => {
  it("keeps a poison message that failed every retry, and redrive applies it once after the fix", async () => {
    const t = await signup();
    const good = await binding(t);
    const event = receipt(t.id, 5);
    // The cause: the tenant's database binding is broken, so the consumer throws every time.
    await env.PLATFORM_DB.prepare("UPDATE tenants SET database_binding = 'TENANT_DB_9999' WHERE id = ?").bind(t.id).run();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const r = await deliver(EVENTS_QUEUE, [event], attempt);
      expect(r.retryMessages).toHaveLength(1);
      expect(r.explicitAcks).toHaveLength(0);
    }
    // After max_retries Cloudflare hands it to the dead-letter queue; its consumer keeps it.
    const dead = await deliver(EVENTS_DLQ_QUEUE, [event]);
    expect(dead.explicitAcks).toHaveLength(1);
    await deliver(EVENTS_DLQ_QUEUE, [event]); // the dead-letter queue is at-least-once too

    const token = await adminToken();
    const listed = await json(await call("GET", `/v1/platform/events/dead-letters?tenantId=${t.id}`, { token }));
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      eventId: event.eventId,
      type: "stock.moved",
      reason: "max_retries",
      state: "dead",
      deaths: 2,
      body: event,
    });

    // Fixed: redrive sends it back to the events queue, whose consumer applies it.
    await env.PLATFORM_DB.prepare("UPDATE tenants SET database_binding = ? WHERE id = ?").bind(good, t.id).run();
    const redriven = await json(await call("POST", "/v1/platform/events/redrive", { token, body: { tenantId: t.id } }));
    expect(redriven).toEqual({ redriven: 1, ids: [listed.items[0].id] });
    expect(
      await until(
        () => onHand(good),
        (v) => v === 5,
      ),
    ).toBe(5);

    // Once: a further delivery and a second redrive change nothing.
    await deliver(EVENTS_QUEUE, [event]);
    expect((await json(await call("POST", "/v1/platform/events/redrive", { token, body: { tenantId: t.id } }))).redriven).toBe(0);
    expect(await onHand(good)).toBe(5);
    const after = await json(await call("GET", `/v1/platform/events/dead-letters?tenantId=${t.id}`, { token }));
    expect(after.items[0]).toMatchObject({ state: "redriven", redrives: 1 });
  });

  it("marks a failed event recovered when a retry succeeds", async () => {
    const t = await signup();
    const good = await binding(t);
    const event = receipt(t.id, 2);
    await env.PLATFORM_DB.prepare("UPDATE tenants SET database_binding = 'TENANT_DB_9999' WHERE id = ?").bind(t.id).run();
    await deliver(EVENTS_QUEUE, [event], 1);
    await env.PLATFORM_DB.prepare("UPDATE tenants SET database_binding = ? WHERE id = ?").bind(good, t.id).run();
    expect((await deliver(EVENTS_QUEUE, [event], 2)).explicitAcks).toHaveLength(1);
    const token = await adminToken();
    const items = (await json(await call("GET", `/v1/platform/events/dead-letters?tenantId=${t.id}`, { token }))).items;
    expect(items).toMatchObject([{ eventId: event.eventId, state: "recovered", attempts: 1 }]);
    expect((await json(await call("POST", "/v1/platform/events/redrive", { token, body: { tenantId: t.id } }))).redriven).toBe(0);
    expect(await onHand(good)).toBe(2);
  });

  it("keeps a malformed envelope the consumer set aside, keyed by its message", async () => {
    const before = await deliver(EVENTS_DLQ_QUEUE, [{ reason: "malformed_envelope", body: { hello: "world" } }]);
    expect(before.explicitAcks).toHaveLength(1);
    const token = await adminToken();
    const items = (await json(await call("GET", "/v1/platform/events/dead-letters?limit=1000", { token }))).items as {
      reason: string;
      body: unknown;
    }[];
    expect(items.find((i) => JSON.stringify(i.body) === JSON.stringify({ hello: "world" }))).toMatchObject({
      reason: "malformed_envelope",
    });
  });

  it("refuses tenant tokens and anonymous callers", async () => {
    const t = await signup();
    expect((await call("POST", "/v1/platform/events/redrive", { token: t.accessToken, body: {} })).status).toBe(403);
    expect((await call("POST", "/v1/platform/events/redrive", { body: {} })).status).toBe(401);
    expect((await call("GET", "/v1/platform/events/dead-letters")).status).toBe(401);
  });
});

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, signup, type TestTenant } from "../../../test/helpers";
import worker from "../../../workers/index";
import { CONSUMERS } from "../../consumers";
import { type Fetcher, webhookConsumer } from "../../domains/webhooks/deliver";
import { tenantDatabase } from "../env";
import { EVENT_CATALOGUE } from "./catalogue";
import { consumeEvents, consumeEventsOneByOne, type EventConsumer } from "./consumer";
import type { EventEnvelope } from "./envelope";

type Body = EventEnvelope;

let n = 0;
/**
 * A stock.moved envelope as the ledger emits it: receipts in, sales out at their FIFO cost, each
 * sale entry naming its document.
 */
function moved(tenantId: string, storeId: string, sku: string, qty: number, doc: string, at: Date): Body {
  n++;
  return {
    eventId: `evt_b${n}_${Math.random().toString(36).slice(2, 8)}`,
    tenantId,
    storeId,
    type: "stock.moved",
    version: 1,
    occurredAt: at.toISOString(),
    payload: {
      entryId: `sle_b${n}`,
      sku,
      batch: sku.endsWith("B") ? "LOT1" : "",
      serial: null,
      qty,
      kind: qty > 0 ? "receipt" : "sale",
      reason: null,
      documentType: qty > 0 ? "receipt" : "sale",
      documentId: doc,
      unitCost: 3_000,
      costTotal: 3_000 * Math.abs(qty),
      postedAt: at.toISOString(),
      actor: "usr_x",
      flagged: false,
      onHandAfter: 0,
    },
  };
}

/** 50 events of one tenant over two stores and three SKUs: receipts first, then sales of 10 documents. */
function fifty(tenantId: string): Body[] {
  const t0 = Date.UTC(2026, 2, 31, 18, 0); // 23:30 in Kolkata: the day bucket depends on the zone
  const out: Body[] = [];
  for (let i = 0; i < 50; i++) {
    const store = i % 2 === 0 ? "str_b1" : "str_b2";
    const sku = ["RICE", "OIL", "SOAPB"][i % 3]!;
    const qty = i < 6 ? 100 : -(1 + (i % 4));
    out.push(moved(tenantId, store, sku, qty, i < 6 ? `rcp_${i}` : `sal_${tenantId}_${i % 10}`, new Date(t0 + i * 60_000)));
  }
  return out;
}

/** Interleaves two tenants' events, as one queue batch would carry them. */
function interleave(a: Body[], b: Body[]): Body[] {
  return a.flatMap((e, i) => (b[i] ? [e, b[i]!] : [e]));
}

/** Renames an event set for another tenant, keeping everything else (entry ids too). */
function forTenant(events: Body[], from: string, to: string): Body[] {
  return events.map((e) => ({
    ...e,
    tenantId: to,
    eventId: `${e.eventId}_${to}`,
    payload: { ...e.payload, documentId: String(e.payload.documentId).replace(from, to) },
  }));
}

function batchOf(bodies: unknown[], attempts = 1) {
  return createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `b${i}-${attempts}-${Math.random()}`, timestamp: new Date(), attempts, body })),
  );
}

/** Delivers through the Worker's queue handler (the batched path). */
async function deliver(bodies: unknown[], attempts = 1) {
  const batch = batchOf(bodies, attempts);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return { batch, result: await getQueueResult(batch, ctx) };
}

/** Delivers through the per-message path (what the batched path must equal). */
async function deliverOneByOne(bodies: unknown[]) {
  const batch = batchOf(bodies);
  const ctx = createExecutionContext();
  await consumeEventsOneByOne(batch, env, CONSUMERS);
  return getQueueResult(batch, ctx);
}

async function dbOf(t: TestTenant | string): Promise<D1Database> {
  const id = typeof t === "string" ? t : t.id;
  const row = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(id).first<{ b: string }>();
  return tenantDatabase(env, row!.b)!;
}

/** Sale documents 0–4 exist before their costs arrive; 5–9 do not (costs.ts: either order). */
async function seedDocs(t: TestTenant) {
  const db = await dbOf(t);
  await db.batch(
    [0, 1, 2, 3, 4].map((i) =>
      db
        .prepare(
          `INSERT INTO report_sale_docs (id, kind, source_id, sale_id, store_id, day, issued_at, number, cashier, supply_type, inter_state,
             quantity, gross, discount, taxable, tax_total, line_total, round_off, grand_total)
           VALUES (?1, 'invoice', ?2, ?2, 'str_b1', '2026-04-01', '2026-03-31T18:30:00Z', ?3, 'usr_x', 'b2c', 0, 1, 0, 0, 0, 0, 0, 0, 0)`,
        )
        .bind(`inv_${i}`, `sal_${t.id}_${i}`, `B/${i}`),
    ),
  );
}

/** Everything the stock.moved consumers wrote, without tenant-specific ids. */
async function projection(t: TestTenant) {
  const db = await dbOf(t);
  const rows = async (sql: string) => (await db.prepare(sql).all()).results;
  const strip = (r: Record<string, unknown>[]) => JSON.parse(JSON.stringify(r).replaceAll(t.id, "TENANT")) as Record<string, unknown>[];
  return {
    levels: await rows("SELECT store_id, sku, batch, on_hand, value, updated_at FROM stock_levels ORDER BY store_id, sku, batch"),
    moves: await rows(
      "SELECT entry_id, store_id, sku, batch, kind, qty, cost_total, day, posted_at FROM report_stock_moves ORDER BY posted_at, entry_id",
    ),
    costs: strip(await rows("SELECT entry_id, kind, document_id, store_id, sku, quantity, cost, day FROM report_costs ORDER BY entry_id")),
    cogs: strip(await rows("SELECT id, source_id, cogs FROM report_sale_docs ORDER BY id")),
    processed: (await db.prepare("SELECT count(*) AS n FROM processed_events").first<{ n: number }>())!.n,
  };
}

describe("batched event consumption", () => {
  it("gives the same stock levels and report rows from one 100-event batch of 2 tenants as message by message", async () => {
    const [a, b, c, d] = [await signup(), await signup(), await signup(), await signup()];
    for (const t of [a, b, c, d]) await seedDocs(t);
    const ea = fifty(a.id);
    const eb = fifty(b.id);
    const { result } = await deliver(interleave(ea, eb));
    expect(result.explicitAcks).toHaveLength(100);
    expect(result.retryMessages).toHaveLength(0);
    // The same events, for two other tenants, through the per-message path.
    const one = await deliverOneByOne([...forTenant(ea, a.id, c.id), ...forTenant(eb, b.id, d.id)]);
    expect(one.explicitAcks).toHaveLength(100);

    const [pa, pb, pc, pd] = [await projection(a), await projection(b), await projection(c), await projection(d)];
    expect(pa.levels).toHaveLength(6);
    expect(pa.levels.find((l) => l.store_id === "str_b1" && l.sku === "RICE")).toMatchObject({ batch: "" });
    expect(pa.moves).toHaveLength(50);
    // 18:00 UTC is 23:30 in Kolkata, 18:49 UTC is the next day there.
    expect([pa.moves[0]!.day, pa.moves.at(-1)!.day]).toEqual(["2026-03-31", "2026-04-01"]);
    expect(pa.costs).toHaveLength(44);
    expect(pa.cogs.every((r) => (r.cogs as number) > 0)).toBe(true);
    expect(pa.processed).toBe(50);
    expect(pa).toEqual(pc);
    expect(pb).toEqual(pd);
  });

  it("changes nothing when the same batch is delivered again, or names an event twice", async () => {
    const t = await signup();
    const events = fifty(t.id);
    await deliver(events);
    const once = await projection(t);
    const again = await deliver([...events, events[7]!, events[7]!]);
    expect(again.result.explicitAcks).toHaveLength(52);
    expect(await projection(t)).toEqual(once);

    const fresh = await signup();
    const twice = fifty(fresh.id);
    await deliver([...twice.slice(0, 10), twice[3]!, ...twice.slice(10)]);
    expect((await projection(fresh)).levels).toEqual((await projection(t)).levels);
  });

  it("retries only the event whose tenant has no database and acks the others", async () => {
    const t = await signup();
    const events = fifty(t.id).slice(0, 20);
    const orphan = moved("ten_missing_db", "str_b1", "RICE", 5, "rcp_x", new Date());
    const { batch, result } = await deliver([...events.slice(0, 10), orphan, ...events.slice(10)]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual([batch.messages[10]!.id]);
    expect(result.explicitAcks).toHaveLength(20);
    expect((await projection(t)).processed).toBe(20);
    const failed = await env.PLATFORM_DB.prepare("SELECT state, reason FROM dead_letters WHERE event_id = ?").bind(orphan.eventId).first();
    expect(failed).toEqual({ state: "retrying", reason: "consumer_failed" });
  });

  it("falls back to one by one when a consumer fails on one event: only that one is retried, the rest applied once", async () => {
    const t = await signup();
    const events = fifty(t.id);
    const { storeId: _gone, ...bad } = events[20]!; // stock.moved without a store: every stock consumer refuses it
    const { batch, result } = await deliver([...events.slice(0, 20), bad, ...events.slice(21)]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual([batch.messages[20]!.id]);
    expect(result.explicitAcks).toHaveLength(49);

    const reference = await signup();
    await deliverOneByOne(forTenant([...events.slice(0, 20), ...events.slice(21)], t.id, reference.id));
    const p = await projection(t);
    expect(p.processed).toBe(49);
    expect(p.levels).toEqual((await projection(reference)).levels);
    const failed = await env.PLATFORM_DB.prepare("SELECT state FROM dead_letters WHERE event_id = ?").bind(bad.eventId).first();
    expect(failed).toEqual({ state: "retrying" });
  });

  it("marks retried events recovered when their batch succeeds", async () => {
    const t = await signup();
    const events = fifty(t.id).slice(0, 3);
    const good = (await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?")
      .bind(t.id)
      .first<{ b: string }>())!.b;
    await env.PLATFORM_DB.prepare("UPDATE tenants SET database_binding = 'TENANT_DB_9999' WHERE id = ?").bind(t.id).run();
    expect((await deliver(events)).result.retryMessages).toHaveLength(3);
    await env.PLATFORM_DB.prepare("UPDATE tenants SET database_binding = ? WHERE id = ?").bind(good, t.id).run();
    expect((await deliver(events, 2)).result.explicitAcks).toHaveLength(3);
    const states = await env.PLATFORM_DB.prepare(
      "SELECT DISTINCT state FROM dead_letters WHERE event_id IN (SELECT value FROM json_each(?))",
    )
      .bind(JSON.stringify(events.map((e) => e.eventId)))
      .all();
    expect(states.results).toEqual([{ state: "recovered" }]);
  });

  it("gives each consumer a tenant's events in queue order, once per tenant, with the tenant's time zone", async () => {
    const a = await signup();
    const b = await signup({ timeZone: "Europe/London", country: "GB", currency: "GBP", taxRegime: "vat", gstin: undefined });
    const seen: string[] = [];
    const calls: { tenant: string; tz: string; ids: string[] }[] = [];
    const perEvent: EventConsumer = {
      name: "per_event",
      types: ["stock.moved"],
      handle: async (e) => {
        seen.push(e.eventId);
      },
    };
    const batched: EventConsumer = {
      name: "batched",
      types: ["*"],
      handle: async () => {
        throw new Error("unused");
      },
      handleBatch: async (events, _db, _env, tenant) => {
        calls.push({ tenant: tenant.id, tz: tenant.timeZone, ids: events.map((e) => e.eventId) });
      },
    };
    const events = interleave(fifty(a.id).slice(0, 5), fifty(b.id).slice(0, 5));
    const batch = batchOf(events);
    const ctx = createExecutionContext();
    await consumeEvents(batch, env, [perEvent, batched]);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(10);
    const ids = (t: TestTenant) => events.filter((e) => e.tenantId === t.id).map((e) => e.eventId);
    expect(seen).toEqual([...ids(a), ...ids(b)]);
    expect(calls).toEqual([
      { tenant: a.id, tz: "Asia/Kolkata", ids: ids(a) },
      { tenant: b.id, tz: "Europe/London", ids: ids(b) },
    ]);
  });

  it("delivers a batch's events to a subscribed endpoint in queue order, once each, and none again on redelivery", async () => {
    const t = await signup();
    const hook = await call("POST", "/v1/webhooks", {
      host: t.host,
      token: t.accessToken,
      body: { url: "https://hooks.example.test/batch", eventTypes: ["stock.moved"] },
    });
    expect(hook.status).toBe(201);
    const sent: string[] = [];
    const fetcher: Fetcher = async (_url, init) => {
      sent.push(new Headers(init.headers).get("edgetill-event-id") ?? "");
      return new Response("ok");
    };
    const low = { ...fifty(t.id)[0]!, eventId: `evt_low_${n}`, type: "stock.low", payload: EVENT_CATALOGUE["stock.low"].example };
    const events = [...fifty(t.id).slice(0, 2), low, ...fifty(t.id).slice(0, 3)];
    const run = async () => {
      const batch = batchOf(events);
      const ctx = createExecutionContext();
      await consumeEvents(batch, env, [webhookConsumer(fetcher)]);
      return getQueueResult(batch, ctx);
    };
    expect((await run()).explicitAcks).toHaveLength(6);
    expect(sent).toEqual(events.filter((e) => e.type === "stock.moved").map((e) => e.eventId));
    expect((await run()).explicitAcks).toHaveLength(6);
    expect(sent).toHaveLength(5);
  });
});

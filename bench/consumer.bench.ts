/**
 * The events queue consumer's throughput inside the Workers runtime (workerd with local D1, as
 * `wrangler dev` runs it), run by bench/consumer.mjs through Vitest with bench/consumer.vitest.config.ts;
 * not part of the test suite (the suite's include globs leave bench/ out).
 *
 * Three ways to consume the same kind of batch — 100 stock.moved events, 50 for each of 2 tenants,
 * sale entries of 30-line sales as the replay produces them — each through the real consumers
 * (src/consumers.ts) into real tenant databases:
 * - "original": the per-message path with the consumers as they were before batching (no tenant
 *   handed over, so report_stock_moves reads the time zone per event; no handleBatch);
 * - "per-message": {@link consumeEventsOneByOne}, today's fallback path;
 * - "batched": {@link consumeEvents}, the queue handler's path.
 * Rounds alternate the three so drift on a shared machine falls on all of them. Also counted: D1
 * round trips per batch (calls to a statement's first/run/all/raw and to batch, counted on the
 * runtime's D1 prototypes for this run only). Prints one line "BENCH_JSON {...}".
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { CONSUMERS } from "../src/consumers";
import { tenantDatabase } from "../src/platform/env";
import { consumeEvents, consumeEventsOneByOne, type EventConsumer } from "../src/platform/events/consumer";
import { signup, type TestTenant } from "../test/helpers";

declare const __BENCH_ROUNDS__: string;
/** Timed batches per mode (after one untimed warm-up batch each). */
const ROUNDS = Number(__BENCH_ROUNDS__);
/** Events per batch: the queue's max_batch_size (wrangler.toml). */
const BATCH = 100;
/** Lines per sale: about what the lead measured per replayed sale (~30 events). */
const LINES_PER_SALE = 30;

type Mode = "original" | "per-message" | "batched";
const MODES: Mode[] = ["original", "per-message", "batched"];

/** The consumers as the per-message path ran them before batching: no tenant handed over, no handleBatch. */
const ORIGINAL: EventConsumer[] = CONSUMERS.map((c) => ({ name: c.name, types: c.types, handle: (e, db, env2) => c.handle(e, db, env2) }));

let seq = 0;
function saleEntry(tenantId: string, storeId: string, line: number, sale: number) {
  seq++;
  const at = new Date(Date.UTC(2026, 5, 1, 4, 0) + seq * 1000).toISOString();
  return {
    eventId: `evt_bench_${seq}`,
    tenantId,
    storeId,
    type: "stock.moved",
    version: 1,
    occurredAt: at,
    payload: {
      entryId: `sle_bench_${seq}`,
      sku: `SKU-${line % 200}`,
      batch: "",
      serial: null,
      qty: -1,
      kind: "sale",
      reason: null,
      documentType: "sale",
      documentId: `sal_bench_${sale}`,
      unitCost: 2_500,
      costTotal: 2_500,
      postedAt: at,
      actor: "usr_bench",
      flagged: false,
      onHandAfter: 10,
    },
  };
}

/** One queue batch: 50 events of each tenant, interleaved, in sales of {@link LINES_PER_SALE} lines. */
function batchFor(a: TestTenant, b: TestTenant, round: number) {
  const bodies = Array.from({ length: BATCH }, (_, i) => {
    const t = i % 2 === 0 ? a : b;
    const k = Math.floor(i / 2);
    return saleEntry(t.id, "str_bench", k, round * 10 + Math.floor(k / LINES_PER_SALE));
  });
  return createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `m${round}-${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
}

/** Counts D1 round trips by wrapping the runtime's D1 prototypes (restored by the returned function). */
function countRoundTrips(): { count: () => number; restore: () => void } {
  let n = 0;
  const db = env.PLATFORM_DB;
  const stmtProto = Object.getPrototypeOf(db.prepare("SELECT 1"));
  const dbProto = Object.getPrototypeOf(db);
  const saved: [object, string, unknown][] = [];
  const wrap = (proto: Record<string, unknown>, name: string) => {
    const orig = proto[name] as (...a: unknown[]) => unknown;
    saved.push([proto, name, orig]);
    proto[name] = function (this: unknown, ...args: unknown[]) {
      n++;
      return orig.apply(this, args);
    };
  };
  for (const m of ["first", "run", "all", "raw"]) wrap(stmtProto, m);
  wrap(dbProto, "batch");
  return {
    count: () => n,
    restore: () => {
      for (const [proto, name, orig] of saved) (proto as Record<string, unknown>)[name] = orig;
    },
  };
}

async function levels(t: TestTenant) {
  const row = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
  const db = tenantDatabase(env, row?.b ?? "");
  if (!db) throw new Error(`no database for ${t.id}`);
  return (await db.prepare("SELECT sku, on_hand, value FROM stock_levels ORDER BY sku").all()).results;
}

it("measures the events consumer: original, per-message and batched", async () => {
  const tenants = {} as Record<Mode, [TestTenant, TestTenant]>;
  for (const mode of MODES) tenants[mode] = [await signup(), await signup()];
  const run = async (mode: Mode, round: number) => {
    const [a, b] = tenants[mode];
    const batch = batchFor(a, b, round);
    const ctx = createExecutionContext();
    const t0 = performance.now();
    if (mode === "batched") await consumeEvents(batch, env, CONSUMERS);
    else await consumeEventsOneByOne(batch, env, mode === "original" ? ORIGINAL : CONSUMERS);
    const ms = performance.now() - t0;
    const r = await getQueueResult(batch, ctx);
    expect(r.explicitAcks).toHaveLength(BATCH);
    return ms;
  };
  // The counter counts one per call: a read, a write and a batch of two.
  const probe = countRoundTrips();
  try {
    await env.PLATFORM_DB.prepare("SELECT 1").first();
    await env.PLATFORM_DB.prepare("SELECT 1").all();
    await env.PLATFORM_DB.batch([env.PLATFORM_DB.prepare("SELECT 1"), env.PLATFORM_DB.prepare("SELECT 2")]);
  } finally {
    probe.restore();
  }
  expect(probe.count()).toBe(3);
  const roundTrips: Record<string, number> = {};
  for (const mode of MODES) {
    const counter = countRoundTrips();
    try {
      await run(mode, 0); // warm-up, and the round trips of one batch
    } finally {
      counter.restore();
    }
    roundTrips[mode] = counter.count();
  }
  const ms: Record<Mode, number[]> = { original: [], "per-message": [], batched: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = [...MODES.slice(round % MODES.length), ...MODES.slice(0, round % MODES.length)];
    for (const mode of order) ms[mode].push(await run(mode, round));
  }
  // Same events, same outcome: every mode's first tenant holds the same stock levels.
  const reference = await levels(tenants.batched[0]);
  for (const mode of MODES) expect(await levels(tenants[mode][0])).toEqual(reference);

  const summary = Object.fromEntries(
    MODES.map((mode) => {
      const sorted = [...ms[mode]].sort((x, y) => x - y);
      const total = sorted.reduce((x, y) => x + y, 0);
      return [
        mode,
        {
          batches: sorted.length,
          events: sorted.length * BATCH,
          seconds: total / 1000,
          eventsPerSecond: (sorted.length * BATCH) / (total / 1000),
          p50BatchMs: sorted[Math.floor(sorted.length / 2)],
          minBatchMs: sorted[0],
          maxBatchMs: sorted.at(-1),
          d1RoundTripsPerBatch: roundTrips[mode],
        },
      ];
    }),
  );
  console.log(`BENCH_JSON ${JSON.stringify({ rounds: ROUNDS, batch: BATCH, tenantsPerBatch: 2, linesPerSale: LINES_PER_SALE, summary })}`);
});

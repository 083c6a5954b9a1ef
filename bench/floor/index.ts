/**
 * The runtime floor for bench/run.mjs, and a batch door into the real ledger:
 *  - GET /hello: a plain Hono route (what any request costs in this runtime);
 *  - GET /do-insert: one SQLite insert in a bare Durable Object, over Worker→DO RPC;
 *  - GET /do-bulk?n=: n inserts inside ONE Durable Object call (one transaction);
 *  - POST /ledger-batch: n receipts, or n sales (with or without idempotency keys), applied as
 *    separate ledger operations inside ONE call to BenchLedgerDurableObject, which IS the store
 *    ledger (StoreDurableObject) with one extra bench RPC; GET /ledger-check runs its balance
 *    check. Never deployed.
 */
import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";
import { StoreDurableObject } from "../../durable-objects/store";

interface Env {
  FLOOR: DurableObjectNamespace<FloorDurableObject>;
  LEDGER: DurableObjectNamespace<BenchLedgerDurableObject>;
}

/** A Durable Object with one table and nothing else: the floor of a DO write. */
export class FloorDurableObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL, at INTEGER NOT NULL)");
  }

  /** One insert. */
  async insert(v: string): Promise<{ ok: true }> {
    this.ctx.storage.sql.exec("INSERT INTO rows (v, at) VALUES (?, ?)", v, Date.now());
    return { ok: true };
  }

  /** `n` inserts in one transaction; the time inside is Date.now() (it advances on I/O only). */
  async bulk(n: number): Promise<{ n: number; insideMs: number }> {
    const t0 = Date.now();
    this.ctx.storage.transactionSync(() => {
      for (let i = 0; i < n; i++) this.ctx.storage.sql.exec("INSERT INTO rows (v, at) VALUES (?, ?)", `bulk-${i}`, t0);
    });
    return { n, insideMs: Date.now() - t0 };
  }
}

/** What one call of {@link BenchLedgerDurableObject.runBatch} reports. */
interface Phase {
  kind: BatchKind;
  ops: number;
  failures: number;
  firstFailure: string | null;
  /** Date.now() around the loop inside the object (Workers' clock advances on I/O only). */
  insideMs: number;
}

/** receipts: 10 units each; sales: one unit each (FEFO, FIFO cost); keyedSales: the same with idempotency keys. */
type BatchKind = "receipts" | "sales" | "keyedSales";

/** The store ledger with a bench-only RPC that applies many operations inside one call. */
export class BenchLedgerDurableObject extends StoreDurableObject {
  /**
   * Applies `n` operations of `kind`, each one full ledger operation exactly as the product's RPC
   * methods run it (zod parse, one transactionSync with entries, balances, low-stock check and
   * outbox rows, then alarm scheduling and the broadcast point), over `skus` SKUs in 3 batches.
   */
  async runBatch(input: { kind: BatchKind; n: number; skus: number; offset?: number }): Promise<Phase> {
    const actor = "usr_bench";
    const base = input.offset ?? 0;
    const sku = (i: number) => `SKU-${String(i % input.skus).padStart(4, "0")}`;
    const one = (i: number) => {
      if (input.kind === "receipts")
        return this.receive({
          actor,
          lines: [{ sku: sku(i), qty: 10, unitCost: 1000 + (i % 7), batch: `B${i % 3}`, expiry: `2027-0${(i % 3) + 1}-01` }],
        });
      const key = input.kind === "keyedSales" ? `bench-${i}` : undefined;
      return this.commitSale({ actor, idempotencyKey: key, saleId: `sal_${input.kind}_${i}`, lines: [{ sku: sku(i), qty: 1 }] });
    };
    let failures = 0;
    let firstFailure: string | null = null;
    const t0 = Date.now();
    for (let i = base; i < base + input.n; i++) {
      const r = await one(i);
      if (!r.ok) {
        failures++;
        firstFailure ??= `${r.code}: ${r.detail}`;
      }
    }
    return { kind: input.kind, ops: input.n, failures, firstFailure, insideMs: Date.now() - t0 };
  }
}

const app = new Hono<{ Bindings: Env }>();
app.get("/hello", (c) => c.text("hello"));
app.get("/do-insert", async (c) => {
  await c.env.FLOOR.getByName("floor").insert("x");
  return c.json({ ok: true });
});
app.get("/do-bulk", async (c) => c.json(await c.env.FLOOR.getByName("floor-bulk").bulk(Number(c.req.query("n") ?? 100_000))));
// Objects are named "<tenantId>:<storeId>" like the product's store objects, so they configure themselves.
app.post("/ledger-batch", async (c) => {
  const body = (await c.req.json()) as { store: string; kind: BatchKind; n: number; skus: number; offset?: number };
  return c.json(await c.env.LEDGER.getByName(`ten_bench:${body.store}`).runBatch(body));
});
app.get("/ledger-check", async (c) => c.json(await c.env.LEDGER.getByName(`ten_bench:${c.req.query("store")}`).checkBalances()));

export default app satisfies ExportedHandler<Env>;

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTOR, freshStore } from "./testing";

const SKUS = ["P1", "P2", "P3"] as const;
const BATCHES = [undefined, "B1", "B2"] as const;

/** One random ledger operation. */
const Op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("receive" as const),
      sku: fc.constantFrom(...SKUS),
      qty: fc.integer({ min: 1, max: 20 }),
      cost: fc.integer({ min: 0, max: 999 }),
      batch: fc.constantFrom(...BATCHES),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("sale" as const),
      sku: fc.constantFrom(...SKUS),
      qty: fc.integer({ min: 1, max: 15 }),
      batch: fc.constantFrom(undefined, undefined, undefined, ...BATCHES),
    }),
  },
  fc.record({
    t: fc.constant("adjust" as const),
    sku: fc.constantFrom(...SKUS),
    qty: fc.integer({ min: -10, max: 10 }).filter((n) => n !== 0),
  }),
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("reserve" as const), sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 8 }) }),
  },
  fc.record({ t: fc.constant("release" as const), pick: fc.nat() }),
  fc.record({ t: fc.constant("commit" as const), pick: fc.nat() }),
  fc.record({ t: fc.constant("return" as const), sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ t: fc.constant("count" as const), sku: fc.constantFrom(...SKUS), counted: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ t: fc.constant("replay" as const), pick: fc.nat() }),
);

describe("ledger properties", () => {
  it("keeps balances equal to the sum of entries, never negative, after random operations", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 10, maxLength: 40 }), async (ops) => {
        const { stub } = freshStore();
        const model = new Map<string, number>(SKUS.map((s) => [s, 0]));
        const reservations: { id: string; sku: string; qty: number }[] = [];
        const done: { key: string; call: () => Promise<{ ok: boolean }> }[] = [];
        let n = 0;
        for (const op of ops) {
          const i = ++n; // captured by value: a replay must send the very same payload
          const key = `k${i}`;
          const bump = (sku: string, d: number) => model.set(sku, model.get(sku)! + d);
          let call: (() => Promise<{ ok: boolean }>) | undefined;
          let onOk = () => {};
          switch (op.t) {
            case "receive":
              call = () =>
                stub.receive({
                  actor: ACTOR,
                  idempotencyKey: key,
                  lines: [{ sku: op.sku, qty: op.qty, unitCost: op.cost, batch: op.batch }],
                });
              onOk = () => bump(op.sku, op.qty);
              break;
            case "sale":
              call = () =>
                stub.commitSale({
                  actor: ACTOR,
                  idempotencyKey: key,
                  saleId: `s${i}`,
                  lines: [{ sku: op.sku, qty: op.qty, batch: op.batch }],
                });
              onOk = () => bump(op.sku, -op.qty);
              break;
            case "adjust":
              call = () => stub.adjust({ actor: ACTOR, idempotencyKey: key, reason: "correction", lines: [{ sku: op.sku, qty: op.qty }] });
              onOk = () => bump(op.sku, op.qty);
              break;
            case "return":
              call = () =>
                stub.returnToStock({
                  actor: ACTOR,
                  idempotencyKey: key,
                  returnId: `r${i}`,
                  disposition: "restock",
                  lines: [{ sku: op.sku, qty: op.qty }],
                });
              onOk = () => bump(op.sku, op.qty);
              break;
            case "reserve": {
              const id = `rsv${i}`;
              call = () =>
                stub.reserve({
                  actor: ACTOR,
                  idempotencyKey: key,
                  reservationId: id,
                  ttlSeconds: 3600,
                  lines: [{ sku: op.sku, qty: op.qty }],
                });
              onOk = () => reservations.push({ id, sku: op.sku, qty: op.qty });
              break;
            }
            case "release":
            case "commit": {
              const r = reservations[op.pick % Math.max(reservations.length, 1)];
              if (!r) continue;
              call = () =>
                op.t === "release"
                  ? stub.releaseReservation({ actor: ACTOR, idempotencyKey: key, reservationId: r.id })
                  : stub.commitReservation({ actor: ACTOR, idempotencyKey: key, reservationId: r.id });
              onOk = () => {
                reservations.splice(reservations.indexOf(r), 1);
                if (op.t === "commit") bump(r.sku, -r.qty);
              };
              break;
            }
            case "count": {
              const id = `cnt${i}`;
              call = async () => {
                await stub.createCount({ actor: ACTOR, countId: id, skus: [op.sku] });
                const s = await stub.getStock({ sku: op.sku });
                const batches = s.ok ? (s.items[0]?.batches ?? []) : [];
                // Count the whole SKU into its first batch row; other rows counted as they are.
                const lines = batches.map((b, i) => ({
                  sku: op.sku,
                  batch: b.batch || undefined,
                  counted: i === 0 ? op.counted : Math.max(b.onHand, 0),
                }));
                if (lines.length === 0) lines.push({ sku: op.sku, batch: undefined, counted: op.counted });
                await stub.enterCounts({ actor: ACTOR, countId: id, lines });
                const before = model.get(op.sku)!;
                const r = await stub.postCount({ actor: ACTOR, countId: id });
                if (r.ok)
                  bump(
                    op.sku,
                    r.entries.reduce((q, e) => q + e.qty, 0),
                  );
                expect(model.get(op.sku)).toBe(r.ok ? before + r.entries.reduce((q, e) => q + e.qty, 0) : before);
                return { ok: false }; // already applied to the model
              };
              break;
            }
            case "replay": {
              const prior = done[op.pick % Math.max(done.length, 1)];
              if (!prior) continue;
              call = prior.call; // same key, same payload: no second effect
              break;
            }
          }
          const r = await call!();
          if (op.t === "replay") expect(r).toMatchObject({ ok: true }); // a stored success replays as one
          if (r.ok && op.t !== "replay") {
            onOk();
            done.push({ key, call: call! });
          }
        }
        const check = await stub.checkBalances();
        expect(check).toMatchObject({ ok: true, mismatches: [], negatives: [] });
        const stock = await stub.getStock({});
        if (!stock.ok) throw new Error(stock.detail);
        for (const s of SKUS) {
          const item = stock.items.find((i) => i.sku === s);
          expect(item?.onHand ?? 0).toBe(model.get(s));
          for (const b of item?.batches ?? []) {
            expect(b.onHand).toBeGreaterThanOrEqual(0);
            expect(b.available).toBeGreaterThanOrEqual(0);
          }
          const held = reservations.filter((r) => r.sku === s).reduce((q, r) => q + r.qty, 0);
          expect(item?.reserved ?? 0).toBe(held);
        }
      }),
      { numRuns: 40 },
    );
  });
});

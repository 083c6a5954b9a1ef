/**
 * Stock of one SKU across the tenant's stores, read from the stock projection (stock_levels in
 * the tenant database, folded from stock.moved events by src/domains/projections/stock.ts). The
 * ledgers in the store objects stay the truth; this view lags them by the outbox → queue →
 * consumer delay and answers in one D1 query however many stores there are.
 */
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { mayActInStore } from "../stores/access";

/** On-hand (stock units) and value at cost (minor units) of one batch ("" = not batch-tracked). */
export interface BatchLevel {
  batch: string;
  onHand: number;
  value: number;
}

/** One store's figures for the SKU: its batches and their sums. */
export interface StoreLevel {
  storeId: string;
  storeCode: string | null;
  storeName: string | null;
  onHand: number;
  value: number;
  /** Posting time of the newest entry folded in (ISO 8601). */
  updatedAt: string;
  batches: BatchLevel[];
}

/** The answer of {@link stockAcrossStores}. */
export interface StockAcrossStores {
  sku: string;
  stores: StoreLevel[];
  totals: { onHand: number; value: number };
}

/**
 * The SKU's on-hand and value per store and batch, with totals, over the stores the actor may act
 * in (actor.storeIds null = all). A SKU with no stock anywhere answers empty lists and zero totals.
 * @throws DomainError forbidden without stock.read.
 */
export async function stockAcrossStores({ ctx, sku }: { ctx: ServiceContext; sku: string }): Promise<StockAcrossStores> {
  assertCan(ctx.actor.role, "stock.read");
  const rows = await ctx.d1
    .prepare(
      `SELECT l.store_id, s.code, s.name, l.batch, l.on_hand, l.value, l.updated_at
         FROM stock_levels l LEFT JOIN stores s ON s.id = l.store_id
        WHERE l.sku = ? ORDER BY s.code, l.store_id, l.batch`,
    )
    .bind(sku)
    .all<{
      store_id: string;
      code: string | null;
      name: string | null;
      batch: string;
      on_hand: number;
      value: number;
      updated_at: string;
    }>();
  // Filtered in code rather than with IN (…): D1 caps bound parameters at 100 per statement.
  const byStore = new Map<string, StoreLevel>();
  for (const r of rows.results) {
    if (!mayActInStore(ctx, r.store_id)) continue;
    let s = byStore.get(r.store_id);
    if (!s) {
      s = { storeId: r.store_id, storeCode: r.code, storeName: r.name, onHand: 0, value: 0, updatedAt: r.updated_at, batches: [] };
      byStore.set(r.store_id, s);
    }
    s.batches.push({ batch: r.batch, onHand: r.on_hand, value: r.value });
    s.onHand += r.on_hand;
    s.value += r.value;
    if (r.updated_at > s.updatedAt) s.updatedAt = r.updated_at;
  }
  const stores = [...byStore.values()];
  const totals = stores.reduce((t, s) => ({ onHand: t.onHand + s.onHand, value: t.value + s.value }), { onHand: 0, value: 0 });
  return { sku, stores, totals };
}

/**
 * Pushes to a store's connected terminals from Worker code. The catalog calls this after a price
 * change commits (a store price list changes one store; a catalog price changes every store), so
 * tills show the new price before the next scan; checkout prices from the catalog anyway, so a
 * missed push costs a stale display, never a wrong invoice.
 */
import type { ServiceContext } from "../../platform/context";
import { storeObjectName } from "../stores/access";

/**
 * One changed price: the SKU and its new unit price in minor units (null: no fixed price here any
 * more — the store override was removed, or the item became open-price; the till looks it up).
 */
export interface PriceChange {
  sku: string;
  price: number | null;
}

/**
 * Sends a `price_changed` frame to every terminal of each store in `storeIds`. Failures are
 * logged, never raised: the price change has committed already.
 */
export async function notifyPriceChanges(ctx: ServiceContext, storeIds: string[], prices: PriceChange[]): Promise<void> {
  await Promise.all(
    storeIds.map(async (storeId) => {
      try {
        await ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, storeId)).pushPrices(prices);
      } catch (e) {
        console.error(JSON.stringify({ level: "error", msg: "price push failed", storeId, error: String(e) }));
      }
    }),
  );
}

/**
 * After a catalog (all-store) price change: pushes each changed SKU to every active store of the
 * tenant except the stores whose price list overrides that SKU (their price did not change).
 * Failures, including of the lookups, are logged, never raised: the price change has committed.
 */
export async function notifyCatalogPriceChanges(ctx: ServiceContext, prices: PriceChange[]): Promise<void> {
  if (prices.length === 0) return;
  try {
    const stores = await ctx.d1.prepare("SELECT id FROM stores WHERE status = 'active'").all<{ id: string }>();
    const overridden = await ctx.d1
      .prepare(
        `SELECT sp.store_id, v.sku FROM catalog_store_prices sp JOIN catalog_variants v ON v.id = sp.variant_id
         WHERE v.sku IN (SELECT value FROM json_each(?))`,
      )
      .bind(JSON.stringify(prices.map((p) => p.sku)))
      .all<{ store_id: string; sku: string }>();
    const skip = new Set(overridden.results.map((r) => `${r.store_id} ${r.sku}`));
    await Promise.all(
      stores.results.map((s) => {
        const mine = prices.filter((p) => !skip.has(`${s.id} ${p.sku}`));
        return mine.length > 0 ? notifyPriceChanges(ctx, [s.id], mine) : undefined;
      }),
    );
  } catch (e) {
    console.error(JSON.stringify({ level: "error", msg: "catalog price push failed", error: String(e) }));
  }
}

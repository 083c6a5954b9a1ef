/**
 * Pushes to a store's connected terminals from Worker code. The catalog calls this after a price
 * change commits (a store price list changes one store; a catalog price changes every store), so
 * tills show the new price before the next scan; checkout prices from the catalog anyway, so a
 * missed push costs a stale display, never a wrong invoice.
 */
import type { ServiceContext } from "../../platform/context";
import { storeObjectName } from "../stores/access";

/** One changed price: the SKU and its new unit price in minor units (null: the store override was removed). */
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

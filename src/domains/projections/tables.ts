/** Projections of store-plane events kept in the tenant database for cross-store queries. */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Stock per store, SKU and batch, folded from stock.moved events. `value` is the inventory value
 * at cost in minor units (receipts add qty × unit cost, outgoing entries subtract their recorded
 * cost). The ledger in the store's Durable Object stays the truth; this is for reading across stores.
 */
export const stockLevels = sqliteTable(
  "stock_levels",
  {
    storeId: text("store_id").notNull(),
    sku: text("sku").notNull(),
    /** "" when the SKU is not batch-tracked. */
    batch: text("batch").notNull().default(""),
    onHand: integer("on_hand").notNull(),
    value: integer("value").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.sku, t.batch] }), index("stock_levels_sku_idx").on(t.sku)],
);

/** Events a consumer has applied, keyed by "<consumer>:<eventId>": a redelivery changes nothing. */
export const processedEvents = sqliteTable("processed_events", {
  key: text("key").primaryKey(),
  processedAt: text("processed_at").notNull(),
});

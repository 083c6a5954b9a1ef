/**
 * Stock settings of a tenant (tenant database): one row, `scope` = "tenant". The store ledgers
 * (Durable Objects) keep their own copy, pushed by configure() — see ./settings.ts.
 */
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The tenant's stock settings. `valuation`: "fifo" | "moving_average" (issue 3, "Valuation per
 * tenant"); `allowNegativeStock`: 1 lets a store's stock go below zero instead of refusing with
 * insufficient_stock (a per-SKU setting in the ledger may still override it).
 */
export const stockSettings = sqliteTable("stock_settings", {
  /** Always "tenant": the table holds one row (a missing row means the defaults). */
  scope: text("scope").primaryKey(),
  valuation: text("valuation").notNull().default("fifo"),
  allowNegativeStock: integer("allow_negative_stock").notNull().default(0),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedBy: text("updated_by"),
});

/**
 * Every serial number the tenant has received, across all stores: serials are unique per tenant
 * (issue 3). The store ledger enforces "sold once" within a store; this registry refuses the same
 * serial being received twice anywhere in the tenant.
 */
export const serialNumbers = sqliteTable("serial_numbers", {
  serial: text("serial").primaryKey(),
  sku: text("sku").notNull(),
  /** The store that first received it. */
  storeId: text("store_id").notNull(),
  receivedAt: text("received_at").notNull(),
});

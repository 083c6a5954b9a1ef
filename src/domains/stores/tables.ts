/** Store tables (tenant database). */
import { sql } from "drizzle-orm";
import { sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A shop or warehouse of the tenant. Its stock ledger lives in the Durable Object "<tenantId>:<id>". */
export const stores = sqliteTable(
  "stores",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** shop | warehouse. */
    type: text("type").notNull(),
    /** JSON {line1, line2?, city, postalCode, country}. */
    address: text("address").notNull(),
    /** GST state code (two digits) where the store is; decides place of supply over the counter. */
    stateCode: text("state_code"),
    /** GSTIN of the registration this store sells under. */
    gstin: text("gstin"),
    timeZone: text("time_zone").notNull(),
    /** active | closed. */
    status: text("status").notNull().default("active"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("stores_code_uq").on(t.code)],
);

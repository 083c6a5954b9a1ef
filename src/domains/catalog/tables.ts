/**
 * Catalog tables (tenant database): categories, products, their variants (one SKU each), pack
 * units, barcodes, per-store prices, media and CSV imports. Money columns are integers in minor
 * units of the tenant's currency; rates are integers in basis points (1 bp = 0.01 %), so no float
 * is ever stored. The FTS5 search index and its triggers are hand-written SQL in the migration
 * `catalog_fts` (drizzle-kit does not model virtual tables).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A category; `parentId` null = a root. The tree is walked in code, cycles are refused on write. */
export const catalogCategories = sqliteTable(
  "catalog_categories",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    parentId: text("parent_id"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("catalog_categories_parent_idx").on(t.parentId)],
);

/**
 * A product: what is common to its variants (name, brand, category, tax). `handle` is the
 * tenant-unique key a CSV import groups variant rows by (defaults to the first SKU).
 */
export const catalogProducts = sqliteTable(
  "catalog_products",
  {
    id: text("id").primaryKey(),
    handle: text("handle").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    brand: text("brand"),
    categoryId: text("category_id"),
    /** stock | service | non_stock. Only stock items have ledger entries. */
    kind: text("kind").notNull(),
    /** HSN (goods) or SAC (services) code, digits only. */
    hsnSac: text("hsn_sac"),
    /** GST rate in basis points: 1800 = 18 %. */
    gstRateBp: integer("gst_rate_bp").notNull().default(0),
    /** Compensation cess rate in basis points (ad valorem part only). */
    cessRateBp: integer("cess_rate_bp").notNull().default(0),
    /** 1 when prices include GST and cess. */
    taxInclusive: integer("tax_inclusive").notNull().default(1),
    /** JSON array of option names, e.g. ["size","colour"]. */
    options: text("options").notNull().default("[]"),
    /** JSON object of free attributes (material, fit, …). */
    attributes: text("attributes").notNull().default("{}"),
    /** active | archived. */
    status: text("status").notNull().default("active"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("catalog_products_handle_uq").on(t.handle), index("catalog_products_category_idx").on(t.categoryId)],
);

/** A variant of a product: one SKU, unique per tenant, with its prices and stock unit. */
export const catalogVariants = sqliteTable(
  "catalog_variants",
  {
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    sku: text("sku").notNull(),
    /** JSON object option name → value, e.g. {"size":"M","colour":"red"}. */
    optionValues: text("option_values").notNull().default("{}"),
    /** The primary barcode (also a row of catalog_barcodes). */
    barcode: text("barcode"),
    /** Maximum retail price, minor units, tax-inclusive (Legal Metrology); null = none printed. */
    mrp: integer("mrp"),
    /** Selling price of one stock unit, minor units; null only with open_price. */
    price: integer("price"),
    /** 1 when the price is keyed in at the till. */
    openPrice: integer("open_price").notNull().default(0),
    /** The unit stock is counted in (the smallest unit sold): each | g | ml | cm. */
    stockUnit: text("stock_unit").notNull(),
    /** JSON array of packs [{unit, factor, barcode?}]: 1 unit = factor stock units. */
    packs: text("packs").notNull().default("[]"),
    /** active | archived. */
    status: text("status").notNull().default("active"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("catalog_variants_sku_uq").on(t.sku), index("catalog_variants_product_idx").on(t.productId)],
);

/**
 * Every barcode of the tenant, unique: a variant's primary code (pack_unit null, factor 1) and
 * pack codes (a box of 12 scans as 12 stock units).
 */
export const catalogBarcodes = sqliteTable(
  "catalog_barcodes",
  {
    code: text("code").primaryKey(),
    variantId: text("variant_id").notNull(),
    packUnit: text("pack_unit"),
    factor: integer("factor").notNull().default(1),
  },
  (t) => [index("catalog_barcodes_variant_idx").on(t.variantId)],
);

/** A store's price list: an override of a variant's selling price in one store (minor units). */
export const catalogStorePrices = sqliteTable(
  "catalog_store_prices",
  {
    storeId: text("store_id").notNull(),
    variantId: text("variant_id").notNull(),
    price: integer("price").notNull(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.variantId] }), index("catalog_store_prices_variant_idx").on(t.variantId)],
);

/** An image of a product, stored in R2 at `r2_key`; the id is derived from the bytes' SHA-256. */
export const catalogMedia = sqliteTable(
  "catalog_media",
  {
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    r2Key: text("r2_key").notNull(),
    contentType: text("content_type").notNull(),
    /** Size in bytes. */
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("catalog_media_product_idx").on(t.productId)],
);

/** A CSV import: the file in R2, progress a client polls, and the first errors with line numbers. */
export const catalogImports = sqliteTable(
  "catalog_imports",
  {
    id: text("id").primaryKey(),
    /** "<actor>:<Idempotency-Key>" when the client sent one; a retry returns the same import. */
    idempotencyKey: text("idempotency_key"),
    r2Key: text("r2_key").notNull(),
    /** queued | running | done | failed. */
    status: text("status").notNull(),
    /** Data rows read so far (the header is not a row). */
    rowsTotal: integer("rows_total").notNull().default(0),
    rowsDone: integer("rows_done").notNull().default(0),
    rowsFailed: integer("rows_failed").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    /** JSON array [{line, field?, message}] of the first errors (capped). */
    errors: text("errors").notNull().default("[]"),
    /** Last time the worker processing it reported; a stale running import can be resumed. */
    heartbeatAt: text("heartbeat_at"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    finishedAt: text("finished_at"),
  },
  (t) => [uniqueIndex("catalog_imports_idem_uq").on(t.idempotencyKey)],
);

/** Request and response schemas of the catalog. Shapes only; cross-field rules live in rules.ts. */
import { z } from "@hono/zod-openapi";
import { isValidGtin, normalizeBarcode } from "./codes";
import { MAX_PRICE_MINOR } from "./pricing";
import { MAX_PACK_FACTOR, STOCK_UNITS } from "./units";

/** A SKU: letters, digits and . _ - / , 1–64 long, unique per tenant; stored upper-case so "tsh-m" and "TSH-M" are one SKU. */
export const SkuSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/, "1–64 letters, digits or . _ - /, starting with a letter or digit")
  .transform((s) => s.toUpperCase())
  .openapi({ example: "TSH-M-RED" });

/** A GS1 barcode (GTIN-8, UPC-A or EAN-13) with a valid check digit; stored in its EAN-13 form. */
export const BarcodeSchema = z
  .string()
  .trim()
  .refine(isValidGtin, "not a valid EAN-13, UPC-A or EAN-8 (length or GS1 check digit)")
  .transform(normalizeBarcode)
  .openapi({ example: "4006381333931" });

/** An amount in minor units (paise): a non-negative integer. */
export const MinorAmount = z.number().int("minor units: an integer").min(0).max(MAX_PRICE_MINOR);

/** A stock unit: the smallest unit the SKU is sold in. */
export const StockUnitSchema = z.enum(Object.keys(STOCK_UNITS) as [keyof typeof STOCK_UNITS, ...(keyof typeof STOCK_UNITS)[]]);

/** A pack of a SKU: `factor` stock units as one `unit`. */
export const PackSchema = z
  .object({
    unit: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,19}$/, "lower-case name, e.g. box")
      .openapi({ example: "box" }),
    factor: z.number().int().min(2).max(MAX_PACK_FACTOR).openapi({ example: 12 }),
    barcode: BarcodeSchema.optional(),
  })
  .openapi("Pack");

/** A variant (one SKU) as written. */
export const VariantInput = z
  .object({
    sku: SkuSchema,
    options: z
      .record(z.string().max(40), z.string().max(80))
      .default({})
      .openapi({ example: { size: "M", colour: "red" } }),
    barcode: BarcodeSchema.nullable().optional(),
    mrp: MinorAmount.nullable().optional().openapi({ description: "Maximum retail price, minor units, tax-inclusive", example: 59900 }),
    price: MinorAmount.nullable().optional().openapi({ description: "Selling price of one stock unit, minor units", example: 49900 }),
    openPrice: z.boolean().default(false).openapi({ description: "Price keyed in at the till; price may be null" }),
    stockUnit: StockUnitSchema.default("each"),
    packs: z.array(PackSchema).max(10).default([]),
    status: z.enum(["active", "archived"]).default("active"),
  })
  .openapi("VariantInput");

const productFields = {
  handle: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,79}$/)
    .optional()
    .openapi({ description: "Tenant-unique key grouping variants (CSV imports); defaults to the first SKU" }),
  name: z.string().trim().min(1).max(200).openapi({ example: "Cotton T-shirt" }),
  description: z.string().max(5000).nullable().optional(),
  brand: z.string().trim().max(100).nullable().optional().openapi({ example: "Acme" }),
  categoryId: z.string().max(64).nullable().optional(),
  kind: z
    .enum(["stock", "service", "non_stock"])
    .default("stock")
    .openapi({ description: "stock items use the ledger; services and non-stock items (postage, fees, gift vouchers) never do" }),
  hsnSac: z
    .string()
    .trim()
    .nullable()
    .optional()
    .openapi({ description: "HSN (goods: 4, 6 or 8 digits) or SAC (services: 6 digits starting 99)", example: "61091000" }),
  gstRate: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .openapi({
      description:
        "The tax rate of the tenant's regime, in percent (the name is historical). GST tenants: one of the slabs 0, 0.25, 3, 5, 12, 18, 28 or 40. " +
        "VAT tenants: any rate 0–100 with at most two decimals (UK: 20, 5 or 0). Tenants with no tax regime: 0 only.",
      example: 5,
    }),
  cessRate: z
    .number()
    .min(0)
    .max(400)
    .default(0)
    .openapi({ description: "Compensation cess in percent (ad valorem); GST tenants only, 0 otherwise", example: 0 }),
  taxInclusive: z.boolean().default(true).openapi({ description: "Prices include the tax (GST and cess, or VAT)" }),
  options: z
    .array(z.string().min(1).max(40))
    .max(3)
    .default([])
    .openapi({ example: ["size", "colour"] }),
  attributes: z.record(z.string().max(60), z.union([z.string().max(500), z.number(), z.boolean()])).default({}),
  status: z.enum(["active", "archived"]).default("active"),
};

/** POST /v1/products body. */
export const ProductInput = z.object({ ...productFields, variants: z.array(VariantInput).min(1).max(100) }).openapi("ProductInput");
export type ProductInput = z.infer<typeof ProductInput>;

/** PATCH /v1/products/{id} body: any product field; `variants` are upserted by SKU (others left as they are). */
export const ProductPatch = z
  .object({
    name: productFields.name.optional(),
    description: productFields.description,
    brand: productFields.brand,
    categoryId: productFields.categoryId,
    hsnSac: productFields.hsnSac,
    gstRate: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .openapi({ description: "The tax rate of the tenant's regime, in percent (see ProductInput.gstRate)" }),
    cessRate: z.number().min(0).max(400).optional(),
    taxInclusive: z.boolean().optional(),
    options: z.array(z.string().min(1).max(40)).max(3).optional(),
    attributes: productFields.attributes.optional(),
    status: z.enum(["active", "archived"]).optional(),
    variants: z.array(VariantInput).max(100).optional(),
  })
  .openapi("ProductPatch");
export type ProductPatch = z.infer<typeof ProductPatch>;

/** A variant as the API shows it. */
export const VariantOut = z
  .object({
    id: z.string(),
    sku: z.string(),
    options: z.record(z.string(), z.string()),
    barcode: z.string().nullable(),
    mrp: z.number().int().nullable(),
    price: z.number().int().nullable(),
    openPrice: z.boolean(),
    stockUnit: z.string(),
    uqc: z.string().openapi({ description: "GST Unique Quantity Code of the stock unit" }),
    packs: z.array(z.object({ unit: z.string(), factor: z.number().int(), barcode: z.string().optional() })),
    status: z.string(),
  })
  .openapi("Variant");

/** A product image. */
export const MediaOut = z
  .object({ id: z.string(), contentType: z.string(), size: z.number().int(), url: z.string() })
  .openapi("ProductMedia");

/** A product as the API shows it. Money in minor units; rates in percent (and basis points). */
export const ProductOut = z
  .object({
    id: z.string(),
    handle: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    brand: z.string().nullable(),
    categoryId: z.string().nullable(),
    kind: z.enum(["stock", "service", "non_stock"]),
    hsnSac: z.string().nullable(),
    gstRate: z.number().openapi({ description: "The tax rate of the tenant's regime (GST or VAT), in percent; the name is historical" }),
    gstRateBp: z.number().int().openapi({ description: "gstRate in basis points (1 bp = 0.01 %)" }),
    cessRate: z.number(),
    cessRateBp: z.number().int(),
    taxInclusive: z.boolean(),
    options: z.array(z.string()),
    attributes: z.record(z.string(), z.unknown()),
    status: z.string(),
    variants: z.array(VariantOut),
    media: z.array(MediaOut),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Product");
export type ProductOut = z.infer<typeof ProductOut>;

/** What the till needs to sell one SKU: price (store override applied), tax, HSN/SAC, unit, kind. */
export const SkuLookupOut = z
  .object({
    sku: z.string(),
    variantId: z.string(),
    productId: z.string(),
    name: z.string().openapi({ description: "Product name with the variant's option values", example: "Cotton T-shirt (M / red)" }),
    kind: z.enum(["stock", "service", "non_stock"]),
    status: z.string(),
    barcode: z.string().nullable(),
    price: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Selling price of one stock unit (minor units); the store's price list wins" }),
    priceSource: z.enum(["store", "catalog"]),
    mrp: z.number().int().nullable(),
    openPrice: z.boolean(),
    taxInclusive: z.boolean(),
    hsnSac: z.string().nullable(),
    gstRateBp: z.number().int().openapi({ description: "The tax rate of the tenant's regime (GST or VAT), in basis points" }),
    cessRateBp: z.number().int(),
    stockUnit: z.string(),
    uqc: z.string(),
    packs: z.array(z.object({ unit: z.string(), factor: z.number().int(), barcode: z.string().optional() })),
    /** For a barcode lookup: the unit scanned and how many stock units one scan is. */
    scannedUnit: z.string(),
    quantity: z.number().int().openapi({ description: "Stock units one scan stands for (a box barcode of 12 → 12)" }),
  })
  .openapi("SkuLookup");
export type SkuLookupOut = z.infer<typeof SkuLookupOut>;

/** A category. */
export const CategoryOut = z
  .object({ id: z.string(), name: z.string(), parentId: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() })
  .openapi("Category");
export const CategoryInput = z
  .object({ name: z.string().trim().min(1).max(100), parentId: z.string().max(64).nullable().optional() })
  .openapi("CategoryInput");
export const CategoryPatch = z
  .object({ name: z.string().trim().min(1).max(100).optional(), parentId: z.string().max(64).nullable().optional() })
  .openapi("CategoryPatch");

/** A store price list entry: the override of one SKU's price in one store (minor units). */
export const StorePriceOut = z
  .object({ sku: z.string(), variantId: z.string(), price: z.number().int(), updatedAt: z.string() })
  .openapi("StorePrice");
export const StorePricesInput = z
  .object({
    prices: z
      .array(z.object({ sku: SkuSchema, price: MinorAmount.nullable().openapi({ description: "null removes the override" }) }))
      .min(1)
      .max(500),
  })
  .openapi("StorePricesInput");

/** A CSV import and its progress. */
export const ImportOut = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    rowsTotal: z.number().int(),
    rowsDone: z.number().int(),
    rowsFailed: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), field: z.string().optional(), message: z.string() })),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("ProductImport");
export type ImportOut = z.infer<typeof ImportOut>;

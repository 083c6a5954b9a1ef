/**
 * Reading and writing catalog rows of the tenant database (ctx.d1 can only reach this tenant).
 * Reads return API shapes; writes return prepared statements for the caller's d1.batch, so a
 * change and its audit entry commit together.
 */
import type { ServiceContext } from "../../platform/context";
import { DomainError, type FieldError } from "../../platform/errors";
import { basisPointsToPercent } from "./codes";
import type { ProductDraft, VariantDraft } from "./rules";
import type { ProductOut } from "./schemas";
import { type Pack, STOCK_UNITS } from "./units";

type Row = Record<string, unknown>;
type Ctx = Pick<ServiceContext, "d1">;

/** Binds an array as one parameter, read back with `IN (SELECT value FROM json_each(?))` (D1 caps bound parameters at 100). */
export const jsonList = (values: readonly string[]) => JSON.stringify(values);

function toVariant(r: Row) {
  const unit = r.stock_unit as string;
  return {
    id: r.id as string,
    sku: r.sku as string,
    options: JSON.parse(r.option_values as string) as Record<string, string>,
    barcode: (r.barcode as string | null) ?? null,
    mrp: (r.mrp as number | null) ?? null,
    price: (r.price as number | null) ?? null,
    openPrice: r.open_price === 1,
    stockUnit: unit,
    uqc: STOCK_UNITS[unit as keyof typeof STOCK_UNITS] ?? "OTH",
    packs: JSON.parse(r.packs as string) as Pack[],
    status: r.status as string,
  };
}

/** Products with their variants and media, in the order of `ids` (missing ids are skipped). */
export async function loadProducts(ctx: Ctx, ids: readonly string[]): Promise<ProductOut[]> {
  if (ids.length === 0) return [];
  const list = jsonList(ids);
  const [products, variants, media] = await ctx.d1.batch<Row>([
    ctx.d1.prepare("SELECT * FROM catalog_products WHERE id IN (SELECT value FROM json_each(?))").bind(list),
    ctx.d1.prepare("SELECT * FROM catalog_variants WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY id").bind(list),
    ctx.d1
      .prepare(
        "SELECT id, product_id, content_type, size FROM catalog_media WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id",
      )
      .bind(list),
  ]);
  const byId = new Map((products?.results ?? []).map((p) => [p.id as string, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    return [
      {
        id,
        handle: p.handle as string,
        name: p.name as string,
        description: (p.description as string | null) ?? null,
        brand: (p.brand as string | null) ?? null,
        categoryId: (p.category_id as string | null) ?? null,
        kind: p.kind as ProductOut["kind"],
        hsnSac: (p.hsn_sac as string | null) ?? null,
        gstRate: basisPointsToPercent(p.gst_rate_bp as number),
        gstRateBp: p.gst_rate_bp as number,
        cessRate: basisPointsToPercent(p.cess_rate_bp as number),
        cessRateBp: p.cess_rate_bp as number,
        taxInclusive: p.tax_inclusive === 1,
        options: JSON.parse(p.options as string) as string[],
        attributes: JSON.parse(p.attributes as string) as Record<string, unknown>,
        status: p.status as string,
        variants: (variants?.results ?? []).filter((v) => v.product_id === id).map(toVariant),
        media: (media?.results ?? [])
          .filter((m) => m.product_id === id)
          .map((m) => ({
            id: m.id as string,
            contentType: m.content_type as string,
            size: m.size as number,
            url: `/v1/products/${id}/media/${m.id}`,
          })),
        createdAt: p.created_at as string,
        updatedAt: p.updated_at as string,
      },
    ];
  });
}

/** One product of this tenant. @throws DomainError not_found. */
export async function getProductOrThrow(ctx: Ctx, id: string): Promise<ProductOut> {
  const [p] = await loadProducts(ctx, [id]);
  if (!p) throw new DomainError("not_found", "Product not found");
  return p;
}

/** A ProductOut back into a draft (for PATCH, which merges a patch into the current product). */
export function toDraft(p: ProductOut): ProductDraft {
  return {
    handle: p.handle,
    name: p.name,
    description: p.description,
    brand: p.brand,
    categoryId: p.categoryId,
    kind: p.kind,
    hsnSac: p.hsnSac,
    gstRateBp: p.gstRateBp,
    cessRateBp: p.cessRateBp,
    taxInclusive: p.taxInclusive,
    options: p.options,
    attributes: p.attributes,
    status: p.status as ProductDraft["status"],
    variants: p.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      barcode: v.barcode,
      mrp: v.mrp,
      price: v.price,
      openPrice: v.openPrice,
      stockUnit: v.stockUnit,
      packs: v.packs,
      status: v.status as VariantDraft["status"],
    })),
  };
}

/** @throws DomainError validation_failed when `categoryId` is set and names no category of this tenant. */
export async function assertCategory(ctx: Ctx, categoryId: string | null, path = "categoryId"): Promise<void> {
  if (!categoryId) return;
  const row = await ctx.d1.prepare("SELECT id FROM catalog_categories WHERE id = ?").bind(categoryId).first();
  if (!row) throw new DomainError("validation_failed", `${path}: no such category`, { fields: [{ path, message: "no such category" }] });
}

/**
 * SKUs and barcodes of `draft` already used outside product `productId` (null = a new product),
 * as field errors. A barcode may stay on the SKU that has it.
 */
export async function uniquenessConflicts(ctx: Ctx, draft: ProductDraft, productId: string | null): Promise<FieldError[]> {
  const skus = draft.variants.map((v) => v.sku);
  const codes = draft.variants.flatMap((v) => [v.barcode, ...v.packs.map((p) => p.barcode)].filter((c): c is string => !!c));
  const [skuRows, codeRows] = await ctx.d1.batch<Row>([
    ctx.d1.prepare("SELECT sku, product_id FROM catalog_variants WHERE sku IN (SELECT value FROM json_each(?))").bind(jsonList(skus)),
    ctx.d1
      .prepare(
        "SELECT b.code, v.sku FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE b.code IN (SELECT value FROM json_each(?))",
      )
      .bind(jsonList(codes)),
  ]);
  const errors: FieldError[] = [];
  for (const r of skuRows?.results ?? []) {
    if (r.product_id !== productId)
      errors.push({ path: `variants.${skus.indexOf(r.sku as string)}.sku`, message: `SKU ${r.sku} belongs to another product` });
  }
  for (const r of codeRows?.results ?? []) {
    const i = draft.variants.findIndex((v) => v.barcode === r.code || v.packs.some((p) => p.barcode === r.code));
    if (draft.variants[i]?.sku !== r.sku)
      errors.push({ path: `variants.${i}.barcode`, message: `barcode ${r.code} is already on SKU ${r.sku}` });
  }
  return errors;
}

/** Statements inserting (or, with `update`, replacing) product `id`'s own row. */
export function productStatement(ctx: Ctx, id: string, d: ProductDraft, update: boolean): D1PreparedStatement {
  const values = [
    d.name,
    d.description,
    d.brand,
    d.categoryId,
    d.kind,
    d.hsnSac,
    d.gstRateBp,
    d.cessRateBp,
    d.taxInclusive ? 1 : 0,
    JSON.stringify(d.options),
    JSON.stringify(d.attributes),
    d.status,
  ];
  if (update) {
    return ctx.d1
      .prepare(
        `UPDATE catalog_products SET name = ?, description = ?, brand = ?, category_id = ?, kind = ?, hsn_sac = ?, gst_rate_bp = ?, cess_rate_bp = ?,
         tax_inclusive = ?, options = ?, attributes = ?, status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
      )
      .bind(...values, id);
  }
  return ctx.d1
    .prepare(
      `INSERT INTO catalog_products (id, handle, name, description, brand, category_id, kind, hsn_sac, gst_rate_bp, cess_rate_bp, tax_inclusive, options, attributes, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(id, d.handle, ...values);
}

/**
 * Statements writing variant `variantId` of product `productId` and its barcodes. With `update`
 * the row is updated in place and its barcodes replaced, so a re-written SKU keeps its id (the
 * ledger refers to SKUs, prices and stock to variant ids).
 */
export function variantStatements(ctx: Ctx, productId: string, variantId: string, v: VariantDraft, update: boolean): D1PreparedStatement[] {
  const values = [
    JSON.stringify(v.options),
    v.barcode,
    v.mrp,
    v.price,
    v.openPrice ? 1 : 0,
    v.stockUnit,
    JSON.stringify(v.packs),
    v.status,
  ];
  const out: D1PreparedStatement[] = [];
  if (update) {
    out.push(
      ctx.d1
        .prepare(
          `UPDATE catalog_variants SET option_values = ?, barcode = ?, mrp = ?, price = ?, open_price = ?, stock_unit = ?, packs = ?, status = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
        )
        .bind(...values, variantId),
      ctx.d1.prepare("DELETE FROM catalog_barcodes WHERE variant_id = ?").bind(variantId),
    );
  } else {
    out.push(
      ctx.d1
        .prepare(
          `INSERT INTO catalog_variants (id, product_id, sku, option_values, barcode, mrp, price, open_price, stock_unit, packs, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(variantId, productId, v.sku, ...values),
    );
  }
  if (v.barcode)
    out.push(
      ctx.d1
        .prepare("INSERT INTO catalog_barcodes (code, variant_id, pack_unit, factor) VALUES (?, ?, NULL, 1)")
        .bind(v.barcode, variantId),
    );
  for (const p of v.packs) {
    if (p.barcode)
      out.push(
        ctx.d1
          .prepare("INSERT INTO catalog_barcodes (code, variant_id, pack_unit, factor) VALUES (?, ?, ?, ?)")
          .bind(p.barcode, variantId, p.unit, p.factor),
      );
  }
  return out;
}

/** Whether a D1 error is a UNIQUE constraint failure (a race lost to a concurrent write). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/i.test(err.message);
}

/**
 * Verbs the till calls on every scan or keyed SKU: what is this item, what does it cost here, how
 * is it taxed, and how many stock units is one scan. One indexed query each.
 */
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { normalizeBarcode } from "./codes";
import type { SkuLookupOut } from "./schemas";
import { type Pack, STOCK_UNITS } from "./units";

const COLUMNS = `v.id AS variant_id, v.product_id, v.sku, v.option_values, v.barcode, v.mrp, v.price, v.open_price, v.stock_unit, v.packs, v.status,
  p.name, p.kind, p.status AS product_status, p.hsn_sac, p.gst_rate_bp, p.cess_rate_bp, p.tax_inclusive, sp.price AS store_price`;
const JOINS = `JOIN catalog_products p ON p.id = v.product_id
  LEFT JOIN catalog_store_prices sp ON sp.variant_id = v.id AND sp.store_id = ?`;

type Row = Record<string, unknown>;

/** @throws DomainError store_forbidden when the actor is limited to other stores. */
function assertStore(ctx: ServiceContext, storeId: string | undefined): void {
  if (storeId && ctx.actor.storeIds !== null && !ctx.actor.storeIds.includes(storeId)) {
    throw new DomainError("store_forbidden", "You may not read prices of this store");
  }
}

function toLookup(r: Row, scannedUnit: string | null, quantity: number): SkuLookupOut {
  const options = Object.values(JSON.parse(r.option_values as string) as Record<string, string>);
  const storePrice = (r.store_price as number | null) ?? null;
  const unit = r.stock_unit as string;
  return {
    sku: r.sku as string,
    variantId: r.variant_id as string,
    productId: r.product_id as string,
    name: options.length ? `${r.name} (${options.join(" / ")})` : (r.name as string),
    kind: r.kind as SkuLookupOut["kind"],
    status: r.product_status === "archived" ? "archived" : (r.status as string),
    barcode: (r.barcode as string | null) ?? null,
    price: storePrice ?? (r.price as number | null) ?? null,
    priceSource: storePrice !== null ? "store" : "catalog",
    mrp: (r.mrp as number | null) ?? null,
    openPrice: r.open_price === 1,
    taxInclusive: r.tax_inclusive === 1,
    hsnSac: (r.hsn_sac as string | null) ?? null,
    gstRateBp: r.gst_rate_bp as number,
    cessRateBp: r.cess_rate_bp as number,
    stockUnit: unit,
    uqc: STOCK_UNITS[unit as keyof typeof STOCK_UNITS] ?? "OTH",
    packs: JSON.parse(r.packs as string) as Pack[],
    scannedUnit: scannedUnit ?? unit,
    quantity,
  };
}

/**
 * The sellable facts of a SKU (case-insensitive: SKUs are stored upper-case). With `storeId`,
 * that store's price-list override wins over the catalog price.
 * @throws DomainError forbidden (no catalog.read), store_forbidden, not_found.
 */
export async function lookupSku({ ctx, input }: { ctx: ServiceContext; input: { sku: string; storeId?: string } }): Promise<SkuLookupOut> {
  assertCan(ctx.actor.role, "catalog.read");
  assertStore(ctx, input.storeId);
  const r = await ctx.d1
    .prepare(`SELECT ${COLUMNS} FROM catalog_variants v ${JOINS} WHERE v.sku = ?`)
    .bind(input.storeId ?? null, input.sku.trim().toUpperCase())
    .first<Row>();
  if (!r) throw new DomainError("not_found", `No SKU ${input.sku}`);
  return toLookup(r, null, 1);
}

/**
 * The SKU a scanned barcode stands for, and how many stock units one scan is (1 for the item's
 * own code, the pack factor for a pack code). UPC-A and its EAN-13 form find the same item.
 * @throws DomainError forbidden, store_forbidden, not_found.
 */
export async function lookupBarcode({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { code: string; storeId?: string };
}): Promise<SkuLookupOut> {
  assertCan(ctx.actor.role, "catalog.read");
  assertStore(ctx, input.storeId);
  const r = await ctx.d1
    .prepare(
      `SELECT ${COLUMNS}, b.pack_unit, b.factor FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id ${JOINS} WHERE b.code = ?`,
    )
    .bind(input.storeId ?? null, normalizeBarcode(input.code))
    .first<Row>();
  if (!r) throw new DomainError("not_found", `No item has barcode ${input.code}`);
  return toLookup(r, (r.pack_unit as string | null) ?? null, r.factor as number);
}

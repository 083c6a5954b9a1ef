/**
 * The catalog check of stock writes: a receipt, adjustment, reservation, transfer or SKU setting
 * may name only SKUs the tenant's catalog has, and only stock items (services and non-stock items
 * never move the ledger). One query for all the lines; SKUs are matched as the catalog stores them
 * (trimmed, upper-case) and the lines come back with the catalog's spelling, so the ledger never
 * keeps "rice-5kg" beside "RICE-5KG".
 */
import type { ServiceContext } from "../../platform/context";
import { DomainError, type FieldError } from "../../platform/errors";

/** A catalog SKU as the stock routes need it: its spelling, kind and stock unit ("each", "g", "ml", "cm"). */
export interface CatalogStockSku {
  sku: string;
  kind: "stock" | "service" | "non_stock";
  stockUnit: string;
}

/** The catalog's spelling of a SKU (SKUs are stored trimmed and upper-case). */
export function canonicalSku(sku: string): string {
  return sku.trim().toUpperCase();
}

/**
 * The catalog entries of `skus` (by canonical spelling), in one query: the SKUs go in as one JSON
 * array parameter (json_each), which keeps far inside D1's 100 bound parameters per statement.
 */
export async function catalogSkus(ctx: ServiceContext, skus: string[]): Promise<Map<string, CatalogStockSku>> {
  const wanted = [...new Set(skus.map(canonicalSku))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.d1
    .prepare(
      `SELECT v.sku, v.stock_unit, p.kind FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id
        WHERE v.sku IN (SELECT value FROM json_each(?))`,
    )
    .bind(JSON.stringify(wanted))
    .all<{ sku: string; stock_unit: string; kind: CatalogStockSku["kind"] }>();
  return new Map(rows.results.map((r) => [r.sku, { sku: r.sku, kind: r.kind, stockUnit: r.stock_unit }]));
}

/**
 * Checks every line's SKU against the catalog.
 * @param lines request lines; `at` is their field path ("lines") for the errors ("lines.3.sku").
 * @returns the lines with the catalog's spelling of each SKU, and the stock unit of each SKU.
 * @throws DomainError validation_failed (400) naming every unknown SKU ("not in the catalog") and
 *   every service or non-stock item ("not a stock item").
 */
export async function requireStockSkus<L extends { sku: string }>(
  ctx: ServiceContext,
  lines: L[],
  at = "lines",
): Promise<{ lines: L[]; units: Record<string, string> }> {
  const found = await catalogSkus(
    ctx,
    lines.map((l) => l.sku),
  );
  const fields: FieldError[] = [];
  const units: Record<string, string> = {};
  const out = lines.map((l, i) => {
    const item = found.get(canonicalSku(l.sku));
    const path = `${at}.${i}.sku`;
    if (!item) fields.push({ path, message: `${l.sku} is not in the catalog` });
    else if (item.kind !== "stock") fields.push({ path, message: `${item.sku} is not a stock item (${item.kind})` });
    else units[item.sku] = item.stockUnit;
    return item ? { ...l, sku: item.sku } : l;
  });
  if (fields.length > 0) {
    throw new DomainError("validation_failed", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
  }
  return { lines: out, units };
}

/** Verbs of a store's price list: per-SKU overrides of the catalog selling price in one store. */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError, type FieldError } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { notifyPriceChanges } from "../terminals/notify";
import { withinMrp } from "./pricing";
import { jsonList } from "./repo";
import { throwIfInvalid } from "./rules";

/** One override as the API shows it. */
export interface StorePrice {
  sku: string;
  variantId: string;
  price: number;
  updatedAt: string;
}

/** @throws DomainError not_found (no such store in this tenant), store_forbidden (outside the actor's stores). */
async function assertStore(ctx: ServiceContext, storeId: string): Promise<void> {
  const row = await ctx.d1.prepare("SELECT id FROM stores WHERE id = ?").bind(storeId).first();
  if (!row) throw new DomainError("not_found", "Store not found");
  if (ctx.actor.storeIds !== null && !ctx.actor.storeIds.includes(storeId)) throw new DomainError("store_forbidden");
}

/**
 * Sets (price) or removes (null) the store's override of each SKU, in one batch. Each price must
 * respect the SKU's MRP like a catalog price (Legal Metrology rule 2(m)).
 * @throws DomainError forbidden, not_found, store_forbidden, validation_failed (unknown SKU or price above MRP, naming prices.N).
 */
export async function setStorePrices({
  ctx,
  storeId,
  input,
}: {
  ctx: ServiceContext;
  storeId: string;
  input: { prices: { sku: string; price: number | null }[] };
}) {
  assertCan(ctx.actor.role, "catalog.manage");
  await assertStore(ctx, storeId);
  const rows = await ctx.d1
    .prepare(
      `SELECT v.id, v.sku, v.mrp, p.tax_inclusive, p.gst_rate_bp, p.cess_rate_bp FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id
       WHERE v.sku IN (SELECT value FROM json_each(?))`,
    )
    .bind(jsonList(input.prices.map((p) => p.sku)))
    .all<{ id: string; sku: string; mrp: number | null; tax_inclusive: number; gst_rate_bp: number; cess_rate_bp: number }>();
  const bySku = new Map(rows.results.map((r) => [r.sku, r]));
  const errors: FieldError[] = [];
  const statements: D1PreparedStatement[] = [];
  input.prices.forEach((p, i) => {
    const v = bySku.get(p.sku);
    if (!v) {
      errors.push({ path: `prices.${i}.sku`, message: `no SKU ${p.sku}` });
      return;
    }
    if (p.price === null) {
      statements.push(ctx.d1.prepare("DELETE FROM catalog_store_prices WHERE store_id = ? AND variant_id = ?").bind(storeId, v.id));
      return;
    }
    if (
      !withinMrp({ price: p.price, mrp: v.mrp, taxInclusive: v.tax_inclusive === 1, gstRateBp: v.gst_rate_bp, cessRateBp: v.cess_rate_bp })
    ) {
      errors.push({ path: `prices.${i}.price`, message: "exceeds the MRP once taxes are included" });
    }
    statements.push(
      ctx.d1
        .prepare(
          `INSERT INTO catalog_store_prices (store_id, variant_id, price) VALUES (?, ?, ?)
           ON CONFLICT (store_id, variant_id) DO UPDATE SET price = excluded.price, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
        )
        .bind(storeId, v.id, p.price),
    );
  });
  throwIfInvalid(errors);
  statements.push(
    await auditStatement(ctx, {
      action: "catalog.store_prices.set",
      entityType: "store",
      entityId: storeId,
      after: input,
      summary: { count: input.prices.length },
    }),
  );
  await ctx.d1.batch(statements);
  // After the commit: tills show the new prices at once; a failed push is logged, never fails the write.
  await notifyPriceChanges(ctx, [storeId], input.prices);
  return listStorePrices({ ctx, storeId, input: { limit: 200 } });
}

/** A page of the store's overrides, in variant id order. @throws forbidden, not_found, store_forbidden. */
export async function listStorePrices({
  ctx,
  storeId,
  input,
}: {
  ctx: ServiceContext;
  storeId: string;
  input: { limit: number; cursor?: string };
}) {
  assertCan(ctx.actor.role, "catalog.read");
  await assertStore(ctx, storeId);
  const after = decodeCursor(input.cursor) ?? "";
  const rows = await ctx.d1
    .prepare(
      `SELECT v.id, v.sku, sp.price, sp.updated_at FROM catalog_store_prices sp JOIN catalog_variants v ON v.id = sp.variant_id
       WHERE sp.store_id = ? AND v.id > ? ORDER BY v.id LIMIT ?`,
    )
    .bind(storeId, after, input.limit + 1)
    .all<{ id: string; sku: string; price: number; updated_at: string }>();
  const page = toPage(rows.results, input.limit);
  return {
    items: page.items.map((r): StorePrice => ({ sku: r.sku, variantId: r.id, price: r.price, updatedAt: r.updated_at })),
    nextCursor: page.nextCursor,
  };
}

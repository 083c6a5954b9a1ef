/** Verb: change a product; variants in the patch are upserted by SKU, the others stay as they are. */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError, type FieldError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { TaxRegime } from "../tax";
import { notifyCatalogPriceChanges } from "../terminals/notify";
import {
  assertCategory,
  getProductOrThrow,
  isUniqueViolation,
  productStatement,
  toDraft,
  uniquenessConflicts,
  variantStatements,
} from "./repo";
import { cessRateBp, type ProductDraft, productRuleErrors, taxRateBp, throwIfInvalid } from "./rules";
import type { ProductOut, ProductPatch } from "./schemas";

/**
 * Applies `input` to product `id`. The whole merged product is re-validated, so a new tax rate
 * that would lift a tax-exclusive price above its MRP is refused.
 * @throws DomainError forbidden, not_found, validation_failed (naming fields), conflict (SKU or barcode of another product).
 */
export async function updateProduct({ ctx, id, input }: { ctx: ServiceContext; id: string; input: ProductPatch }): Promise<ProductOut> {
  assertCan(ctx.actor.role, "catalog.manage");
  const regime = ctx.tenant.taxRegime as TaxRegime;
  const before = await getProductOrThrow(ctx, id);
  const draft: ProductDraft = toDraft(before);
  const errors: FieldError[] = [];
  if (input.name !== undefined) draft.name = input.name;
  if (input.description !== undefined) draft.description = input.description;
  if (input.brand !== undefined) draft.brand = input.brand || null;
  if (input.categoryId !== undefined) draft.categoryId = input.categoryId;
  if (input.hsnSac !== undefined) draft.hsnSac = input.hsnSac || null;
  if (input.taxInclusive !== undefined) draft.taxInclusive = input.taxInclusive;
  if (input.options !== undefined) draft.options = input.options;
  if (input.attributes !== undefined) draft.attributes = input.attributes;
  if (input.status !== undefined) draft.status = input.status;
  if (input.gstRate !== undefined) {
    const [bp, err] = taxRateBp(input.gstRate, regime);
    draft.gstRateBp = bp;
    if (err) errors.push(err);
  }
  if (input.cessRate !== undefined) {
    const [bp, err] = cessRateBp(input.cessRate);
    draft.cessRateBp = bp;
    if (err) errors.push(err);
  }
  const existing = new Map(before.variants.map((v) => [v.sku, v.id]));
  for (const v of input.variants ?? []) {
    const next = { ...v, barcode: v.barcode ?? null, mrp: v.mrp ?? null, price: v.price ?? null };
    const i = draft.variants.findIndex((d) => d.sku === v.sku);
    if (i >= 0) draft.variants[i] = next;
    else draft.variants.push(next);
  }
  throwIfInvalid([...errors, ...productRuleErrors(draft, { gst: regime === "gst" })]);
  if (input.categoryId !== undefined) await assertCategory(ctx, draft.categoryId);
  const conflicts = await uniquenessConflicts(ctx, draft, id);
  if (conflicts.length)
    throw new DomainError("conflict", conflicts.map((c) => `${c.path}: ${c.message}`).join("; "), { fields: conflicts });

  const statements = [productStatement(ctx, id, draft, true)];
  for (const v of input.variants ?? []) {
    const variant = draft.variants.find((d) => d.sku === v.sku);
    if (!variant) continue;
    const known = existing.get(v.sku);
    statements.push(...variantStatements(ctx, id, known ?? newId("variant"), variant, known !== undefined));
  }
  statements.push(
    await auditStatement(ctx, {
      action: "catalog.product.updated",
      entityType: "product",
      entityId: id,
      before: toDraft(before),
      after: draft,
      summary: { fields: Object.keys(input), skus: (input.variants ?? []).map((v) => v.sku) },
    }),
  );
  try {
    await ctx.d1.batch(statements);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("conflict", "A SKU or barcode was taken by a concurrent write; retry");
    throw err;
  }
  // After the commit: push changed catalog prices to the stores' tills (logged on failure, never fails the write).
  const changed = (input.variants ?? []).flatMap((v) => {
    const price = v.price ?? null;
    return before.variants.find((b) => b.sku === v.sku)?.price === price ? [] : [{ sku: v.sku, price }];
  });
  await notifyCatalogPriceChanges(ctx, changed);
  return getProductOrThrow(ctx, id);
}

/** Verb: create a product with its variants (SKUs), barcodes and tax data. */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError, type FieldError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { TaxRegime } from "../tax";
import { assertCategory, getProductOrThrow, isUniqueViolation, productStatement, uniquenessConflicts, variantStatements } from "./repo";
import { cessRateBp, type ProductDraft, productRuleErrors, taxRateBp, throwIfInvalid } from "./rules";
import type { ProductInput, ProductOut } from "./schemas";

/**
 * Turns a validated POST body into a draft (rates to basis points), collecting rate errors.
 * @param regime the tenant's tax regime: `gstRate` is checked as a rate of that regime (taxRateBp).
 */
export function draftFromInput(input: ProductInput, regime: TaxRegime): { draft: ProductDraft; errors: FieldError[] } {
  const [gst, gstErr] = taxRateBp(input.gstRate, regime);
  const [cess, cessErr] = cessRateBp(input.cessRate);
  const draft: ProductDraft = {
    handle: input.handle ?? input.variants[0]?.sku ?? "",
    name: input.name,
    description: input.description ?? null,
    brand: input.brand || null,
    categoryId: input.categoryId ?? null,
    kind: input.kind,
    hsnSac: input.hsnSac || null,
    gstRateBp: gst,
    cessRateBp: cess,
    taxInclusive: input.taxInclusive,
    options: input.options,
    attributes: input.attributes,
    status: input.status,
    variants: input.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      barcode: v.barcode ?? null,
      mrp: v.mrp ?? null,
      price: v.price ?? null,
      openPrice: v.openPrice,
      stockUnit: v.stockUnit,
      packs: v.packs,
      status: v.status,
    })),
  };
  return { draft, errors: [gstErr, cessErr].filter((e): e is FieldError => e !== null) };
}

/**
 * Creates a product and its variants in one batch with the audit entry.
 * @throws DomainError forbidden (role lacks catalog.manage), validation_failed (rules, naming fields),
 *   conflict (SKU, barcode or handle already used; 409 naming the field).
 */
export async function createProduct({ ctx, input }: { ctx: ServiceContext; input: ProductInput }): Promise<ProductOut> {
  assertCan(ctx.actor.role, "catalog.manage");
  const regime = ctx.tenant.taxRegime as TaxRegime;
  const { draft, errors } = draftFromInput(input, regime);
  throwIfInvalid([...errors, ...productRuleErrors(draft, { gst: regime === "gst" })]);
  await assertCategory(ctx, draft.categoryId);
  const conflicts = await uniquenessConflicts(ctx, draft, null);
  const handleTaken = await ctx.d1.prepare("SELECT id FROM catalog_products WHERE handle = ?").bind(draft.handle).first();
  if (handleTaken) conflicts.push({ path: "handle", message: `handle ${draft.handle} is used by another product` });
  if (conflicts.length)
    throw new DomainError("conflict", conflicts.map((c) => `${c.path}: ${c.message}`).join("; "), { fields: conflicts });

  const id = newId("product");
  const statements = [
    productStatement(ctx, id, draft, false),
    ...draft.variants.flatMap((v) => variantStatements(ctx, id, newId("variant"), v, false)),
  ];
  statements.push(
    await auditStatement(ctx, {
      action: "catalog.product.created",
      entityType: "product",
      entityId: id,
      after: draft,
      summary: { name: draft.name, skus: draft.variants.map((v) => v.sku) },
    }),
  );
  try {
    await ctx.d1.batch(statements);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("conflict", "A SKU, barcode or handle was taken by a concurrent write; retry");
    throw err;
  }
  return getProductOrThrow(ctx, id);
}

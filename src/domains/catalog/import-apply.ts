/**
 * Applies a chunk of CSV rows: upsert each variant by SKU, each product by handle, and count the
 * chunk into the import's progress — all in one d1.batch. When the batch fails (a race on a unique
 * barcode, say), the rows are retried one by one so only the guilty row is reported.
 */
import { auditStatement } from "../../platform/audit";
import type { ServiceContext } from "../../platform/context";
import { newId, nowIso } from "../../platform/ids";
import type { TaxRegime } from "../tax";
import { type RowError, rowToDraft } from "./import-rows";
import { jsonList, productStatement, variantStatements } from "./repo";
import type { ProductDraft } from "./rules";

/** A data row of the file and the 1-based line it ends on. */
export interface ImportedRow {
  line: number;
  record: Record<string, string>;
}

type Planned = { line: number; draft: ProductDraft };

/**
 * Writes `rows` and the import's progress. `errors` (the import's kept errors) is extended in place.
 * Never throws for a row's fault: such rows are counted as failed with their line.
 */
export async function applyRows(
  ctx: ServiceContext,
  importId: string,
  rows: ImportedRow[],
  errors: RowError[],
  maxErrors: number,
): Promise<void> {
  const rowErrors: RowError[] = [];
  const planned: Planned[] = [];
  for (const { line, record } of rows) {
    const out = rowToDraft(record, line, { currency: ctx.tenant.currency, regime: ctx.tenant.taxRegime as TaxRegime });
    if ("errors" in out) rowErrors.push(...out.errors);
    else planned.push({ line, draft: out.draft });
  }
  const failedLines = new Set(rowErrors.map((e) => e.line));
  try {
    const { statements, created, updated, failed } = await plan(ctx, planned, rowErrors);
    for (const l of failed) failedLines.add(l);
    const kept = [...errors, ...rowErrors].slice(0, maxErrors);
    const ok = rows.length - failedLines.size;
    await ctx.d1.batch([
      ...statements,
      ctx.d1
        .prepare(
          "UPDATE catalog_imports SET rows_done = rows_done + ?, rows_failed = rows_failed + ?, created = created + ?, updated = updated + ?, errors = ?, heartbeat_at = ? WHERE id = ?",
        )
        .bind(ok, failedLines.size, created, updated, JSON.stringify(kept), nowIso(), importId),
      await auditStatement(ctx, {
        action: "catalog.import.rows",
        entityType: "product_import",
        entityId: importId,
        summary: { firstLine: rows[0]?.line, lastLine: rows.at(-1)?.line, created, updated, failed: failedLines.size },
      }),
    ]);
    errors.splice(0, errors.length, ...kept);
  } catch (err) {
    if (rows.length === 1) {
      const line = rows[0]?.line ?? 0;
      const kept = [...errors, { line, message: err instanceof Error ? err.message : String(err) }].slice(0, maxErrors);
      await ctx.d1
        .prepare("UPDATE catalog_imports SET rows_failed = rows_failed + 1, errors = ?, heartbeat_at = ? WHERE id = ?")
        .bind(JSON.stringify(kept), nowIso(), importId)
        .run();
      errors.splice(0, errors.length, ...kept);
      return;
    }
    for (const row of rows) await applyRows(ctx, importId, [row], errors, maxErrors);
  }
}

/** The upsert statements of valid rows, after checking categories and barcodes against the database. */
async function plan(ctx: ServiceContext, rows: Planned[], rowErrors: RowError[]) {
  const skus = rows.map((r) => r.draft.variants[0]?.sku ?? "");
  const handles = rows.map((r) => r.draft.handle);
  const codes = rows.flatMap((r) =>
    r.draft.variants.flatMap((v) => [v.barcode, ...v.packs.map((p) => p.barcode)]).filter((c): c is string => !!c),
  );
  const cats = rows.map((r) => r.draft.categoryId).filter((c): c is string => !!c);
  const [vRows, pRows, bRows, cRows] = await ctx.d1.batch<Record<string, string>>([
    ctx.d1.prepare("SELECT id, sku, product_id FROM catalog_variants WHERE sku IN (SELECT value FROM json_each(?))").bind(jsonList(skus)),
    ctx.d1.prepare("SELECT id, handle FROM catalog_products WHERE handle IN (SELECT value FROM json_each(?))").bind(jsonList(handles)),
    ctx.d1
      .prepare(
        "SELECT b.code, v.sku FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE b.code IN (SELECT value FROM json_each(?))",
      )
      .bind(jsonList(codes)),
    ctx.d1.prepare("SELECT id FROM catalog_categories WHERE id IN (SELECT value FROM json_each(?))").bind(jsonList(cats)),
  ]);
  const variants = new Map((vRows?.results ?? []).map((r) => [r.sku, { id: r.id as string, productId: r.product_id as string }]));
  const products = new Map((pRows?.results ?? []).map((r) => [r.handle, r.id as string]));
  const codeOwner = new Map((bRows?.results ?? []).map((r) => [r.code, r.sku]));
  const categories = new Set((cRows?.results ?? []).map((r) => r.id));
  const statements: D1PreparedStatement[] = [];
  const failed: number[] = [];
  let created = 0;
  let updated = 0;
  for (const { line, draft } of rows) {
    const v = draft.variants[0];
    if (!v) continue;
    const fail = (field: string, message: string) => {
      rowErrors.push({ line, field, message });
      failed.push(line);
    };
    if (draft.categoryId && !categories.has(draft.categoryId)) {
      fail("category_id", "no such category");
      continue;
    }
    const clash = [v.barcode, ...v.packs.map((p) => p.barcode)].find((c) => c && codeOwner.has(c) && codeOwner.get(c) !== v.sku);
    if (clash) {
      fail("barcode", `barcode ${clash} is already on SKU ${codeOwner.get(clash)}`);
      continue;
    }
    const known = variants.get(v.sku);
    let productId = known?.productId ?? products.get(draft.handle);
    if (productId) statements.push(productStatement(ctx, productId, draft, true));
    else {
      productId = newId("product");
      products.set(draft.handle, productId);
      statements.push(productStatement(ctx, productId, draft, false));
    }
    const variantId = known?.id ?? newId("variant");
    statements.push(...variantStatements(ctx, productId, variantId, v, known !== undefined));
    variants.set(v.sku, { id: variantId, productId });
    for (const c of [v.barcode, ...v.packs.map((p) => p.barcode)]) if (c) codeOwner.set(c, v.sku);
    if (known) updated++;
    else created++;
  }
  return { statements, created, updated, failed };
}

/** Verbs: read one product, or a page of products filtered and searched (D1 FTS5). */
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { getProductOrThrow, loadProducts } from "./repo";
import type { ProductOut } from "./schemas";

/** Search terms used at most; more words only narrow a result that is already small. */
export const MAX_SEARCH_TERMS = 8;

/**
 * The FTS5 MATCH expression for what a person typed: every word becomes a quoted prefix term
 * ("tsh-m" → `"tsh-m"*`, which matches the token sequence tsh m…), and the terms are ANDed.
 * Quoting makes FTS5 operators and punctuation in the input literal. @returns null for no words.
 * @example ftsQuery('cotton shi') === '"cotton"* "shi"*'
 */
export function ftsQuery(q: string): string | null {
  const terms = q
    .trim()
    .split(/\s+/)
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_SEARCH_TERMS);
  return terms.length ? terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" ") : null;
}

/** One product. @throws DomainError forbidden (no catalog.read), not_found. */
export async function getProduct({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<ProductOut> {
  assertCan(ctx.actor.role, "catalog.read");
  return getProductOrThrow(ctx, id);
}

/** Filters of the product list. */
export interface ListProductsInput {
  limit: number;
  cursor?: string;
  /** Words matched as prefixes against name, brand, SKUs and barcodes. */
  q?: string;
  categoryId?: string;
  kind?: "stock" | "service" | "non_stock";
  status?: "active" | "archived";
}

/**
 * A page of products in id (creation) order; with `q`, only those the search index matches.
 * Results are not ranked by relevance, so keyset pagination stays exact across pages.
 * @throws DomainError forbidden, validation_failed (bad cursor).
 */
export async function listProducts({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListProductsInput;
}): Promise<{ items: ProductOut[]; nextCursor: string | null }> {
  assertCan(ctx.actor.role, "catalog.read");
  const where: string[] = [];
  const binds: unknown[] = [];
  const after = decodeCursor(input.cursor);
  if (after) where.push("p.id > ?") && binds.push(after);
  if (input.categoryId) where.push("p.category_id = ?") && binds.push(input.categoryId);
  if (input.kind) where.push("p.kind = ?") && binds.push(input.kind);
  if (input.status) where.push("p.status = ?") && binds.push(input.status);
  const match = input.q ? ftsQuery(input.q) : null;
  if (input.q && !match) return { items: [], nextCursor: null };
  if (match) where.push("p.rowid IN (SELECT rowid FROM catalog_search WHERE catalog_search MATCH ?)") && binds.push(match);
  const sql = `SELECT p.id FROM catalog_products p ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY p.id LIMIT ?`;
  const rows = await ctx.d1
    .prepare(sql)
    .bind(...binds, input.limit + 1)
    .all<{ id: string }>();
  const page = toPage(rows.results, input.limit);
  return {
    items: await loadProducts(
      ctx,
      page.items.map((r) => r.id),
    ),
    nextCursor: page.nextCursor,
  };
}

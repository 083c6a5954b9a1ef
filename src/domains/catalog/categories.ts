/**
 * Verbs of the category tree (small and alike, so kept together): create, list, rename/move,
 * delete. A move that would make a category its own ancestor is refused.
 */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { newId } from "../../platform/ids";
import { assertCategory } from "./repo";

/** Deepest category tree walked when checking for cycles; a deeper tree is refused. */
export const MAX_CATEGORY_DEPTH = 32;

/** A category as the API shows it. */
export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
}

const toCategory = (r: Record<string, unknown>): Category => ({
  id: r.id as string,
  name: r.name as string,
  parentId: (r.parent_id as string | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

async function getCategoryOrThrow(ctx: ServiceContext, id: string): Promise<Category> {
  const r = await ctx.d1.prepare("SELECT * FROM catalog_categories WHERE id = ?").bind(id).first<Record<string, unknown>>();
  if (!r) throw new DomainError("not_found", "Category not found");
  return toCategory(r);
}

/** Creates a category under `parentId` (null = a root). @throws forbidden, validation_failed (no such parent). */
export async function createCategory({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { name: string; parentId?: string | null };
}): Promise<Category> {
  assertCan(ctx.actor.role, "catalog.manage");
  await assertCategory(ctx, input.parentId ?? null, "parentId");
  const id = newId("category");
  await ctx.d1.batch([
    ctx.d1.prepare("INSERT INTO catalog_categories (id, name, parent_id) VALUES (?, ?, ?)").bind(id, input.name, input.parentId ?? null),
    await auditStatement(ctx, {
      action: "catalog.category.created",
      entityType: "category",
      entityId: id,
      after: input,
      summary: { name: input.name },
    }),
  ]);
  return getCategoryOrThrow(ctx, id);
}

/** A page of categories in id order (a client builds the tree from parentId). @throws forbidden. */
export async function listCategories({ ctx, input }: { ctx: ServiceContext; input: { limit: number; cursor?: string } }) {
  assertCan(ctx.actor.role, "catalog.read");
  const after = decodeCursor(input.cursor) ?? "";
  const rows = await ctx.d1
    .prepare("SELECT * FROM catalog_categories WHERE id > ? ORDER BY id LIMIT ?")
    .bind(after, input.limit + 1)
    .all<Record<string, unknown>>();
  const page = toPage(rows.results.map(toCategory), input.limit);
  return page;
}

/**
 * Renames or moves category `id`. @throws forbidden, not_found, validation_failed (parent missing,
 * or the move would put the category under itself).
 */
export async function updateCategory({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: { name?: string; parentId?: string | null };
}): Promise<Category> {
  assertCan(ctx.actor.role, "catalog.manage");
  const before = await getCategoryOrThrow(ctx, id);
  const parentId = input.parentId === undefined ? before.parentId : input.parentId;
  if (input.parentId) {
    await assertCategory(ctx, input.parentId, "parentId");
    // Walk up from the new parent: meeting `id` means a cycle.
    let cursor: string | null = input.parentId;
    for (let depth = 0; cursor; depth++) {
      if (cursor === id || depth > MAX_CATEGORY_DEPTH) {
        throw new DomainError("validation_failed", "parentId: a category cannot sit under itself", {
          fields: [{ path: "parentId", message: "would make a cycle" }],
        });
      }
      const row: { parent_id: string | null } | null = await ctx.d1
        .prepare("SELECT parent_id FROM catalog_categories WHERE id = ?")
        .bind(cursor)
        .first();
      cursor = row?.parent_id ?? null;
    }
  }
  const name = input.name ?? before.name;
  await ctx.d1.batch([
    ctx.d1
      .prepare("UPDATE catalog_categories SET name = ?, parent_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
      .bind(name, parentId, id),
    await auditStatement(ctx, {
      action: "catalog.category.updated",
      entityType: "category",
      entityId: id,
      before,
      after: { name, parentId },
    }),
  ]);
  return getCategoryOrThrow(ctx, id);
}

/** Deletes an empty category. @throws forbidden, not_found, conflict (it has children or products). */
export async function deleteCategory({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  assertCan(ctx.actor.role, "catalog.manage");
  const before = await getCategoryOrThrow(ctx, id);
  const used = await ctx.d1
    .prepare(
      "SELECT (SELECT count(*) FROM catalog_categories WHERE parent_id = ?) AS children, (SELECT count(*) FROM catalog_products WHERE category_id = ?) AS products",
    )
    .bind(id, id)
    .first<{ children: number; products: number }>();
  if (used && (used.children > 0 || used.products > 0)) {
    throw new DomainError("conflict", `The category has ${used.children} sub-categories and ${used.products} products; move them first`);
  }
  await ctx.d1.batch([
    ctx.d1.prepare("DELETE FROM catalog_categories WHERE id = ?").bind(id),
    await auditStatement(ctx, { action: "catalog.category.deleted", entityType: "category", entityId: id, before }),
  ]);
}

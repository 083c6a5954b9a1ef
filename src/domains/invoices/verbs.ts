/**
 * Reads of invoices and credit notes (projections in the tenant database, src/domains/sales/tables.ts).
 * Scoped to the tenant by its database and to the actor's stores: a cashier of store A cannot read
 * store B's invoices.
 */
import type { InvoiceDocument, ReturnDocument, SaleDocument } from "../../../durable-objects/pos/documents";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { mayActInStore } from "../stores/access";

function inScope(ctx: ServiceContext, storeId: string): void {
  if (!mayActInStore(ctx, storeId)) throw new DomainError("store_forbidden", "You are not assigned to this store");
}

/** An invoice or credit note by id. @throws DomainError forbidden, not_found, store_forbidden. */
export async function getInvoice({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<InvoiceDocument> {
  assertCan(ctx.actor.role, "sales.read");
  const row = await ctx.d1
    .prepare("SELECT store_id, document FROM invoices WHERE id = ?")
    .bind(input.id)
    .first<{ store_id: string; document: string }>();
  if (!row) throw new DomainError("not_found", "Invoice not found");
  inScope(ctx, row.store_id);
  return JSON.parse(row.document) as InvoiceDocument;
}

/**
 * Invoices and credit notes in id (creation) order, optionally of one store or kind; the actor's stores only.
 * @throws DomainError forbidden, store_forbidden (a named store outside the actor's), validation_failed (cursor).
 */
export async function listInvoices({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { storeId?: string; kind?: "invoice" | "credit_note"; limit: number; cursor?: string };
}): Promise<{ items: InvoiceDocument[]; nextCursor: string | null }> {
  assertCan(ctx.actor.role, "sales.read");
  if (input.storeId) inScope(ctx, input.storeId);
  const where = ["id > ?"];
  const binds: unknown[] = [decodeCursor(input.cursor) ?? ""];
  const filters: [string, string | undefined][] = [
    ["store_id = ?", input.storeId],
    ["kind = ?", input.kind],
  ];
  for (const [clause, value] of filters) {
    if (value === undefined) continue;
    where.push(clause);
    binds.push(value);
  }
  const stores = ctx.actor.storeIds;
  if (stores !== null) {
    where.push(`store_id IN (${stores.map(() => "?").join(",") || "NULL"})`);
    binds.push(...stores);
  }
  const rows = await ctx.d1
    .prepare(`SELECT id, document FROM invoices WHERE ${where.join(" AND ")} ORDER BY id LIMIT ?`)
    .bind(...binds, input.limit + 1)
    .all<{ id: string; document: string }>();
  const page = toPage(rows.results, input.limit);
  return { items: page.items.map((r) => JSON.parse(r.document) as InvoiceDocument), nextCursor: page.nextCursor };
}

/** A sale with its returns. @throws DomainError forbidden, not_found, store_forbidden. */
export async function getSaleRecord({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { saleId: string };
}): Promise<{ sale: SaleDocument; returns: ReturnDocument[] }> {
  assertCan(ctx.actor.role, "sales.read");
  const row = await ctx.d1
    .prepare("SELECT store_id, document FROM sales WHERE id = ?")
    .bind(input.saleId)
    .first<{ store_id: string; document: string }>();
  if (!row) throw new DomainError("not_found", "Sale not found");
  inScope(ctx, row.store_id);
  const returns = await ctx.d1
    .prepare("SELECT document FROM sale_returns WHERE sale_id = ? ORDER BY created_at, id")
    .bind(input.saleId)
    .all<{ document: string }>();
  return { sale: JSON.parse(row.document) as SaleDocument, returns: returns.results.map((r) => JSON.parse(r.document) as ReturnDocument) };
}

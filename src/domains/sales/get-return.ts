/**
 * getReturn: any return by id — against a sale, or without a receipt (saleId null) — from the
 * tenant database's projection (sale_returns), scoped to the actor's stores like invoice reads.
 */
import type { ReturnDocument } from "../../../durable-objects/pos/documents";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { mayActInStore } from "../stores/access";

/** A return by id from the projection, in the actor's stores. @throws DomainError forbidden, not_found, store_forbidden. */
export async function getReturn({ ctx, input }: { ctx: ServiceContext; input: { returnId: string } }): Promise<ReturnDocument> {
  assertCan(ctx.actor.role, "sales.read");
  const row = await ctx.d1
    .prepare("SELECT store_id, document FROM sale_returns WHERE id = ?")
    .bind(input.returnId)
    .first<{ store_id: string; document: string }>();
  if (!row) throw new DomainError("not_found", "Return not found");
  if (!mayActInStore(ctx, row.store_id)) throw new DomainError("store_forbidden", "You are not assigned to this store");
  return JSON.parse(row.document) as ReturnDocument;
}

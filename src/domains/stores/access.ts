/**
 * Store scope: a user may be limited to some stores (users.store_ids); a cashier of store A
 * cannot act in store B. Every store-scoped verb calls requireStore first.
 */
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";

/** A store row as verbs see it. Money-free; address is parsed JSON. */
export interface StoreRecord {
  id: string;
  code: string;
  name: string;
  type: "shop" | "warehouse";
  address: { line1: string; line2?: string; city: string; postalCode: string; country: string };
  stateCode: string | null;
  gstin: string | null;
  timeZone: string;
  status: "active" | "closed";
  createdAt: string;
  updatedAt: string;
}

/** Maps a raw stores row to a StoreRecord. */
export function toStoreRecord(r: Record<string, unknown>): StoreRecord {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    type: r.type as StoreRecord["type"],
    address: JSON.parse(r.address as string) as StoreRecord["address"],
    stateCode: (r.state_code as string | null) ?? null,
    gstin: (r.gstin as string | null) ?? null,
    timeZone: r.time_zone as string,
    status: r.status as StoreRecord["status"],
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** Whether the actor may act in `storeId` (null store list = every store). */
export function mayActInStore(ctx: Pick<ServiceContext, "actor">, storeId: string): boolean {
  return ctx.actor.storeIds === null || ctx.actor.storeIds.includes(storeId);
}

/**
 * Loads a store of this tenant that the actor may act in.
 * @throws DomainError not_found (no such store in this tenant), store_forbidden (outside the actor's stores).
 */
export async function requireStore(ctx: ServiceContext, storeId: string): Promise<StoreRecord> {
  const row = await ctx.d1.prepare("SELECT * FROM stores WHERE id = ?").bind(storeId).first<Record<string, unknown>>();
  if (!row) throw new DomainError("not_found", "Store not found");
  if (!mayActInStore(ctx, storeId)) throw new DomainError("store_forbidden", "You are not assigned to this store");
  return toStoreRecord(row);
}

/** The Durable Object name of a store: "<tenantId>:<storeId>" (ARCHITECTURE.md, "Store plane"). */
export function storeObjectName(tenantId: string, storeId: string): string {
  return `${tenantId}:${storeId}`;
}

/**
 * Store verbs: create, list, read, update. A store's GSTIN must be valid and agree with its
 * state code (a GSTIN opens with the state code of its registration).
 */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { gstinStateCode } from "../../platform/gst/gstin";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { newId, nowIso } from "../../platform/ids";
import { featureEnabled } from "../../platform/tenancy/plans";
import { mayActInStore, requireStore, type StoreRecord, toStoreRecord } from "./access";

/** Store input; the route validates shapes (GSTIN check digit, time zone). */
export interface StoreInput {
  code: string;
  name: string;
  type: "shop" | "warehouse";
  address: StoreRecord["address"];
  stateCode?: string | null;
  gstin?: string | null;
  timeZone?: string;
  status?: "active" | "closed";
}

function checkGst(ctx: ServiceContext, s: { stateCode?: string | null; gstin?: string | null }): void {
  if (s.gstin && s.stateCode && gstinStateCode(s.gstin) !== s.stateCode) {
    throw new DomainError("validation_failed", `The GSTIN is registered in state ${gstinStateCode(s.gstin)}, not ${s.stateCode}`, {
      fields: [{ path: "gstin", message: "state code does not match stateCode" }],
    });
  }
  if (ctx.tenant.taxRegime === "gst" && !s.stateCode) {
    throw new DomainError("validation_failed", "A GST tenant's store needs its state code (place of supply over the counter)", {
      fields: [{ path: "stateCode", message: "required for GST tenants" }],
    });
  }
}

/**
 * Creates a store. A tenant without the multi_store feature may have one.
 * @throws DomainError forbidden, feature_disabled, conflict (code taken), validation_failed.
 */
export async function createStore({ ctx, input }: { ctx: ServiceContext; input: StoreInput }): Promise<StoreRecord> {
  assertCan(ctx.actor.role, "stores.manage");
  const stateCode = input.stateCode ?? (input.gstin ? gstinStateCode(input.gstin) : null);
  checkGst(ctx, { ...input, stateCode });
  if (!featureEnabled(ctx.tenant.plan, ctx.tenant.featureOverrides, "multi_store")) {
    const n = await ctx.d1.prepare("SELECT count(*) AS n FROM stores").first<{ n: number }>();
    if ((n?.n ?? 0) >= 1) throw new DomainError("feature_disabled", "More than one store needs the multi_store feature");
  }
  const id = newId("store");
  const row = {
    id,
    code: input.code,
    name: input.name,
    type: input.type,
    address: JSON.stringify(input.address),
    state_code: stateCode,
    gstin: input.gstin ?? null,
    time_zone: input.timeZone ?? ctx.tenant.timeZone,
  };
  try {
    await ctx.d1.batch([
      ctx.d1
        .prepare("INSERT INTO stores (id, code, name, type, address, state_code, gstin, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(row.id, row.code, row.name, row.type, row.address, row.state_code, row.gstin, row.time_zone),
      await auditStatement(ctx, { action: "store.created", entityType: "store", entityId: id, after: row }),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE"))
      throw new DomainError("conflict", `A store with code ${input.code} exists`, { fields: [{ path: "code", message: "taken" }] });
    throw err;
  }
  return requireStore(ctx, id);
}

/** Lists the stores the actor may act in, by id, a page at a time. */
export async function listStores({ ctx, input }: { ctx: ServiceContext; input: { limit: number; cursor?: string } }) {
  assertCan(ctx.actor.role, "stores.read");
  const rows = await ctx.d1
    .prepare("SELECT * FROM stores WHERE id > ? ORDER BY id LIMIT ?")
    .bind(decodeCursor(input.cursor) ?? "", input.limit + 1)
    .all<Record<string, unknown>>();
  // Store-limited actors see only their stores; filter before paging so pages stay full-sized only for unrestricted actors.
  const visible = rows.results.map(toStoreRecord).filter((s) => mayActInStore(ctx, s.id));
  return toPage(visible, input.limit);
}

/** Reads one store. @throws DomainError not_found, store_forbidden. */
export async function getStore({ ctx, storeId }: { ctx: ServiceContext; storeId: string }): Promise<StoreRecord> {
  assertCan(ctx.actor.role, "stores.read");
  return requireStore(ctx, storeId);
}

/** Updates a store. @throws DomainError forbidden, not_found, store_forbidden, conflict, validation_failed. */
export async function updateStore({
  ctx,
  storeId,
  input,
}: {
  ctx: ServiceContext;
  storeId: string;
  input: Partial<StoreInput>;
}): Promise<StoreRecord> {
  assertCan(ctx.actor.role, "stores.manage");
  const before = await requireStore(ctx, storeId);
  const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as StoreRecord;
  checkGst(ctx, next);
  try {
    await ctx.d1.batch([
      ctx.d1
        .prepare(
          "UPDATE stores SET code = ?, name = ?, type = ?, address = ?, state_code = ?, gstin = ?, time_zone = ?, status = ?, updated_at = ? WHERE id = ?",
        )
        .bind(
          next.code,
          next.name,
          next.type,
          JSON.stringify(next.address),
          next.stateCode,
          next.gstin,
          next.timeZone,
          next.status,
          nowIso(),
          storeId,
        ),
      await auditStatement(ctx, { action: "store.updated", entityType: "store", entityId: storeId, before, after: next, summary: input }),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE"))
      throw new DomainError("conflict", `A store with code ${input.code} exists`, { fields: [{ path: "code", message: "taken" }] });
    throw err;
  }
  return requireStore(ctx, storeId);
}

/** The users assigned to a store: those limited to it plus those with every store. */
export async function storeStaff({ ctx, storeId }: { ctx: ServiceContext; storeId: string }) {
  assertCan(ctx.actor.role, "stores.read");
  await requireStore(ctx, storeId);
  const rows = await ctx.d1
    .prepare(
      `SELECT id, name, email, role, store_ids FROM users
       WHERE status != 'disabled' AND (store_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(users.store_ids) WHERE value = ?)) ORDER BY id`,
    )
    .bind(storeId)
    .all<{ id: string; name: string; email: string; role: string; store_ids: string | null }>();
  return rows.results.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, allStores: r.store_ids === null }));
}

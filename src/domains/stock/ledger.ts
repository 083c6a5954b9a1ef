/**
 * The HTTP side's door to a store's ledger Durable Object: find the store (tenant-scoped, and
 * within the actor's stores), get its object, turn `{ ok: false }` results into DomainErrors,
 * and write the audit entry of a stock write.
 */

import type { Failure } from "../../../durable-objects/ledger/tx";
import type { AuditInput } from "../../platform/audit";
import { auditStatement } from "../../platform/audit";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { requireStore, storeObjectName } from "../stores/access";
import { ensureConfigured } from "./settings";

/**
 * The ledger object of `storeId` after checking the store is this tenant's and the actor may act
 * in it, configured with the tenant's stock settings (./settings.ts).
 * @throws DomainError not_found, store_forbidden.
 */
export async function storeLedger(ctx: ServiceContext, storeId: string) {
  await requireStore(ctx, storeId);
  return configuredLedger(ctx, storeId);
}

/**
 * The ledger object of a store of this tenant WITHOUT the actor's store check (e.g. a transfer's
 * destination, which the sender may not act in), configured with the tenant's stock settings.
 */
export async function configuredLedger(ctx: ServiceContext, storeId: string) {
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, storeId));
  await ensureConfigured(ctx, storeId, stub);
  return stub;
}

/**
 * The value of an ok result without its `ok` flag. @throws DomainError with the result's code,
 * detail, fields and shortfall (a 409 insufficient_stock problem lists the shortfall per SKU).
 */
export function unwrap<R extends { ok: boolean }>(r: R): Omit<Extract<R, { ok: true }>, "ok"> {
  if (!r.ok) {
    const f = r as unknown as Failure;
    throw new DomainError(f.code, f.detail, { fields: f.fields, extra: f.shortfall ? { shortfall: f.shortfall } : undefined });
  }
  const { ok: _ok, ...value } = r as Extract<R, { ok: true }>;
  return value as Omit<Extract<R, { ok: true }>, "ok">;
}

/**
 * The idempotency key handed to the ledger for an HTTP request's Idempotency-Key: scoped to the
 * actor, like the HTTP layer's own store, so a retry that lost its HTTP answer is still applied once.
 */
export function ledgerKey(ctx: ServiceContext, header: string | undefined, verb: string): string | undefined {
  return header ? `http:${ctx.actor.id}:${verb}:${header}` : undefined;
}

/** Writes the audit entry of a stock write (after the ledger committed it; the ledger keeps its own entries). */
export async function auditStock(ctx: ServiceContext, input: AuditInput): Promise<void> {
  await (await auditStatement(ctx, input)).run();
}

/**
 * The opening every stock route handler shares (routes.ts, transfer-routes.ts): the request's
 * ServiceContext, the role check, and the store's ledger object. Kept in one place so a write can
 * never reach a ledger before its role check, nor hand the ledger a key that is not actor-scoped.
 */
import type { Context } from "hono";
import { assertCan } from "../../platform/auth/roles";
import type { AppEnv } from "../../platform/context";
import { ctxOf } from "../../platform/http/middleware";
import { ledgerKey, storeLedger } from "./ledger";

/**
 * Opens a stock write: checks `stock.manage` first, then finds the store's ledger (tenant-scoped,
 * within the actor's stores), and builds `by`, the fields every ledger write takes: the actor and
 * the ledger idempotency key derived from the request's Idempotency-Key header (see ledgerKey).
 * @param verb names the write inside the idempotency key ("receipt", "transfer_approve", …).
 * @throws DomainError forbidden (role), not_found (store), store_forbidden (not one of the actor's stores).
 * @example const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "receipt"); unwrap(await ledger.receive({ ...body, ...by }));
 */
export async function openLedgerWrite(c: Context<AppEnv>, storeId: string, verb: string) {
  const ctx = ctxOf(c);
  assertCan(ctx.actor.role, "stock.manage");
  const ledger = await storeLedger(ctx, storeId);
  const by = { actor: ctx.actor.id, idempotencyKey: ledgerKey(ctx, c.req.header("idempotency-key"), verb) };
  return { ctx, ledger, by };
}

/**
 * Opens a stock read: checks `stock.read`, then finds the store's ledger.
 * @throws DomainError forbidden, not_found, store_forbidden.
 */
export async function openLedgerRead(c: Context<AppEnv>, storeId: string) {
  const ctx = ctxOf(c);
  assertCan(ctx.actor.role, "stock.read");
  return { ctx, ledger: await storeLedger(ctx, storeId) };
}

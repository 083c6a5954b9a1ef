/**
 * Terminal verbs: pair, list, revoke (managers), and open a store's terminal socket. Pairing and
 * tokens live in the store's Durable Object (durable-objects/terminal/devices.ts): the object is
 * the one place that checks a device token on every connection, so it keeps the hashes.
 */
import type { TerminalRecord } from "../../../durable-objects/terminal/devices";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { configuredLedger, unwrap } from "../stock/ledger";
import { requireStore, storeObjectName } from "../stores/access";

function storeObject(ctx: ServiceContext, storeId: string) {
  return ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, storeId));
}

/**
 * Pairs a terminal with a store. @returns its record and the device token, shown only here.
 * @throws DomainError forbidden (not a manager), not_found, store_forbidden, conflict (store closed).
 */
export async function pairTerminal({ ctx, input }: { ctx: ServiceContext; input: { storeId: string; name: string } }) {
  assertCan(ctx.actor.role, "terminals.manage");
  const store = await requireStore(ctx, input.storeId);
  if (store.status !== "active") throw new DomainError("conflict", "This store is closed");
  const paired = unwrap(await storeObject(ctx, store.id).pairTerminal({ name: input.name, actor: ctx.actor.id }));
  const audit = await auditStatement(ctx, {
    action: "terminal.paired",
    entityType: "terminal",
    entityId: paired.terminalId,
    after: { name: paired.name, storeId: store.id },
    summary: { storeId: store.id, name: paired.name },
  });
  await audit.run();
  return { ...paired, storeId: store.id };
}

/** A store's terminals. @throws DomainError forbidden, not_found, store_forbidden. */
export async function listTerminals({ ctx, input }: { ctx: ServiceContext; input: { storeId: string } }): Promise<TerminalRecord[]> {
  assertCan(ctx.actor.role, "terminals.manage");
  const store = await requireStore(ctx, input.storeId);
  return unwrap(await storeObject(ctx, store.id).listTerminals()).items;
}

/** Revokes a terminal; its open sockets close at once. @throws DomainError forbidden, not_found, store_forbidden. */
export async function revokeTerminal({ ctx, input }: { ctx: ServiceContext; input: { storeId: string; terminalId: string } }) {
  assertCan(ctx.actor.role, "terminals.manage");
  const store = await requireStore(ctx, input.storeId);
  const revoked = unwrap(await storeObject(ctx, store.id).revokeTerminal(input.terminalId));
  const audit = await auditStatement(ctx, {
    action: "terminal.revoked",
    entityType: "terminal",
    entityId: revoked.terminalId,
    before: { revokedAt: null },
    after: { revokedAt: revoked.revokedAt },
    summary: { storeId: store.id, name: revoked.name },
  });
  await audit.run();
  return revoked;
}

/**
 * Hands a WebSocket upgrade to the store's object. No actor yet: the terminal authenticates with
 * its first frame (a device token in a URL would land in logs). The store must be this tenant's
 * and open; its ledger is configured with the tenant's stock settings first, as for HTTP sales.
 * @throws DomainError upgrade_required (426), not_found, conflict (store closed).
 */
export async function openTerminalSocket({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { storeId: string; request: Request };
}): Promise<Response> {
  if (input.request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new DomainError("upgrade_required");
  const store = await requireStore(ctx, input.storeId);
  if (store.status !== "active") throw new DomainError("conflict", "This store is closed");
  const stub = await configuredLedger(ctx, store.id);
  const res = await stub.fetch(input.request);
  // A stub's response has immutable headers; middleware adds X-Request-Id, so answer a copy.
  return new Response(res.body, { status: res.status, headers: new Headers(res.headers), webSocket: res.webSocket });
}

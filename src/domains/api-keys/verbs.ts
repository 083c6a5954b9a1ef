/**
 * API keys for integrations: created with a role no higher than the creator's and optional store
 * limits; the key is answered once and only its hash is kept; revocation is immediate.
 */

import { auditStatement } from "../../platform/audit";
import { generateApiKey } from "../../platform/auth/api-keys";
import { assertCan, grantableRoles, type Role } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { newId, nowIso } from "../../platform/ids";

/** An API key as listed (never the key itself). */
export interface ApiKeyOut {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  storeIds: string[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toOut(r: Record<string, unknown>): ApiKeyOut {
  return {
    id: r.id as string,
    name: r.name as string,
    prefix: r.prefix as string,
    role: r.role as Role,
    storeIds: r.store_ids ? (JSON.parse(r.store_ids as string) as string[]) : null,
    createdAt: r.created_at as string,
    lastUsedAt: (r.last_used_at as string | null) ?? null,
    revokedAt: (r.revoked_at as string | null) ?? null,
  };
}

/** Creates a key. @returns the listing shape plus `key`, shown this once. @throws DomainError forbidden. */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { name: string; role: Role; storeIds?: string[] | null };
}): Promise<ApiKeyOut & { key: string }> {
  assertCan(ctx.actor.role, "api_keys.manage");
  if (input.role === "owner" || !grantableRoles(ctx.actor.role).includes(input.role)) {
    throw new DomainError("forbidden", `Your role (${ctx.actor.role}) may not create a key with role ${input.role}`);
  }
  const { key, prefix, hash } = await generateApiKey();
  const id = newId("apiKey");
  const storeIds = input.storeIds && input.storeIds.length ? JSON.stringify(input.storeIds) : null;
  await ctx.d1.batch([
    ctx.d1
      .prepare("INSERT INTO api_keys (id, name, prefix, key_hash, role, store_ids, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(id, input.name, prefix, hash, input.role, storeIds, ctx.actor.id),
    await auditStatement(ctx, {
      action: "api_key.created",
      entityType: "api_key",
      entityId: id,
      after: { name: input.name, role: input.role, storeIds: input.storeIds ?? null },
    }),
  ]);
  const row = await ctx.d1.prepare("SELECT * FROM api_keys WHERE id = ?").bind(id).first<Record<string, unknown>>();
  return { ...toOut(row ?? {}), key };
}

/** Lists keys (newest last), a page at a time. */
export async function listApiKeys({ ctx, input }: { ctx: ServiceContext; input: { limit: number; cursor?: string } }) {
  assertCan(ctx.actor.role, "api_keys.manage");
  const rows = await ctx.d1
    .prepare("SELECT * FROM api_keys WHERE id > ? ORDER BY id LIMIT ?")
    .bind(decodeCursor(input.cursor) ?? "", input.limit + 1)
    .all<Record<string, unknown>>();
  return toPage(rows.results.map(toOut), input.limit);
}

/** Revokes a key at once. @throws DomainError not_found. */
export async function revokeApiKey({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<ApiKeyOut> {
  assertCan(ctx.actor.role, "api_keys.manage");
  const [res] = await ctx.d1.batch([
    ctx.d1.prepare("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?").bind(nowIso(), id),
    await auditStatement(ctx, { action: "api_key.revoked", entityType: "api_key", entityId: id }),
  ]);
  if (!res || res.meta.changes === 0) throw new DomainError("not_found", "API key not found");
  const row = await ctx.d1.prepare("SELECT * FROM api_keys WHERE id = ?").bind(id).first<Record<string, unknown>>();
  return toOut(row ?? {});
}

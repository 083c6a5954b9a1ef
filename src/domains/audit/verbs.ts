/**
 * Reading the audit log: a filtered list (newest first, cursor by seq) and verification of the
 * hash chain. Both need "audit.read" (owners, admins, accountants).
 */

import { type AuditVerification, sealAuditChain, verifyAuditChain } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";

/** Filters of GET /v1/audit. `from`/`to` are ISO instants (inclusive, exclusive) on `at`. */
export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** An audit entry as the API answers it. `summary` is the parsed JSON summary; hashes are null until sealed. */
export interface AuditEntryOut {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  summary: Record<string, unknown> | null;
  prevHash: string | null;
  hash: string | null;
}

function toOut(r: Record<string, unknown>): AuditEntryOut {
  return {
    seq: r.seq as number,
    id: r.id as string,
    at: r.at as string,
    actorType: r.actor_type as string,
    actorId: r.actor_id as string,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string,
    requestId: (r.request_id as string | null) ?? null,
    beforeDigest: (r.before_digest as string | null) ?? null,
    afterDigest: (r.after_digest as string | null) ?? null,
    summary: r.summary ? (JSON.parse(r.summary as string) as Record<string, unknown>) : null,
    prevHash: (r.prev_hash as string | null) ?? null,
    hash: (r.hash as string | null) ?? null,
  };
}

/** The cursor is the last seq of a page, as a decimal string. @throws DomainError validation_failed. */
function cursorSeq(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  if (!/^\d{1,15}$/.test(cursor))
    throw new DomainError("validation_failed", "cursor is not one this API issued", { fields: [{ path: "cursor", message: "invalid" }] });
  return Number(cursor);
}

/**
 * Lists audit entries newest first, `limit` at a time; `nextCursor` continues below the last seq.
 * @throws DomainError forbidden without audit.read; validation_failed for a bad cursor.
 */
export async function listAudit({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AuditQuery;
}): Promise<{ items: AuditEntryOut[]; nextCursor: string | null }> {
  assertCan(ctx.actor.role, "audit.read");
  const rows = await ctx.d1
    .prepare(
      `SELECT * FROM audit_log
       WHERE (?1 IS NULL OR seq < ?1) AND (?2 IS NULL OR entity_type = ?2) AND (?3 IS NULL OR entity_id = ?3)
         AND (?4 IS NULL OR actor_id = ?4) AND (?5 IS NULL OR action = ?5) AND (?6 IS NULL OR at >= ?6) AND (?7 IS NULL OR at < ?7)
       ORDER BY seq DESC LIMIT ?8`,
    )
    .bind(
      cursorSeq(input.cursor),
      input.entityType ?? null,
      input.entityId ?? null,
      input.actorId ?? null,
      input.action ?? null,
      input.from ?? null,
      input.to ?? null,
      input.limit + 1,
    )
    .all<Record<string, unknown>>();
  const items = rows.results.slice(0, input.limit).map(toOut);
  const last = items.at(-1);
  return { items, nextCursor: rows.results.length > input.limit && last ? String(last.seq) : null };
}

/**
 * Seals what is pending, then walks the whole chain (src/platform/audit.ts verifyAuditChain).
 * @returns {ok, checked, brokenAt?, reason?, sealed}. @throws DomainError forbidden without audit.read.
 */
export async function verifyAudit({ ctx }: { ctx: ServiceContext }): Promise<AuditVerification & { sealed: number }> {
  assertCan(ctx.actor.role, "audit.read");
  const sealed = await sealAuditChain(ctx.d1);
  return { ...(await verifyAuditChain(ctx.d1)), sealed };
}

/**
 * The audit log: every write leaves an entry (who, what, which entity, when, from which request,
 * digests of before and after) in the same D1 batch as the change, so a change without its audit
 * entry cannot exist. Entries are hash-chained per tenant: hash = SHA-256(prev_hash ‖ canonical
 * entry). D1 has no SQL SHA-256 and no interactive transaction, so the chain is sealed in seq
 * order just after the batch (and by the cron sweep); sealing is deterministic, so two sealers
 * racing write the same values.
 */
import type { ServiceContext } from "./context";
import { sha256Hex } from "./crypto";
import { newId, nowIso } from "./ids";

/** JSON with object keys sorted, so equal values digest equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** What a write verb says about its change. `before`/`after` are digested, `summary` kept (no secrets). */
export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  summary?: Record<string, unknown>;
}

/** A prepared INSERT of the audit entry for `input`, to put in the same batch as the change. */
export async function auditStatement(ctx: Pick<ServiceContext, "d1" | "actor" | "requestId">, input: AuditInput): Promise<D1PreparedStatement> {
  const digest = async (v: unknown) => (v === undefined ? null : sha256Hex(canonicalJson(v)));
  return ctx.d1
    .prepare(
      `INSERT INTO audit_log (id, at, actor_type, actor_id, action, entity_type, entity_id, request_id, before_digest, after_digest, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      newId("audit"),
      nowIso(),
      ctx.actor.type,
      ctx.actor.id,
      input.action,
      input.entityType,
      input.entityId,
      ctx.requestId,
      await digest(input.before),
      await digest(input.after),
      input.summary ? canonicalJson(input.summary) : null,
    );
}

interface AuditRow {
  seq: number;
  id: string;
  at: string;
  actor_type: string;
  actor_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  request_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  summary: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The hash of an entry given the previous entry's hash ("" for the first). */
export function entryHash(prevHash: string, row: AuditRow): Promise<string> {
  const { hash: _h, prev_hash: _p, ...fields } = row;
  return sha256Hex(prevHash + canonicalJson(fields));
}

/** Seals unsealed entries in seq order, chaining each to the previous. @returns how many were sealed. */
export async function sealAuditChain(d1: D1Database): Promise<number> {
  const last = await d1.prepare("SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1").first<{ hash: string }>();
  let prev = last?.hash ?? "";
  const open = await d1.prepare("SELECT * FROM audit_log WHERE hash IS NULL ORDER BY seq LIMIT 500").all<AuditRow>();
  if (open.results.length === 0) return 0;
  const updates: D1PreparedStatement[] = [];
  for (const row of open.results) {
    const hash = await entryHash(prev, row);
    updates.push(d1.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ? AND hash IS NULL").bind(prev, hash, row.seq));
    prev = hash;
  }
  await d1.batch(updates);
  return open.results.length;
}

/**
 * Walks the chain from the start and reports the first entry whose hash or link does not match.
 * @returns ok, how many entries were checked, and the first broken seq.
 */
export async function verifyAuditChain(d1: D1Database): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  let prev = "";
  let checked = 0;
  let after = 0;
  for (;;) {
    const page = await d1.prepare("SELECT * FROM audit_log WHERE seq > ? AND hash IS NOT NULL ORDER BY seq LIMIT 500").bind(after).all<AuditRow>();
    for (const row of page.results) {
      if (row.prev_hash !== prev || row.hash !== (await entryHash(prev, row))) return { ok: false, checked, brokenAt: row.seq };
      prev = row.hash;
      checked++;
      after = row.seq;
    }
    if (page.results.length < 500) return { ok: true, checked };
  }
}

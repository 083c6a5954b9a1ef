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
export async function auditStatement(
  ctx: Pick<ServiceContext, "d1" | "requestId"> & { actor: Pick<ServiceContext["actor"], "type" | "id"> },
  input: AuditInput,
): Promise<D1PreparedStatement> {
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

/** The chain head row's id: the table holds one row. */
const HEAD_ID = 1;
/** Entries sealed per batch (D1 batches stay small; the sealer loops). */
const SEAL_PAGE = 500;

/** The chain head: the last sealed seq and its hash, or null before the first seal. */
export async function auditChainHead(d1: D1Database): Promise<{ lastSeq: number; lastHash: string } | null> {
  const h = await d1
    .prepare("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = ?")
    .bind(HEAD_ID)
    .first<{ last_seq: number; last_hash: string }>();
  return h ? { lastSeq: h.last_seq, lastHash: h.last_hash } : null;
}

/**
 * Seals unsealed entries in seq order, chaining each to the previous, and moves the chain head
 * in the same batch. New entries link to the HEAD's hash, not to the newest sealed row, so a
 * deleted newest row cannot be papered over by the next seal. Deterministic: two sealers racing
 * write the same values (and the head only moves forward).
 * @returns how many entries were sealed.
 */
export async function sealAuditChain(d1: D1Database): Promise<number> {
  let total = 0;
  for (;;) {
    const head = await auditChainHead(d1);
    // Before any head exists (a tenant sealed before the head table), link to the newest sealed row.
    const last = head
      ? null
      : await d1.prepare("SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1").first<{ hash: string }>();
    let prev = head?.lastHash ?? last?.hash ?? "";
    const open = await d1
      .prepare("SELECT * FROM audit_log WHERE hash IS NULL AND seq > ? ORDER BY seq LIMIT ?")
      .bind(head?.lastSeq ?? 0, SEAL_PAGE)
      .all<AuditRow>();
    if (open.results.length === 0) return total;
    const updates: D1PreparedStatement[] = [];
    let lastSeq = 0;
    for (const row of open.results) {
      const hash = await entryHash(prev, row);
      updates.push(d1.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ? AND hash IS NULL").bind(prev, hash, row.seq));
      prev = hash;
      lastSeq = row.seq;
    }
    updates.push(
      d1
        .prepare(
          `INSERT INTO audit_chain_head (id, last_seq, last_hash, sealed_at) VALUES (?1, ?2, ?3, ?4)
           ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash, sealed_at = excluded.sealed_at
           WHERE excluded.last_seq > audit_chain_head.last_seq`,
        )
        .bind(HEAD_ID, lastSeq, prev, nowIso()),
    );
    await d1.batch(updates);
    total += open.results.length;
    if (open.results.length < SEAL_PAGE) return total;
  }
}

/** Why verification failed. */
export type AuditBreak =
  /** The entry's fields no longer hash to its stored hash: it was edited. */
  | "entry_altered"
  /** The entry does not link to the one before it: entries before it were deleted or rewritten. */
  | "link_broken"
  /** The chain ends before the head: the newest entries were deleted. */
  | "entries_missing"
  /** The newest entry's hash is not the head's: the tail was rewritten. */
  | "head_mismatch"
  /** Sealed entries exist but the head row is gone. */
  | "head_missing";

/** The outcome of {@link verifyAuditChain}. `brokenAt` is the seq of the first entry found altered or missing. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  reason?: AuditBreak;
}

/**
 * Walks the chain from the start and reports the first entry that was altered or is missing:
 * an entry whose fields do not hash to its hash (edited: that seq), an entry that does not link
 * to its predecessor (when seqs are missing before it, the first missing seq: a deleted entry),
 * or a chain that stops short of the head (the first missing seq after the last entry).
 * Unsealed entries are not checked; call {@link sealAuditChain} first.
 */
export async function verifyAuditChain(d1: D1Database): Promise<AuditVerification> {
  let prev = "";
  let prevSeq = 0;
  let checked = 0;
  for (;;) {
    const page = await d1
      .prepare("SELECT * FROM audit_log WHERE seq > ? AND hash IS NOT NULL ORDER BY seq LIMIT ?")
      .bind(prevSeq, SEAL_PAGE)
      .all<AuditRow>();
    for (const row of page.results) {
      if (row.prev_hash !== prev) {
        // A gap in seq means rows were deleted: name the first missing one.
        const deleted = row.seq > prevSeq + 1;
        return { ok: false, checked, brokenAt: deleted ? prevSeq + 1 : row.seq, reason: "link_broken" };
      }
      if (row.hash !== (await entryHash(prev, row))) return { ok: false, checked, brokenAt: row.seq, reason: "entry_altered" };
      prev = row.hash;
      prevSeq = row.seq;
      checked++;
    }
    if (page.results.length < SEAL_PAGE) break;
  }
  const head = await auditChainHead(d1);
  if (!head) return checked === 0 ? { ok: true, checked } : { ok: false, checked, brokenAt: prevSeq + 1, reason: "head_missing" };
  if (head.lastSeq > prevSeq) return { ok: false, checked, brokenAt: prevSeq + 1, reason: "entries_missing" };
  if (head.lastSeq === prevSeq && head.lastHash !== prev) return { ok: false, checked, brokenAt: prevSeq, reason: "head_mismatch" };
  return { ok: true, checked };
}

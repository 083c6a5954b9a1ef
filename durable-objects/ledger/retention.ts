/**
 * Retention of the ledger's bookkeeping rows (never of entries, balances or documents): sent
 * outbox events, acknowledged deliveries and stored idempotent results are kept for a window,
 * then pruned by the alarm so a busy store's object does not grow without bound.
 */

/** Sent outbox events and acknowledged deliveries are kept 7 days (room for replay and debugging). */
export const SENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * Idempotent results are kept 30 days: far past the HTTP layer's 24-hour Idempotency-Key window
 * (src/platform/http/idempotency.ts) and any offline POS terminal's retry horizon.
 */
export const OPERATION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Rows pruned per table per alarm, so one alarm stays short. */
export const PRUNE_BATCH = 1000;

/**
 * The pruning statements, each deleting up to {@link PRUNE_BATCH} rows older than its cut-off (an
 * ISO instant): sent outbox events and acknowledged deliveries past {@link SENT_RETENTION_MS}, stored
 * idempotent results past {@link OPERATION_RETENTION_MS}. Each inner SELECT reads an index (ledger
 * schema V3), so an alarm with nothing to prune costs a few index probes, not a table scan.
 */
export const PRUNE_STATEMENTS = [
  {
    window: SENT_RETENTION_MS,
    sql: "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT ?)",
  },
  {
    window: SENT_RETENTION_MS,
    sql: "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE state = 'done' AND delivered_at < ? LIMIT ?)",
  },
  {
    window: OPERATION_RETENTION_MS,
    sql: "DELETE FROM operations WHERE key IN (SELECT key FROM operations WHERE created_at < ? LIMIT ?)",
  },
] as const;

/** Prunes rows past their window (the alarm calls it). @returns how many rows were deleted. */
export function pruneLedger(sql: SqlStorage, now = Date.now()): number {
  let n = 0;
  for (const p of PRUNE_STATEMENTS) n += sql.exec(p.sql, new Date(now - p.window).toISOString(), PRUNE_BATCH).rowsWritten;
  return n;
}

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

/** Prunes rows past their window. @returns how many rows were deleted. */
export function pruneLedger(sql: SqlStorage, now = Date.now()): number {
  const sentBefore = new Date(now - SENT_RETENTION_MS).toISOString();
  const opsBefore = new Date(now - OPERATION_RETENTION_MS).toISOString();
  let n = 0;
  n += sql.exec(
    "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT ?)",
    sentBefore,
    PRUNE_BATCH,
  ).rowsWritten;
  n += sql.exec(
    "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE state = 'done' AND delivered_at < ? LIMIT ?)",
    sentBefore,
    PRUNE_BATCH,
  ).rowsWritten;
  n += sql.exec(
    "DELETE FROM operations WHERE key IN (SELECT key FROM operations WHERE created_at < ? LIMIT ?)",
    opsBefore,
    PRUNE_BATCH,
  ).rowsWritten;
  return n;
}

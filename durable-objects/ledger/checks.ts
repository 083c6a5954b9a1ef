/**
 * The check command (issue 3: "balances always equal the sum of the entries — a check command
 * proves it"). Recomputes on-hand from the entries and reserved from the active reservations,
 * and lists every (sku, batch) where the kept balance disagrees, plus any negative on-hand the
 * settings do not allow (and no flagged offline shortfall explains).
 */

/** A disagreement between a kept balance and what the ledger says. */
export interface BalanceMismatch {
  sku: string;
  batch: string;
  field: "on_hand" | "reserved";
  kept: number;
  fromLedger: number;
}

/** The result of {@link checkBalances}. `ok` is true when every list is empty. */
export interface BalanceCheck {
  ok: boolean;
  checkedRows: number;
  mismatches: BalanceMismatch[];
  /** (sku, batch) rows below zero where negative stock is not allowed (and no flagged shortfall explains it). */
  negatives: { sku: string; batch: string; onHand: number }[];
}

/** Runs the check. Read-only. */
export function checkBalances(sql: SqlStorage, storeAllowsNegative: boolean): BalanceCheck {
  const rows = sql
    .exec<{
      sku: string;
      batch: string;
      kept_on_hand: number | null;
      kept_reserved: number | null;
      ledger: number | null;
      held: number | null;
    }>(
      `WITH keys AS (
         SELECT sku, batch FROM balances UNION SELECT sku, batch FROM ledger_entries
         UNION SELECT l.sku, l.batch FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id AND r.state = 'active'
       )
       SELECT k.sku, k.batch, b.on_hand AS kept_on_hand, b.reserved AS kept_reserved,
              (SELECT SUM(qty) FROM ledger_entries e WHERE e.sku = k.sku AND e.batch = k.batch) AS ledger,
              (SELECT SUM(l.qty) FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
                WHERE r.state = 'active' AND l.sku = k.sku AND l.batch = k.batch) AS held
         FROM keys k LEFT JOIN balances b ON b.sku = k.sku AND b.batch = k.batch`,
    )
    .toArray();
  const mismatches: BalanceMismatch[] = [];
  for (const r of rows) {
    if ((r.kept_on_hand ?? 0) !== (r.ledger ?? 0)) {
      mismatches.push({ sku: r.sku, batch: r.batch, field: "on_hand", kept: r.kept_on_hand ?? 0, fromLedger: r.ledger ?? 0 });
    }
    if ((r.kept_reserved ?? 0) !== (r.held ?? 0)) {
      mismatches.push({ sku: r.sku, batch: r.batch, field: "reserved", kept: r.kept_reserved ?? 0, fromLedger: r.held ?? 0 });
    }
  }
  const negatives = sql
    .exec<{ sku: string; batch: string; on_hand: number }>(
      `SELECT b.sku, b.batch, b.on_hand FROM balances b LEFT JOIN sku_settings s ON s.sku = b.sku
        WHERE b.on_hand < 0 AND COALESCE(s.allow_negative, ?) = 0
          AND NOT EXISTS (SELECT 1 FROM shortfalls f WHERE f.sku = b.sku AND f.batch = b.batch AND f.resolved_at IS NULL)`,
      storeAllowsNegative ? 1 : 0,
    )
    .toArray()
    .map((r) => ({ sku: r.sku, batch: r.batch, onHand: r.on_hand }));
  return { ok: mismatches.length === 0 && negatives.length === 0, checkedRows: rows.length, mismatches, negatives };
}

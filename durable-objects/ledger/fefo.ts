/**
 * Batch picking: FEFO — first expiry, first out (issue 3) — unless the caller names a batch.
 * Batches without an expiry go after every dated batch, and the unbatched remainder ("") last;
 * ties break by batch number so picking is deterministic.
 */
import type { LedgerTx } from "./tx";

/** A quantity taken from one batch (and one serial, for serial-tracked SKUs). */
export interface Pick {
  batch: string;
  qty: number;
  serial?: string;
}

/**
 * Picks up to `qty` available units (on_hand − reserved) of `sku`, FEFO, or only from `batch`.
 * @returns the picks (summing to at most `qty`) and the total available that was considered.
 */
export function pickFefo(tx: LedgerTx, sku: string, qty: number, batch?: string): { picks: Pick[]; available: number } {
  const rows = tx.rows<{ batch: string; available: number }>(
    `SELECT b.batch, b.on_hand - b.reserved AS available
       FROM balances b LEFT JOIN batches x ON x.sku = b.sku AND x.batch = b.batch
      WHERE b.sku = ? AND (? IS NULL OR b.batch = ?) AND b.on_hand - b.reserved > 0
      ORDER BY b.batch = '' , x.expiry IS NULL, x.expiry, b.batch`,
    sku,
    batch ?? null,
    batch ?? null,
  );
  const picks: Pick[] = [];
  let left = qty;
  let available = 0;
  for (const r of rows) {
    available += r.available;
    if (left === 0) continue;
    const take = Math.min(left, r.available);
    picks.push({ batch: r.batch, qty: take });
    left -= take;
  }
  return { picks, available };
}

/** The expiry date (YYYY-MM-DD) of a batch, or null. */
export function batchExpiry(tx: LedgerTx, sku: string, batch: string): string | null {
  return tx.one<{ expiry: string | null }>("SELECT expiry FROM batches WHERE sku = ? AND batch = ?", sku, batch)?.expiry ?? null;
}

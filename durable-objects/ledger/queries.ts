/**
 * Reads of the ledger: stock on hand (with filters), movements (with a cursor), stock as of a
 * past instant (summed from the entries, the source of truth), and a transfer's state.
 */
import type { MovementsQuery, StockQuery } from "./inputs";
import { lowLine } from "./low-stock";
import type { PostedEntry } from "./tx";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** One batch of a SKU on hand. Quantities in the SKU's stock unit. */
export interface BatchStock {
  batch: string;
  expiry: string | null;
  onHand: number;
  reserved: number;
  available: number;
}

/** A SKU's stock: totals, thresholds and batches. */
export interface SkuStock {
  sku: string;
  unit: string;
  onHand: number;
  reserved: number;
  available: number;
  reorderPoint: number | null;
  lowThreshold: number | null;
  low: boolean;
  batches: BatchStock[];
}

/** Stock per SKU, filtered by sku, batch, low (at or below its threshold) and batches expiring before a date. */
export function getStock(sql: SqlStorage, q: Parsed<typeof StockQuery>): SkuStock[] {
  const rows = sql
    .exec<{
      sku: string;
      batch: string;
      expiry: string | null;
      on_hand: number;
      reserved: number;
      unit: string | null;
      reorder_point: number | null;
      low_threshold: number | null;
    }>(
      `SELECT b.sku, b.batch, x.expiry, b.on_hand, b.reserved, s.unit, s.reorder_point, s.low_threshold
         FROM balances b
         LEFT JOIN batches x ON x.sku = b.sku AND x.batch = b.batch
         LEFT JOIN sku_settings s ON s.sku = b.sku
        WHERE (?1 IS NULL OR b.sku = ?1) AND (?2 IS NULL OR b.batch = ?2)
          AND (?3 IS NULL OR (x.expiry IS NOT NULL AND x.expiry < ?3 AND b.on_hand <> 0))
        ORDER BY b.sku, x.expiry IS NULL, x.expiry, b.batch`,
      q.sku ?? null,
      q.batch ?? null,
      q.expiringBefore ?? null,
    )
    .toArray();
  const bySku = new Map<string, SkuStock>();
  for (const r of rows) {
    let s = bySku.get(r.sku);
    if (!s) {
      s = {
        sku: r.sku,
        unit: r.unit ?? "each",
        onHand: 0,
        reserved: 0,
        available: 0,
        reorderPoint: r.reorder_point,
        lowThreshold: r.low_threshold,
        low: false,
        batches: [],
      };
      bySku.set(r.sku, s);
    }
    s.onHand += r.on_hand;
    s.reserved += r.reserved;
    s.available += r.on_hand - r.reserved;
    s.batches.push({ batch: r.batch, expiry: r.expiry, onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved });
  }
  const out = [...bySku.values()];
  for (const s of out) {
    const line = lowLine({ low_threshold: s.lowThreshold, reorder_point: s.reorderPoint });
    // `low` judges the SKU's whole on-hand, even when a batch filter narrowed the rows shown.
    const total = sql.exec<{ q: number }>("SELECT COALESCE(SUM(on_hand), 0) AS q FROM balances WHERE sku = ?", s.sku).one().q;
    s.low = line !== null && total <= line;
  }
  return q.low === undefined ? out : out.filter((s) => s.low === q.low);
}

type EntryRow = Record<string, SqlStorageValue>;

/** Maps a ledger_entries row to a {@link PostedEntry}. */
export function toEntry(r: EntryRow): PostedEntry {
  return {
    entryId: r.id as string,
    seq: r.seq as number,
    sku: r.sku as string,
    batch: r.batch as string,
    serial: (r.serial as string | null) ?? null,
    qty: r.qty as number,
    kind: r.kind as PostedEntry["kind"],
    reason: (r.reason as string | null) ?? null,
    documentType: r.document_type as string,
    documentId: r.document_id as string,
    unitCost: r.unit_cost as number,
    costTotal: r.cost_total as number,
    postedAt: r.posted_at as string,
    actor: r.actor as string,
    flagged: r.flagged === 1,
  };
}

/** Movements (ledger entries) newest first, filtered; `nextCursor` continues after the last one. */
export function movements(sql: SqlStorage, q: Parsed<typeof MovementsQuery>): { items: PostedEntry[]; nextCursor: string | null } {
  const rows = sql
    .exec<EntryRow>(
      `SELECT * FROM ledger_entries
        WHERE (?1 IS NULL OR sku = ?1) AND (?2 IS NULL OR batch = ?2) AND (?3 IS NULL OR kind = ?3)
          AND (?4 IS NULL OR document_id = ?4) AND (?5 IS NULL OR posted_at >= ?5) AND (?6 IS NULL OR posted_at < ?6)
          AND (?7 IS NULL OR seq < ?7)
        ORDER BY seq DESC LIMIT ?8`,
      q.sku ?? null,
      q.batch ?? null,
      q.kind ?? null,
      q.documentId ?? null,
      q.from ? new Date(q.from).toISOString() : null,
      q.to ? new Date(q.to).toISOString() : null,
      q.cursor ? Number(q.cursor) : null,
      q.limit + 1,
    )
    .toArray();
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map(toEntry);
  return { items, nextCursor: more ? String(items[items.length - 1]!.seq) : null };
}

/**
 * On-hand per SKU and batch as of `instant` (inclusive), summed from the entries — the ledger,
 * not the balances, so it holds for any past instant. Rows that net to zero are left out.
 */
export function stockAsOf(sql: SqlStorage, instant: string, sku?: string): { sku: string; batch: string; onHand: number }[] {
  return sql
    .exec<{ sku: string; batch: string; on_hand: number }>(
      `SELECT sku, batch, SUM(qty) AS on_hand FROM ledger_entries
        WHERE posted_at <= ?1 AND (?2 IS NULL OR sku = ?2)
        GROUP BY sku, batch HAVING SUM(qty) <> 0 ORDER BY sku, batch`,
      new Date(instant).toISOString(),
      sku ?? null,
    )
    .toArray()
    .map((r) => ({ sku: r.sku, batch: r.batch, onHand: r.on_hand }));
}

/**
 * The store ledger's SQLite schema (Durable Object storage), as an ordered list of migrations.
 * The constructor runs {@link migrateLedger} inside blockConcurrencyWhile, so no call sees a
 * half-made schema. The applied version is the `schema_version` row of `meta`; a later change
 * appends a migration and never edits an applied one.
 *
 * Quantities are integers in the SKU's smallest stock unit (e.g. grams, or "each"); money is an
 * integer in minor units (paise); instants are ISO 8601 UTC strings (fixed width, so they sort).
 */

/** One migration: the version it brings the schema to and its DDL. */
export interface LedgerMigration {
  version: number;
  sql: string;
}

/** The ledger entry kinds (issue 3: receipt, sale, return, adjustment, transfer_out, transfer_in, count). */
export const ENTRY_KINDS = ["receipt", "sale", "return", "adjustment", "transfer_out", "transfer_in", "count"] as const;
/** A ledger entry kind. */
export type EntryKind = (typeof ENTRY_KINDS)[number];

const V1 = `
CREATE TABLE IF NOT EXISTS ledger_entries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  serial TEXT,
  qty INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${ENTRY_KINDS.map((k) => `'${k}'`).join(",")})),
  reason TEXT,
  document_type TEXT NOT NULL,
  document_id TEXT NOT NULL,
  unit_cost INTEGER NOT NULL,
  cost_total INTEGER NOT NULL,
  posted_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  idempotency_key TEXT,
  flagged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ledger_entries_sku_idx ON ledger_entries (sku, batch, seq);
CREATE INDEX IF NOT EXISTS ledger_entries_posted_idx ON ledger_entries (posted_at);
CREATE INDEX IF NOT EXISTS ledger_entries_document_idx ON ledger_entries (document_type, document_id);
CREATE TABLE IF NOT EXISTS balances (
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  on_hand INTEGER NOT NULL DEFAULT 0,
  reserved INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (sku, batch)
);
CREATE TABLE IF NOT EXISTS batches (
  sku TEXT NOT NULL,
  batch TEXT NOT NULL,
  expiry TEXT,
  first_received_at TEXT NOT NULL,
  PRIMARY KEY (sku, batch)
);
CREATE TABLE IF NOT EXISTS serials (
  serial TEXT PRIMARY KEY,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('in_stock','reserved','sold','in_transit','transferred','written_off')),
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS serials_sku_idx ON serials (sku, state);
CREATE TABLE IF NOT EXISTS cost_layers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sku TEXT NOT NULL,
  entry_seq INTEGER NOT NULL,
  qty_remaining INTEGER NOT NULL,
  unit_cost INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS cost_layers_sku_idx ON cost_layers (sku, id) WHERE qty_remaining > 0;
CREATE TABLE IF NOT EXISTS valuation_state (
  sku TEXT PRIMARY KEY,
  qty INTEGER NOT NULL DEFAULT 0,
  value INTEGER NOT NULL DEFAULT 0,
  last_unit_cost INTEGER NOT NULL DEFAULT 0,
  deficit_qty INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sku_settings (
  sku TEXT PRIMARY KEY,
  unit TEXT NOT NULL DEFAULT 'each',
  allow_negative INTEGER,
  reorder_point INTEGER,
  low_threshold INTEGER,
  low_armed INTEGER NOT NULL DEFAULT 1,
  serial_tracked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS reservations (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('active','released','expired','committed')),
  expires_at INTEGER NOT NULL,
  document_type TEXT,
  document_id TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX IF NOT EXISTS reservations_active_idx ON reservations (expires_at) WHERE state = 'active';
CREATE TABLE IF NOT EXISTS reservation_lines (
  reservation_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL,
  PRIMARY KEY (reservation_id, sku, batch)
);
CREATE TABLE IF NOT EXISTS transfers_out (
  id TEXT PRIMARY KEY,
  to_store TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('requested','approved','in_transit','received','closed','cancelled')),
  lines TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  approved_by TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transfer_out_allocations (
  transfer_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  expiry TEXT,
  qty INTEGER NOT NULL,
  unit_cost INTEGER NOT NULL,
  received_qty INTEGER NOT NULL DEFAULT 0,
  returned_qty INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (transfer_id, sku, batch, serial)
);
CREATE TABLE IF NOT EXISTS transfers_in (
  id TEXT PRIMARY KEY,
  from_store TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_transit','received','closed')),
  receipts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transfer_in_lines (
  transfer_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  expiry TEXT,
  qty_expected INTEGER NOT NULL,
  qty_received INTEGER NOT NULL DEFAULT 0,
  unit_cost INTEGER NOT NULL,
  PRIMARY KEY (transfer_id, sku, batch, serial)
);
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  target_store TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_pending_idx ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE TABLE IF NOT EXISTS counts (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('open','posted','cancelled')),
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  posted_at TEXT
);
CREATE TABLE IF NOT EXISTS count_lines (
  count_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  expected INTEGER NOT NULL,
  counted INTEGER,
  PRIMARY KEY (count_id, sku, batch)
);
CREATE TABLE IF NOT EXISTS operations (
  key TEXT PRIMARY KEY,
  op TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  version INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (seq) WHERE sent_at IS NULL;
CREATE TABLE IF NOT EXISTS shortfalls (
  entry_id TEXT PRIMARY KEY,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL,
  qty_short INTEGER NOT NULL,
  document_type TEXT NOT NULL,
  document_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT
);
`;

/**
 * V2: what came back from each sale, per batch (and serial), so a return restocks to the batches
 * the sale took the units from and a later return of the same sale never restocks a batch twice.
 */
const V2 = `
CREATE TABLE IF NOT EXISTS sale_returns (
  sale_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL,
  serial TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL,
  PRIMARY KEY (sale_id, sku, batch, serial)
);
`;

/**
 * V3: indexes for the alarm's pruning (retention.ts). Without them each alarm — one per committed
 * sale — scanned the whole outbox, deliveries and operations tables to find nothing past its window:
 * 19 % of the Worker's CPU after 1,500 invoices of the real-data replay, growing with every sale.
 */
const V3 = `
CREATE INDEX IF NOT EXISTS outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS deliveries_done_idx ON deliveries (delivered_at) WHERE state = 'done';
CREATE INDEX IF NOT EXISTS operations_created_idx ON operations (created_at);
`;

/** Every migration, in order. Append only. */
export const LEDGER_MIGRATIONS: readonly LedgerMigration[] = [
  { version: 1, sql: V1 },
  { version: 2, sql: V2 },
  { version: 3, sql: V3 },
];

/** The schema version this code expects. */
export const LEDGER_SCHEMA_VERSION = LEDGER_MIGRATIONS[LEDGER_MIGRATIONS.length - 1]!.version;

/**
 * Brings the ledger schema up to {@link LEDGER_SCHEMA_VERSION} in one transaction.
 * @returns the version before migrating (0 for a new object).
 */
export function migrateLedger(storage: DurableObjectStorage): number {
  return storage.transactionSync(() => {
    const sql = storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
    const from = row ? Number(row.value) : 0;
    for (const m of LEDGER_MIGRATIONS) {
      if (m.version <= from) continue;
      sql.exec(m.sql);
    }
    if (from < LEDGER_SCHEMA_VERSION) {
      sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", String(LEDGER_SCHEMA_VERSION));
    }
    return from;
  });
}

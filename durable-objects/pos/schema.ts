/**
 * The point-of-sale tables of a store's Durable Object, beside the ledger's (ledger/schema.ts):
 * document number series, sales with their invoice, lines with returned quantities, tenders,
 * returns with their credit note, and receivables (udhaar). Versioned in `meta` under its own key
 * (`pos_schema_version`) so the ledger's migrations stay untouched; applied once per object
 * instance before the first POS call (append-only list, never edit an applied migration).
 */

const V1 = `
CREATE TABLE IF NOT EXISTS pos_series (
  series TEXT NOT NULL,
  fy_code TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (series, fy_code)
);
CREATE TABLE IF NOT EXISTS pos_sales (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL UNIQUE,
  invoice_number TEXT NOT NULL UNIQUE,
  fy_code TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  customer_phone TEXT,
  grand_total INTEGER NOT NULL,
  document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pos_sale_lines (
  sale_id TEXT NOT NULL,
  line_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  kind TEXT NOT NULL,
  qty INTEGER NOT NULL,
  returned_qty INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sale_id, line_id)
);
CREATE TABLE IF NOT EXISTS pos_tenders (
  sale_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  amount INTEGER NOT NULL,
  refunded INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sale_id, idx)
);
CREATE TABLE IF NOT EXISTS pos_returns (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL,
  credit_note_id TEXT NOT NULL UNIQUE,
  credit_note_number TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pos_returns_sale_idx ON pos_returns (sale_id);
CREATE TABLE IF NOT EXISTS pos_receivables (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_phone TEXT NOT NULL,
  amount INTEGER NOT NULL,
  document_type TEXT NOT NULL,
  document_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pos_receivables_phone_idx ON pos_receivables (customer_phone);
`;

/**
 * V2: a return without a receipt (durable-objects/pos/unreceipted.ts) has no sale, so
 * pos_returns.sale_id becomes nullable. SQLite cannot drop a NOT NULL constraint in place: the
 * table is rebuilt with its rows, and its index made again.
 */
const V2 = `
CREATE TABLE pos_returns_v2 (
  id TEXT PRIMARY KEY,
  sale_id TEXT,
  credit_note_id TEXT NOT NULL UNIQUE,
  credit_note_number TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  document TEXT NOT NULL
);
INSERT INTO pos_returns_v2 (id, sale_id, credit_note_id, credit_note_number, issued_at, document)
  SELECT id, sale_id, credit_note_id, credit_note_number, issued_at, document FROM pos_returns;
DROP TABLE pos_returns;
ALTER TABLE pos_returns_v2 RENAME TO pos_returns;
CREATE INDEX IF NOT EXISTS pos_returns_sale_idx ON pos_returns (sale_id);
`;

/** POS migrations in order. Append only. */
export const POS_MIGRATIONS: readonly { version: number; sql: string }[] = [
  { version: 1, sql: V1 },
  { version: 2, sql: V2 },
];

const ready = new WeakSet<DurableObjectStorage>();

/**
 * Brings the POS tables up to the newest version (once per object instance; later calls return at
 * once). Runs in its own transaction; the ledger's `meta` table already exists (constructor).
 */
export function ensurePosSchema(storage: DurableObjectStorage): void {
  if (ready.has(storage)) return;
  storage.transactionSync(() => {
    const sql = storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'pos_schema_version'").toArray()[0];
    const from = row ? Number(row.value) : 0;
    for (const m of POS_MIGRATIONS) if (m.version > from) sql.exec(m.sql);
    const to = POS_MIGRATIONS.at(-1)?.version ?? 0;
    if (from < to) sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('pos_schema_version', ?)", String(to));
  });
  ready.add(storage);
}

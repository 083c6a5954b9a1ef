/**
 * The terminal tables of a store's Durable Object, beside the ledger's and the POS's: paired
 * devices (token hashes only), shifts (regular and rescue sessions) with their cash movements,
 * carts (active and held), and the record of every terminal sale keyed by its client id — the
 * key that makes sync idempotent. Versioned in `meta` under `terminal_schema_version`, applied
 * once per object instance (append-only list, never edit an applied migration).
 */

const V1 = `
CREATE TABLE IF NOT EXISTS terminals (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  last_seen_at TEXT
);
CREATE TABLE IF NOT EXISTS terminal_shifts (
  id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('regular', 'rescue')),
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opening_float INTEGER NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  report TEXT
);
CREATE INDEX IF NOT EXISTS terminal_shifts_open_idx ON terminal_shifts (terminal_id, kind, closed_at);
CREATE TABLE IF NOT EXISTS terminal_cash_moves (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  shift_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash_in', 'cash_out')),
  amount INTEGER NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS terminal_cash_moves_shift_idx ON terminal_cash_moves (shift_id);
CREATE TABLE IF NOT EXISTS terminal_carts (
  id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'held')),
  label TEXT,
  lines TEXT NOT NULL,
  next_line INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS terminal_carts_terminal_idx ON terminal_carts (terminal_id, state);
CREATE TABLE IF NOT EXISTS terminal_sales (
  client_sale_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  device_seq INTEGER,
  client_time TEXT,
  shift_id TEXT NOT NULL,
  sale_id TEXT NOT NULL UNIQUE,
  invoice_number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'flagged')),
  rescued INTEGER NOT NULL DEFAULT 0,
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS terminal_sales_shift_idx ON terminal_sales (shift_id);
`;

/** Terminal migrations in order. Append only. */
export const TERMINAL_MIGRATIONS: readonly { version: number; sql: string }[] = [{ version: 1, sql: V1 }];

const ready = new WeakSet<DurableObjectStorage>();

/** Brings the terminal tables up to the newest version (once per object instance). */
export function ensureTerminalSchema(storage: DurableObjectStorage): void {
  if (ready.has(storage)) return;
  storage.transactionSync(() => {
    const sql = storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'terminal_schema_version'").toArray()[0];
    const from = row ? Number(row.value) : 0;
    for (const m of TERMINAL_MIGRATIONS) if (m.version > from) sql.exec(m.sql);
    const to = TERMINAL_MIGRATIONS.at(-1)?.version ?? 0;
    if (from < to) sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('terminal_schema_version', ?)", String(to));
  });
  ready.add(storage);
}

/**
 * Shifts (register sessions) of a terminal: opened with a float, cash paid in and out, sales
 * attached by the terminal-sales record, closed with the counted money per tender into a
 * Z-report of expected versus counted. A terminal has at most one open regular shift. A sale that
 * reaches the server after its shift closed (an offline sale synced late) goes to the terminal's
 * rescue session — a shift of kind `rescue` opened on demand with no float, closed by a manager
 * like any other — so the closed shift's report never changes after the fact (the Odoo POS
 * "rescue session" fix, odoo/odoo#40567).
 *
 * All functions are synchronous over the object's SQLite and run inside the caller's transaction.
 */

import { newId, nowIso } from "../../src/platform/ids";
import type { TenderType } from "../pos/documents";
import { TENDER_TYPES } from "../pos/documents";

/** A shift as the protocol shows it. */
export interface Shift {
  shiftId: string;
  terminalId: string;
  kind: "regular" | "rescue";
  openedAt: string;
  openedBy: string;
  openingFloat: number;
  closedAt: string | null;
}

/** Money per tender type, minor units. */
export type ByTender = Record<TenderType, number>;

/**
 * The Z-report of a shift. Expected cash = opening float + cash sales − cash refunds + cash in −
 * cash out; every other tender's expected amount is its sales total. Variance = counted −
 * expected (negative: short). All amounts minor units.
 */
export interface ZReport {
  shiftId: string;
  terminalId: string;
  kind: "regular" | "rescue";
  openedAt: string;
  closedAt: string;
  openingFloat: number;
  salesCount: number;
  flaggedSales: number;
  /** What the shift's sales took per tender; cash is what stayed in the drawer (tendered − change). */
  salesByTender: ByTender;
  cashRefunds: number;
  cashIn: number;
  cashOut: number;
  expected: ByTender;
  counted: ByTender;
  variance: ByTender;
}

type Row = {
  id: string;
  terminal_id: string;
  kind: "regular" | "rescue";
  opened_at: string;
  opened_by: string;
  opening_float: number;
  closed_at: string | null;
};

function toShift(r: Row): Shift {
  return {
    shiftId: r.id,
    terminalId: r.terminal_id,
    kind: r.kind,
    openedAt: r.opened_at,
    openedBy: r.opened_by,
    openingFloat: r.opening_float,
    closedAt: r.closed_at,
  };
}

/** Tenders with nothing to count at close (no money, no settlement slip). */
export const UNCOUNTED_TENDERS: readonly TenderType[] = ["store_credit", "udhaar"];

function zero(): ByTender {
  return Object.fromEntries(TENDER_TYPES.map((t) => [t, 0])) as ByTender;
}

/** A shift by id, or null. */
export function getShift(sql: SqlStorage, shiftId: string): Shift | null {
  const r = sql.exec<Row>("SELECT * FROM terminal_shifts WHERE id = ?", shiftId).toArray()[0];
  return r ? toShift(r) : null;
}

/** The terminal's open shift of `kind`, or null. */
export function openShiftOf(sql: SqlStorage, terminalId: string, kind: Shift["kind"] = "regular"): Shift | null {
  const r = sql
    .exec<Row>(
      "SELECT * FROM terminal_shifts WHERE terminal_id = ? AND kind = ? AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1",
      terminalId,
      kind,
    )
    .toArray()[0];
  return r ? toShift(r) : null;
}

function insertShift(sql: SqlStorage, terminalId: string, kind: Shift["kind"], actor: string, openingFloat: number): Shift {
  const shift: Shift = { shiftId: newId("shift"), terminalId, kind, openedAt: nowIso(), openedBy: actor, openingFloat, closedAt: null };
  sql.exec(
    "INSERT INTO terminal_shifts (id, terminal_id, kind, opened_at, opened_by, opening_float) VALUES (?, ?, ?, ?, ?, ?)",
    shift.shiftId,
    terminalId,
    kind,
    shift.openedAt,
    actor,
    openingFloat,
  );
  return shift;
}

/** Opens a regular shift with `openingFloat` (minor units) in the drawer. @returns null when one is already open. */
export function openShift(sql: SqlStorage, terminalId: string, actor: string, openingFloat: number): Shift | null {
  if (openShiftOf(sql, terminalId)) return null;
  return insertShift(sql, terminalId, "regular", actor, openingFloat);
}

/** The terminal's open rescue session, opened now (no float) when there is none. */
export function rescueShift(sql: SqlStorage, terminalId: string, actor: string): Shift {
  return openShiftOf(sql, terminalId, "rescue") ?? insertShift(sql, terminalId, "rescue", actor, 0);
}

/** Records cash paid into (cash_in) or taken out of (cash_out) the drawer during a shift. */
export function moveCash(
  sql: SqlStorage,
  shiftId: string,
  kind: "cash_in" | "cash_out",
  amount: number,
  reason: string,
  actor: string,
): void {
  sql.exec(
    "INSERT INTO terminal_cash_moves (shift_id, kind, amount, reason, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
    shiftId,
    kind,
    amount,
    reason,
    nowIso(),
    actor,
  );
}

/**
 * Cash refunded from this drawer while the shift was open: returns of this terminal's sales
 * issued between the shift's opening and `until` (returns are not yet taken over the socket, so
 * a return of a terminal's sale is deemed paid from that terminal's drawer).
 */
function cashRefunds(sql: SqlStorage, shift: Shift, until: string): number {
  const rows = sql
    .exec<{ document: string }>(
      `SELECT r.document FROM pos_returns r JOIN terminal_sales s ON s.sale_id = r.sale_id
       WHERE s.terminal_id = ? AND r.issued_at >= ? AND r.issued_at <= ?`,
      shift.terminalId,
      shift.openedAt,
      until,
    )
    .toArray();
  let total = 0;
  for (const r of rows) {
    const doc = JSON.parse(r.document) as { refunds: { type: string; amount: number }[] };
    for (const f of doc.refunds) if (f.type === "cash") total += f.amount;
  }
  return total;
}

/** The figures of a shift as of `until` (its Z-report once `counted` is the final count). */
export function zReport(sql: SqlStorage, shift: Shift, counted: Partial<ByTender>, until: string): ZReport {
  const salesByTender = zero();
  for (const r of sql
    .exec<{ type: TenderType; total: number }>(
      "SELECT t.type, SUM(t.amount) AS total FROM pos_tenders t JOIN terminal_sales s ON s.sale_id = t.sale_id WHERE s.shift_id = ? GROUP BY t.type",
      shift.shiftId,
    )
    .toArray())
    salesByTender[r.type] = r.total;
  const n = sql
    .exec<{ n: number; flagged: number }>(
      "SELECT COUNT(*) AS n, COALESCE(SUM(status = 'flagged'), 0) AS flagged FROM terminal_sales WHERE shift_id = ?",
      shift.shiftId,
    )
    .one();
  const moves = sql
    .exec<{ kind: string; total: number }>(
      "SELECT kind, SUM(amount) AS total FROM terminal_cash_moves WHERE shift_id = ? GROUP BY kind",
      shift.shiftId,
    )
    .toArray();
  const cashIn = moves.find((m) => m.kind === "cash_in")?.total ?? 0;
  const cashOut = moves.find((m) => m.kind === "cash_out")?.total ?? 0;
  const refunds = cashRefunds(sql, shift, until);

  const expected = { ...salesByTender };
  expected.cash = shift.openingFloat + salesByTender.cash - refunds + cashIn - cashOut;
  const count = { ...zero(), ...counted };
  // Store credit and udhaar leave no money or slip to count: uncounted, they match what was sold.
  for (const t of UNCOUNTED_TENDERS) if (counted[t] === undefined) count[t] = expected[t];
  const variance = zero();
  for (const t of TENDER_TYPES) variance[t] = count[t] - expected[t];
  return {
    shiftId: shift.shiftId,
    terminalId: shift.terminalId,
    kind: shift.kind,
    openedAt: shift.openedAt,
    closedAt: until,
    openingFloat: shift.openingFloat,
    salesCount: n.n,
    flaggedSales: n.flagged,
    salesByTender,
    cashRefunds: refunds,
    cashIn,
    cashOut,
    expected,
    counted: count,
    variance,
  };
}

/** Closes a shift with the counted money per tender. @returns its Z-report (stored with the shift). */
export function closeShift(sql: SqlStorage, shift: Shift, counted: Partial<ByTender>, actor: string): ZReport {
  const at = nowIso();
  const report = zReport(sql, shift, counted, at);
  sql.exec(
    "UPDATE terminal_shifts SET closed_at = ?, closed_by = ?, report = ? WHERE id = ?",
    at,
    actor,
    JSON.stringify(report),
    shift.shiftId,
  );
  return report;
}

/**
 * Reservations: stock held for a while (a cart, a quote, a pickup). Reserving moves
 * `balances.reserved` (available = on_hand − reserved) on the batches picked FEFO; release or
 * expiry gives it back; commit turns it into sale entries on exactly those batches. Lapsed
 * reservations are released by the alarm ({@link expireReservations}).
 */
import { newId } from "../../src/platform/ids";
import { pickFefo } from "./fefo";
import type { ReservationActionInput, ReserveInput } from "./inputs";
import { isSerialTracked } from "./issue";
import type { LedgerTx, PostedEntry, Shortfall } from "./tx";
import { refuse } from "./tx";
import { costOutgoing, roundHalfUpDiv } from "./valuation";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** A reservation as results show it; `expiresAt` is an ISO instant. */
export interface ReservationView {
  reservationId: string;
  state: "active" | "released" | "expired" | "committed";
  expiresAt: string;
  lines: { sku: string; batch: string; qty: number }[];
}

function view(tx: LedgerTx, id: string): ReservationView {
  const r = tx.one<{ state: ReservationView["state"]; expires_at: number }>("SELECT state, expires_at FROM reservations WHERE id = ?", id);
  if (!r) refuse("not_found", `Reservation ${id} not found`);
  const lines = tx.rows<{ sku: string; batch: string; qty: number }>(
    "SELECT sku, batch, qty FROM reservation_lines WHERE reservation_id = ? ORDER BY sku, batch",
    id,
  );
  return { reservationId: id, state: r.state, expiresAt: new Date(r.expires_at).toISOString(), lines };
}

/** Holds stock for `ttlSeconds`. @throws Refusal insufficient_stock (reservations never go negative). */
export function reserve(tx: LedgerTx, input: Parsed<typeof ReserveInput>): ReservationView {
  const id = input.reservationId ?? newId("reservation");
  if (tx.one("SELECT 1 AS x FROM reservations WHERE id = ?", id)) refuse("conflict", `Reservation ${id} exists`);
  const expiresAt = tx.nowMs + input.ttlSeconds * 1000;
  tx.run(
    "INSERT INTO reservations (id, state, expires_at, document_type, document_id, actor, created_at) VALUES (?, 'active', ?, ?, ?, ?, ?)",
    id,
    expiresAt,
    input.document?.type ?? null,
    input.document?.id ?? null,
    tx.actor,
    tx.now,
  );
  const shortfalls: Shortfall[] = [];
  for (const line of input.lines) {
    // A reservation holds quantities, not serials: a serial-tracked SKU is sold by serial instead.
    if (isSerialTracked(tx, line.sku))
      refuse("validation_failed", `${line.sku} is serial-tracked: sell it by serial rather than reserve it`);
    const { picks, available } = pickFefo(tx, line.sku, line.qty, line.batch);
    const got = picks.reduce((n, p) => n + p.qty, 0);
    if (got < line.qty) {
      shortfalls.push({
        sku: line.sku,
        ...(line.batch ? { batch: line.batch } : {}),
        requested: line.qty,
        available,
        short: line.qty - got,
      });
      continue;
    }
    for (const p of picks) {
      tx.addReserved(line.sku, p.batch, p.qty);
      tx.run(
        `INSERT INTO reservation_lines (reservation_id, sku, batch, qty) VALUES (?, ?, ?, ?)
         ON CONFLICT (reservation_id, sku, batch) DO UPDATE SET qty = qty + excluded.qty`,
        id,
        line.sku,
        p.batch,
        p.qty,
      );
    }
  }
  if (shortfalls.length > 0) refuse("insufficient_stock", "Not enough available stock to reserve", { shortfall: shortfalls });
  const v = view(tx, id);
  tx.emit("stock.reserved", { ...v });
  return v;
}

/** Gives a reservation's stock back and closes it as `state` (released or expired). */
function close(tx: LedgerTx, id: string, state: "released" | "expired"): void {
  for (const l of tx.rows<{ sku: string; batch: string; qty: number }>(
    "SELECT sku, batch, qty FROM reservation_lines WHERE reservation_id = ?",
    id,
  )) {
    tx.addReserved(l.sku, l.batch, -l.qty);
  }
  tx.run("UPDATE reservations SET state = ?, closed_at = ? WHERE id = ?", state, tx.now, id);
  tx.emit(state === "released" ? "stock.reservation_released" : "stock.reservation_expired", { reservationId: id });
}

function active(tx: LedgerTx, id: string): { expires_at: number } {
  const r = tx.one<{ state: string; expires_at: number }>("SELECT state, expires_at FROM reservations WHERE id = ?", id);
  if (!r) refuse("not_found", `Reservation ${id} not found`);
  if (r.state === "expired" || (r.state === "active" && r.expires_at <= tx.nowMs))
    refuse("reservation_expired", `Reservation ${id} has lapsed`);
  if (r.state !== "active") refuse("conflict", `Reservation ${id} is ${r.state}`);
  return r;
}

/** Releases an active reservation. @throws Refusal not_found, conflict, reservation_expired. */
export function releaseReservation(tx: LedgerTx, input: Parsed<typeof ReservationActionInput>): ReservationView {
  active(tx, input.reservationId);
  close(tx, input.reservationId, "released");
  return view(tx, input.reservationId);
}

/**
 * Commits an active, unexpired reservation as a sale on the reserved batches (document: the
 * given saleId, else the reservation id), recording COGS. @throws Refusal reservation_expired.
 */
export function commitReservation(
  tx: LedgerTx,
  input: Parsed<typeof ReservationActionInput>,
): ReservationView & { entries: PostedEntry[]; costTotal: number } {
  active(tx, input.reservationId);
  const saleId = input.saleId ?? input.reservationId;
  const entries: PostedEntry[] = [];
  for (const l of tx.rows<{ sku: string; batch: string; qty: number }>(
    "SELECT sku, batch, qty FROM reservation_lines WHERE reservation_id = ? ORDER BY sku, batch",
    input.reservationId,
  )) {
    tx.addReserved(l.sku, l.batch, -l.qty);
    const cost = costOutgoing(tx, l.sku, l.qty);
    entries.push(
      tx.post({
        sku: l.sku,
        batch: l.batch,
        qty: -l.qty,
        kind: "sale",
        documentType: "sale",
        documentId: saleId,
        unitCost: roundHalfUpDiv(cost, l.qty),
        costTotal: cost,
      }),
    );
  }
  tx.run("UPDATE reservations SET state = 'committed', closed_at = ? WHERE id = ?", tx.now, input.reservationId);
  tx.emit("stock.reservation_committed", { reservationId: input.reservationId, saleId });
  return { ...view(tx, input.reservationId), entries, costTotal: entries.reduce((n, e) => n + e.costTotal, 0) };
}

/** Expires every active reservation whose time is up (run by the alarm). @returns how many. */
export function expireReservations(tx: LedgerTx): number {
  const due = tx.rows<{ id: string }>(
    "SELECT id FROM reservations WHERE state = 'active' AND expires_at <= ? ORDER BY expires_at LIMIT 500",
    tx.nowMs,
  );
  for (const r of due) close(tx, r.id, "expired");
  return due.length;
}

/** The earliest expiry of an active reservation (ms since epoch), or null. */
export function nextReservationExpiry(sql: SqlStorage): number | null {
  const r = sql.exec<{ t: number | null }>("SELECT MIN(expires_at) AS t FROM reservations WHERE state = 'active'").one();
  return r.t ?? null;
}

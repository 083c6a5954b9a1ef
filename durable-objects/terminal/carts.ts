/**
 * Carts of a terminal, kept in the store object so a till that reconnects (or a second device of
 * the same terminal) finds its cart as it left it. A terminal has one active cart and up to
 * {@link MAX_HELD_CARTS} held ones: hold parks the active cart and starts an empty one; recall
 * makes a held cart active again (parking the current one first when it has lines). Lines carry
 * what the HTTP checkout takes (sku or barcode, quantity, keyed price, discount); prices are
 * computed at checkout, never stored in the cart, so a price change reaches the next sale.
 */
import type { z } from "zod";
import type { DiscountIn, SaleLineIn } from "../../src/domains/sales/schemas";
import { newId, nowIso } from "../../src/platform/ids";
import { MAX_HELD_CARTS } from "./protocol";

/** A cart line: a checkout line with a cart-local id ("c1", "c2", …). */
export type CartLine = z.infer<typeof SaleLineIn> & { lineId: string };

/** A cart as the protocol shows it. */
export interface Cart {
  cartId: string;
  state: "active" | "held";
  label: string | null;
  lines: CartLine[];
  updatedAt: string;
}

/** A cart refusal: the code and detail of the error frame. */
export type CartResult = { ok: true; cart: Cart } | { ok: false; code: "not_found" | "conflict"; detail: string };

type Row = { id: string; state: "active" | "held"; label: string | null; lines: string; next_line: number; updated_at: string };

function toCart(r: Row): Cart {
  return { cartId: r.id, state: r.state, label: r.label, lines: JSON.parse(r.lines) as CartLine[], updatedAt: r.updated_at };
}

function row(sql: SqlStorage, terminalId: string, state: "active"): Row | undefined {
  return sql.exec<Row>("SELECT * FROM terminal_carts WHERE terminal_id = ? AND state = ? LIMIT 1", terminalId, state).toArray()[0];
}

/** The terminal's active cart, created empty when it has none. */
export function activeCart(sql: SqlStorage, terminalId: string): Cart {
  const r = row(sql, terminalId, "active");
  if (r) return toCart(r);
  const cart: Cart = { cartId: newId("cart"), state: "active", label: null, lines: [], updatedAt: nowIso() };
  sql.exec(
    "INSERT INTO terminal_carts (id, terminal_id, state, lines, updated_at) VALUES (?, ?, 'active', '[]', ?)",
    cart.cartId,
    terminalId,
    cart.updatedAt,
  );
  return cart;
}

/** Held carts of the terminal, oldest first. */
export function heldCarts(sql: SqlStorage, terminalId: string): Cart[] {
  return sql
    .exec<Row>("SELECT * FROM terminal_carts WHERE terminal_id = ? AND state = 'held' ORDER BY updated_at, id", terminalId)
    .toArray()
    .map(toCart);
}

function save(sql: SqlStorage, cart: Cart, nextLine?: number): Cart {
  cart.updatedAt = nowIso();
  sql.exec(
    "UPDATE terminal_carts SET lines = ?, updated_at = ?, next_line = COALESCE(?, next_line) WHERE id = ?",
    JSON.stringify(cart.lines),
    cart.updatedAt,
    nextLine ?? null,
    cart.cartId,
  );
  return cart;
}

/** Adds a line to the active cart. */
export function addLine(sql: SqlStorage, terminalId: string, line: z.infer<typeof SaleLineIn>): CartResult {
  const cart = activeCart(sql, terminalId);
  const next = sql.exec<{ next_line: number }>("SELECT next_line FROM terminal_carts WHERE id = ?", cart.cartId).one().next_line;
  cart.lines.push({ ...line, lineId: `c${next}` });
  return { ok: true, cart: save(sql, cart, next + 1) };
}

/** Changes one line of the active cart with `change` (null removes it). */
export function changeLine(sql: SqlStorage, terminalId: string, lineId: string, change: (l: CartLine) => CartLine | null): CartResult {
  const cart = activeCart(sql, terminalId);
  const i = cart.lines.findIndex((l) => l.lineId === lineId);
  const line = cart.lines[i];
  if (!line) return { ok: false, code: "not_found", detail: `No line ${lineId} in the active cart` };
  const changed = change(line);
  if (changed) cart.lines[i] = changed;
  else cart.lines.splice(i, 1);
  return { ok: true, cart: save(sql, cart) };
}

/** Sets or clears a line's discount. */
export function discountLine(sql: SqlStorage, terminalId: string, lineId: string, discount: z.infer<typeof DiscountIn> | null): CartResult {
  return changeLine(sql, terminalId, lineId, ({ discount: _old, ...l }) => (discount ? { ...l, discount } : l));
}

/** Parks the active cart (it must have lines) and starts an empty one. @returns the new active cart. */
export function holdCart(sql: SqlStorage, terminalId: string, label: string | null): CartResult {
  const cart = activeCart(sql, terminalId);
  if (cart.lines.length === 0) return { ok: false, code: "conflict", detail: "The active cart is empty: nothing to hold" };
  if (heldCarts(sql, terminalId).length >= MAX_HELD_CARTS)
    return { ok: false, code: "conflict", detail: `At most ${MAX_HELD_CARTS} carts may be held` };
  sql.exec("UPDATE terminal_carts SET state = 'held', label = ?, updated_at = ? WHERE id = ?", label, nowIso(), cart.cartId);
  return { ok: true, cart: activeCart(sql, terminalId) };
}

/** Makes a held cart active; a non-empty active cart is held in its place, an empty one dropped. */
export function recallCart(sql: SqlStorage, terminalId: string, cartId: string): CartResult {
  const held = sql
    .exec<Row>("SELECT * FROM terminal_carts WHERE id = ? AND terminal_id = ? AND state = 'held'", cartId, terminalId)
    .toArray()[0];
  if (!held) return { ok: false, code: "not_found", detail: `No held cart ${cartId} on this terminal` };
  const current = activeCart(sql, terminalId);
  if (current.lines.length > 0) sql.exec("UPDATE terminal_carts SET state = 'held', updated_at = ? WHERE id = ?", nowIso(), current.cartId);
  else sql.exec("DELETE FROM terminal_carts WHERE id = ?", current.cartId);
  sql.exec("UPDATE terminal_carts SET state = 'active', updated_at = ? WHERE id = ?", nowIso(), cartId);
  return { ok: true, cart: toCart({ ...held, state: "active" }) };
}

/** Empties the active cart after its sale committed. */
export function clearActiveCart(sql: SqlStorage, terminalId: string): void {
  sql.exec("DELETE FROM terminal_carts WHERE terminal_id = ? AND state = 'active'", terminalId);
}

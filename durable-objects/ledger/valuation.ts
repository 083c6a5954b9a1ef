/**
 * Stock valuation (issue 3: "FIFO or moving average; every outgoing entry records its cost").
 *
 * - FIFO: each receipt opens a cost layer; an issue consumes layers oldest first. An issue beyond
 *   the layers (negative stock, when allowed) is costed at the last known unit cost and kept as a
 *   deficit that the next receipts fill before opening a layer.
 * - Moving average: per SKU the quantity and total value on hand; an issue takes its proportional
 *   share of the value, rounded half-up ({@link movingAverageIssueCost}), so issuing the whole
 *   quantity takes the whole value and no residue of rounding is left behind.
 *
 * Money is an integer in minor units; quantities are integers in the SKU's smallest stock unit.
 */
import type { LedgerTx, ValuationMethod } from "./tx";

/**
 * Integer division rounded half-up (half away from zero for negative numerators): the one
 * rounding step of valuation. `denominator` must be positive. BigInt inside, so value × qty
 * cannot lose precision. @example roundHalfUpDiv(5, 2) === 3; roundHalfUpDiv(-5, 2) === -3
 */
export function roundHalfUpDiv(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError("denominator must be positive");
  const mag = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return Number(n < 0n ? -mag : mag);
}

/**
 * The cost of issuing `outQty` of `qty` units worth `value` at moving average:
 * round half-up of value × outQty / qty. Issuing everything (outQty = qty) returns `value`.
 */
export function movingAverageIssueCost(value: number, qty: number, outQty: number): number {
  if (outQty === qty) return value;
  return roundHalfUpDiv(BigInt(value) * BigInt(outQty), qty);
}

/** Average unit cost of `value` over `qty` units, rounded half-up. */
export function averageUnitCost(value: number, qty: number): number {
  return qty > 0 ? roundHalfUpDiv(value, qty) : 0;
}

interface State {
  qty: number;
  value: number;
  last_unit_cost: number;
  deficit_qty: number;
  [k: string]: SqlStorageValue;
}

function state(tx: LedgerTx, sku: string): State {
  return (
    tx.one<State>("SELECT qty, value, last_unit_cost, deficit_qty FROM valuation_state WHERE sku = ?", sku) ?? {
      qty: 0,
      value: 0,
      last_unit_cost: 0,
      deficit_qty: 0,
    }
  );
}

function save(tx: LedgerTx, sku: string, s: State): void {
  tx.run(
    `INSERT INTO valuation_state (sku, qty, value, last_unit_cost, deficit_qty) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sku) DO UPDATE SET qty = excluded.qty, value = excluded.value, last_unit_cost = excluded.last_unit_cost, deficit_qty = excluded.deficit_qty`,
    sku,
    s.qty,
    s.value,
    s.last_unit_cost,
    s.deficit_qty,
  );
}

/** The cost an incoming line without its own cost is valued at: the current average (or last) unit cost. */
export function currentUnitCost(tx: LedgerTx, sku: string): number {
  const s = state(tx, sku);
  if (tx.config.valuation === "moving_average" && s.qty > 0) return averageUnitCost(s.value, s.qty);
  return s.last_unit_cost;
}

/**
 * Values `qty` units coming in at `unitCost` (receipts, returns, transfers in, count gains).
 * `entrySeq` is the ledger entry that brought them (a FIFO layer records it).
 */
export function valueIncoming(tx: LedgerTx, sku: string, qty: number, unitCost: number, entrySeq: number): void {
  const method: ValuationMethod = tx.config.valuation;
  const s = state(tx, sku);
  if (method === "moving_average") {
    s.qty += qty;
    s.value += qty * unitCost;
    s.last_unit_cost = s.qty > 0 ? averageUnitCost(s.value, s.qty) : unitCost;
    save(tx, sku, s);
    return;
  }
  // FIFO: fill any deficit (units issued while stock was negative) before opening a layer.
  const cover = Math.min(s.deficit_qty, qty);
  s.deficit_qty -= cover;
  s.qty += qty;
  s.value += qty * unitCost;
  s.last_unit_cost = unitCost;
  save(tx, sku, s);
  if (qty - cover > 0) {
    tx.run("INSERT INTO cost_layers (sku, entry_seq, qty_remaining, unit_cost) VALUES (?, ?, ?, ?)", sku, entrySeq, qty - cover, unitCost);
  }
}

/**
 * Costs `qty` units going out (sales, write-offs, transfers out, count losses) and consumes
 * them from the valuation. @returns the total cost (COGS) in minor units.
 */
export function costOutgoing(tx: LedgerTx, sku: string, qty: number): number {
  const s = state(tx, sku);
  let cost = 0;
  if (tx.config.valuation === "moving_average") {
    const covered = Math.min(Math.max(s.qty, 0), qty);
    if (covered > 0) cost += movingAverageIssueCost(s.value, s.qty, covered);
    // Beyond what is on hand (negative stock), at the last average.
    cost += (qty - covered) * s.last_unit_cost;
    s.qty -= qty;
    s.value -= cost;
    save(tx, sku, s);
    return cost;
  }
  let left = qty;
  const layers = tx.rows<{ id: number; qty_remaining: number; unit_cost: number }>(
    "SELECT id, qty_remaining, unit_cost FROM cost_layers WHERE sku = ? AND qty_remaining > 0 ORDER BY id",
    sku,
  );
  for (const layer of layers) {
    if (left === 0) break;
    const take = Math.min(left, layer.qty_remaining);
    cost += take * layer.unit_cost;
    left -= take;
    tx.run("UPDATE cost_layers SET qty_remaining = qty_remaining - ? WHERE id = ?", take, layer.id);
  }
  if (left > 0) {
    cost += left * s.last_unit_cost;
    s.deficit_qty += left;
  }
  s.qty -= qty;
  s.value -= cost;
  save(tx, sku, s);
  return cost;
}

/**
 * Cycle counts: a count sheet snapshots the expected on-hand per SKU and batch; counted
 * quantities are entered; posting writes a `count` entry per variance (counted − expected).
 * The variance is against the snapshot, so sales made while the sheet was open are not counted
 * twice: they already have their own entries.
 */
import { newId } from "../../src/platform/ids";
import { admitLine } from "./admit";
import type { CountActionInput, CountCreateInput, CountEnterInput } from "./inputs";
import { issueLines } from "./issue";
import type { LedgerTx, PostedEntry } from "./tx";
import { refuse } from "./tx";
import { currentUnitCost } from "./valuation";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** A count sheet as results show it. `variance` is null until a line is counted. */
export interface CountView {
  countId: string;
  state: "open" | "posted" | "cancelled";
  lines: { sku: string; batch: string; expected: number; counted: number | null; variance: number | null }[];
}

/** The count sheet `id`. @throws Refusal not_found. */
export function countView(tx: LedgerTx, id: string): CountView {
  const c = tx.one<{ state: CountView["state"] }>("SELECT state FROM counts WHERE id = ?", id);
  if (!c) refuse("not_found", `Count ${id} not found`);
  const lines = tx
    .rows<{ sku: string; batch: string; expected: number; counted: number | null }>(
      "SELECT sku, batch, expected, counted FROM count_lines WHERE count_id = ? ORDER BY sku, batch",
      id,
    )
    .map((l) => ({ ...l, variance: l.counted === null ? null : l.counted - l.expected }));
  return { countId: id, state: c.state, lines };
}

/** Opens a count sheet with the expected on-hand of `skus` (every SKU with a balance when omitted). */
export function createCount(tx: LedgerTx, input: Parsed<typeof CountCreateInput>): CountView {
  const id = input.countId ?? newId("stockCount");
  if (tx.one("SELECT 1 AS x FROM counts WHERE id = ?", id)) refuse("conflict", `Count ${id} exists`);
  tx.run("INSERT INTO counts (id, state, actor, created_at) VALUES (?, 'open', ?, ?)", id, tx.actor, tx.now);
  const skus = input.skus ?? tx.rows<{ sku: string }>("SELECT DISTINCT sku FROM balances").map((r) => r.sku);
  for (const sku of new Set(skus)) {
    const rows = tx.rows<{ batch: string; on_hand: number }>("SELECT batch, on_hand FROM balances WHERE sku = ?", sku);
    if (rows.length === 0) rows.push({ batch: "", on_hand: 0 });
    for (const r of rows)
      tx.run("INSERT INTO count_lines (count_id, sku, batch, expected) VALUES (?, ?, ?, ?)", id, sku, r.batch, r.on_hand);
  }
  return countView(tx, id);
}

function open(tx: LedgerTx, id: string): void {
  const v = countView(tx, id);
  if (v.state !== "open") refuse("conflict", `Count ${id} is ${v.state}`);
}

/** Enters counted quantities. A (sku, batch) not on the sheet is added with expected 0 (found stock). */
export function enterCounts(tx: LedgerTx, input: Parsed<typeof CountEnterInput>): CountView {
  open(tx, input.countId);
  for (const l of input.lines) {
    tx.run(
      `INSERT INTO count_lines (count_id, sku, batch, expected, counted) VALUES (?, ?, ?, 0, ?)
       ON CONFLICT (count_id, sku, batch) DO UPDATE SET counted = excluded.counted`,
      input.countId,
      l.sku,
      l.batch ?? "",
      l.counted,
    );
  }
  return countView(tx, input.countId);
}

/**
 * Posts the variances of counted lines as `count` entries (uncounted lines are left alone):
 * gains come in at the current unit cost; losses go out like a sale (costed, on that batch).
 * @throws Refusal insufficient_stock when a loss would take a batch below zero and that is not allowed.
 */
export function postCount(tx: LedgerTx, input: Parsed<typeof CountActionInput>): CountView & { entries: PostedEntry[] } {
  open(tx, input.countId);
  const entries: PostedEntry[] = [];
  const doc = { documentType: "count", documentId: input.countId };
  for (const l of countView(tx, input.countId).lines) {
    if (l.variance === null || l.variance === 0) continue;
    if (l.variance > 0) {
      const unitCost = currentUnitCost(tx, l.sku);
      entries.push(
        ...admitLine(
          tx,
          { sku: l.sku, qty: l.variance, unitCost, batch: l.batch || undefined },
          { kind: "count", ...doc, serialsOptional: true },
        ),
      );
    } else {
      entries.push(
        ...issueLines(tx, [{ sku: l.sku, qty: -l.variance, batch: l.batch }], {
          kind: "count",
          ...doc,
          serialState: "written_off",
          serialsOptional: true,
        }),
      );
    }
  }
  tx.run("UPDATE counts SET state = 'posted', posted_at = ? WHERE id = ?", tx.now, input.countId);
  return { ...countView(tx, input.countId), entries };
}

/** Cancels an open count sheet; nothing is posted. */
export function cancelCount(tx: LedgerTx, input: Parsed<typeof CountActionInput>): CountView {
  open(tx, input.countId);
  tx.run("UPDATE counts SET state = 'cancelled' WHERE id = ?", input.countId);
  return countView(tx, input.countId);
}

/**
 * Outgoing stock, shared by sales, negative adjustments, transfers out and reservations' commits:
 * pick (serials, a named batch, or FEFO), check availability, cost (COGS) and post one entry per
 * pick. Never oversells: a line short of available stock is refused unless the SKU allows
 * negative stock, or the caller accepts and flags the shortfall (the offline-POS hook).
 */
import type { Pick } from "./fefo";
import { pickFefo } from "./fefo";
import type { EntryKind } from "./schema";
import type { LedgerTx, PostedEntry, Shortfall } from "./tx";
import { refuse } from "./tx";
import { costOutgoing, roundHalfUpDiv } from "./valuation";

/** One outgoing line: qty in stock units; a named batch; serials (one per unit) for tracked SKUs. */
export interface OutLine {
  sku: string;
  qty: number;
  batch?: string;
  serials?: string[];
}

/** How to post the issue. */
export interface IssueOptions {
  kind: EntryKind;
  reason?: string;
  documentType: string;
  documentId: string;
  /** Accept and flag what is short instead of refusing (offline POS sales). */
  allowShortfall?: boolean;
  /** State a picked serial moves to (sold, written_off, in_transit). */
  serialState: "sold" | "written_off" | "in_transit";
  /** Counts post variances without naming serials. */
  serialsOptional?: boolean;
  /** Index of the first line in the caller's request, for error paths (lines.N.serials). Default 0. */
  lineOffset?: number;
}

/** Whether `sku` is serial-tracked (it was ever received with serials). */
export function isSerialTracked(tx: LedgerTx, sku: string): boolean {
  return tx.one<{ serial_tracked: number }>("SELECT serial_tracked FROM sku_settings WHERE sku = ?", sku)?.serial_tracked === 1;
}

/**
 * Picks named serials: each must be this SKU's and in stock. `path` names the serials field in
 * errors (e.g. "lines.0.serials"). @throws Refusal conflict / validation_failed.
 */
export function pickSerials(tx: LedgerTx, line: OutLine, serials: string[], path = "lines.serials"): Pick[] {
  if (serials.length !== line.qty)
    refuse("validation_failed", `${line.sku}: ${line.qty} units need ${line.qty} serials, got ${serials.length}`, {
      fields: [{ path, message: `give exactly ${line.qty} serials` }],
    });
  if (new Set(serials).size !== serials.length)
    refuse("validation_failed", `${line.sku}: a serial is named twice`, { fields: [{ path, message: "a serial is named twice" }] });
  return serials.map((serial) => {
    const s = tx.one<{ sku: string; batch: string; state: string }>("SELECT sku, batch, state FROM serials WHERE serial = ?", serial);
    if (!s || s.sku !== line.sku) refuse("not_found", `Serial ${serial} of ${line.sku} is not in this store`);
    if (s.state !== "in_stock") refuse("conflict", `Serial ${serial} is ${s.state}, not in stock`);
    if (line.batch && s.batch !== line.batch) refuse("conflict", `Serial ${serial} is in batch ${s.batch || "(none)"}, not ${line.batch}`);
    const { available } = pickFefo(tx, line.sku, 1, s.batch);
    if (available < 1)
      refuse("insufficient_stock", `Serial ${serial}: its batch has no available stock`, {
        shortfall: [{ sku: line.sku, batch: s.batch, requested: 1, available: 0, short: 1 }],
      });
    return { batch: s.batch, qty: 1, serial };
  });
}

/**
 * Issues `lines`, posting negative entries with their COGS.
 * @returns the posted entries. @throws Refusal insufficient_stock listing every short line.
 */
export function issueLines(tx: LedgerTx, lines: OutLine[], opts: IssueOptions): PostedEntry[] {
  const posted: PostedEntry[] = [];
  const shortfalls: Shortfall[] = [];
  for (const [k, line] of lines.entries()) {
    const i = k + (opts.lineOffset ?? 0);
    let picks: Pick[];
    let flaggedQty = 0;
    const negativeBatch = line.batch ?? "";
    if (line.serials && line.serials.length > 0) {
      picks = pickSerials(tx, line, line.serials, `lines.${i}.serials`);
    } else {
      if (!opts.serialsOptional && isSerialTracked(tx, line.sku)) {
        refuse("validation_failed", `${line.sku} is serial-tracked: name the serials`, {
          fields: [{ path: `lines.${i}.serials`, message: "required" }],
        });
      }
      const r = pickFefo(tx, line.sku, line.qty, line.batch);
      picks = r.picks;
      const short = line.qty - picks.reduce((n, p) => n + p.qty, 0);
      if (short > 0) {
        if (tx.allowsNegative(line.sku)) {
          // Negative stock is allowed: the remainder goes below zero on the named batch, or the unbatched row.
        } else if (opts.allowShortfall) {
          flaggedQty = short;
        } else {
          shortfalls.push({
            sku: line.sku,
            ...(line.batch ? { batch: line.batch } : {}),
            requested: line.qty,
            available: r.available,
            short,
          });
          continue;
        }
        const last = picks.find((p) => p.batch === negativeBatch);
        if (last) last.qty += short;
        else picks.push({ batch: negativeBatch, qty: short });
      }
    }
    if (shortfalls.length > 0) continue; // refused below; skip the work
    for (const p of picks) {
      const cost = costOutgoing(tx, line.sku, p.qty);
      const flagged = flaggedQty > 0 && p.batch === negativeBatch;
      const e = tx.post({
        sku: line.sku,
        batch: p.batch,
        serial: p.serial ?? null,
        qty: -p.qty,
        kind: opts.kind,
        reason: opts.reason ?? null,
        documentType: opts.documentType,
        documentId: opts.documentId,
        unitCost: roundHalfUpDiv(cost, p.qty),
        costTotal: cost,
        flagged,
      });
      if (flagged) {
        tx.run(
          "INSERT INTO shortfalls (entry_id, sku, batch, qty_short, document_type, document_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          e.entryId,
          line.sku,
          p.batch,
          flaggedQty,
          opts.documentType,
          opts.documentId,
          tx.now,
        );
        tx.emit("stock.shortfall_flagged", {
          entryId: e.entryId,
          sku: line.sku,
          batch: p.batch,
          short: flaggedQty,
          documentId: opts.documentId,
        });
      }
      if (p.serial) tx.run("UPDATE serials SET state = ?, updated_at = ? WHERE serial = ?", opts.serialState, tx.now, p.serial);
      posted.push(e);
    }
  }
  if (shortfalls.length > 0) {
    refuse("insufficient_stock", `Not enough stock: ${shortfalls.map((s) => `${s.sku} short by ${s.short}`).join(", ")}`, {
      shortfall: shortfalls,
    });
  }
  return posted;
}

/**
 * Incoming stock, shared by receipts, positive adjustments, returns, transfers in and count
 * gains: registers the batch (with its expiry) and serials, values the units, and posts the
 * entries — one per serial for serial-tracked lines, else one for the line.
 */
import { isSerialTracked } from "./issue";
import type { EntryKind } from "./schema";
import type { LedgerTx, PostedEntry } from "./tx";
import { refuse } from "./tx";
import { valueIncoming } from "./valuation";

/** One incoming line: qty in stock units, unit cost in minor units. */
export interface InLine {
  sku: string;
  qty: number;
  unitCost: number;
  batch?: string;
  expiry?: string | null;
  serials?: string[];
}

/** How to post the admission. */
export interface AdmitOptions {
  kind: EntryKind;
  reason?: string | null;
  documentType: string;
  documentId: string;
  /** Serial states that may be taken back in (e.g. a return takes back "sold"). Default: unknown or gone serials only. */
  serialFrom?: readonly string[];
  /** Skip valuation (a return written off at once leaves the valuation untouched). */
  skipValuation?: boolean;
  /** Counts post variances without naming serials. */
  serialsOptional?: boolean;
  /** Index of the line in the caller's request, for error paths (lines.N.serials). */
  line?: number;
}

const GONE = ["sold", "transferred", "written_off"] as const;

/** Registers a batch and its expiry. @throws Refusal conflict when the batch exists with another expiry. */
export function registerBatch(tx: LedgerTx, sku: string, batch: string, expiry: string | null | undefined): void {
  if (!batch) return;
  const b = tx.one<{ expiry: string | null }>("SELECT expiry FROM batches WHERE sku = ? AND batch = ?", sku, batch);
  if (!b) {
    tx.run("INSERT INTO batches (sku, batch, expiry, first_received_at) VALUES (?, ?, ?, ?)", sku, batch, expiry ?? null, tx.now);
  } else if (expiry && b.expiry !== expiry) {
    if (b.expiry === null) tx.run("UPDATE batches SET expiry = ? WHERE sku = ? AND batch = ?", expiry, sku, batch);
    else refuse("conflict", `Batch ${batch} of ${sku} expires ${b.expiry}, not ${expiry}`);
  }
}

/** Admits `line`. @returns the posted entries. @throws Refusal validation_failed / conflict on serials. */
export function admitLine(tx: LedgerTx, line: InLine, opts: AdmitOptions): PostedEntry[] {
  const batch = line.batch ?? "";
  const path = opts.line === undefined ? "lines.serials" : `lines.${opts.line}.serials`;
  registerBatch(tx, line.sku, batch, line.expiry);
  const base = {
    sku: line.sku,
    batch,
    kind: opts.kind,
    reason: opts.reason ?? null,
    documentType: opts.documentType,
    documentId: opts.documentId,
    unitCost: line.unitCost,
  };
  // Valued after posting, so a FIFO cost layer names the entry that opened it.
  const valued = (entries: PostedEntry[]) => {
    if (!opts.skipValuation) valueIncoming(tx, line.sku, line.qty, line.unitCost, entries[0]!.seq);
    return entries;
  };
  if (!line.serials || line.serials.length === 0) {
    if (!opts.serialsOptional && isSerialTracked(tx, line.sku)) {
      refuse("validation_failed", `${line.sku} is serial-tracked: name the serials`, {
        fields: [{ path, message: "required" }],
      });
    }
    return valued([tx.post({ ...base, qty: line.qty, costTotal: line.qty * line.unitCost })]);
  }
  if (line.serials.length !== line.qty)
    refuse("validation_failed", `${line.sku}: ${line.qty} units need ${line.qty} serials, got ${line.serials.length}`, {
      fields: [{ path, message: `give exactly ${line.qty} serials` }],
    });
  if (new Set(line.serials).size !== line.serials.length)
    refuse("validation_failed", `${line.sku}: a serial is named twice`, {
      fields: [{ path, message: "a serial is named twice" }],
    });
  const from = opts.serialFrom ?? GONE;
  tx.run("INSERT INTO sku_settings (sku, serial_tracked) VALUES (?, 1) ON CONFLICT (sku) DO UPDATE SET serial_tracked = 1", line.sku);
  return valued(
    line.serials.map((serial) => {
      const s = tx.one<{ sku: string; state: string }>("SELECT sku, state FROM serials WHERE serial = ?", serial);
      if (s && s.sku !== line.sku) refuse("conflict", `Serial ${serial} belongs to ${s.sku}`);
      if (s && !from.includes(s.state)) refuse("conflict", `Serial ${serial} is ${s.state} here; it cannot come in again`);
      if (!s && opts.serialFrom) refuse("not_found", `Serial ${serial} is not known in this store`);
      tx.run(
        `INSERT INTO serials (serial, sku, batch, state, updated_at) VALUES (?, ?, ?, 'in_stock', ?)
       ON CONFLICT (serial) DO UPDATE SET batch = excluded.batch, state = 'in_stock', updated_at = excluded.updated_at`,
        serial,
        line.sku,
        batch,
        tx.now,
      );
      return tx.post({ ...base, serial, qty: 1, costTotal: line.unitCost });
    }),
  );
}

/** Receipt and adjustment verbs: goods in with cost, batch, expiry, serials; corrections with a reason. */
import { newId } from "../../src/platform/ids";
import { admitLine } from "./admit";
import type { AdjustInput, ReceiveInput } from "./inputs";
import { issueLines } from "./issue";
import type { LedgerTx, PostedEntry } from "./tx";
import { currentUnitCost } from "./valuation";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** Records each SKU's stock unit (from the catalog) in sku_settings, so stock reads show it. */
export function recordUnits(tx: LedgerTx, units: Record<string, string> | undefined): void {
  for (const [sku, unit] of Object.entries(units ?? {})) {
    tx.run("INSERT INTO sku_settings (sku, unit) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET unit = excluded.unit", sku, unit);
  }
}

/** Posts a receipt: one `receipt` entry per line (per serial for serial-tracked lines). */
export function receive(tx: LedgerTx, input: Parsed<typeof ReceiveInput>): { documentId: string; entries: PostedEntry[] } {
  const doc = input.document ?? { type: "receipt", id: newId("stockDocument") };
  recordUnits(tx, input.units);
  const entries = input.lines.flatMap((l, i) => admitLine(tx, l, { kind: "receipt", documentType: doc.type, documentId: doc.id, line: i }));
  return { documentId: doc.id, entries };
}

/**
 * Posts an adjustment with its reason. Negative lines leave like a sale (FEFO unless a batch or
 * serials are named, refused when short unless negative stock is allowed) and record their cost;
 * positive lines come in at the given unit cost, else the current average/last cost.
 */
export function adjust(tx: LedgerTx, input: Parsed<typeof AdjustInput>): { documentId: string; entries: PostedEntry[] } {
  const doc = input.document ?? { type: "adjustment", id: newId("stockDocument") };
  recordUnits(tx, input.units);
  const entries: PostedEntry[] = [];
  for (const [i, l] of input.lines.entries()) {
    if (l.qty > 0) {
      const unitCost = l.unitCost ?? currentUnitCost(tx, l.sku);
      entries.push(
        ...admitLine(
          tx,
          { ...l, unitCost },
          { kind: "adjustment", reason: input.reason, documentType: doc.type, documentId: doc.id, line: i },
        ),
      );
    } else {
      entries.push(
        ...issueLines(tx, [{ sku: l.sku, qty: -l.qty, batch: l.batch, serials: l.serials }], {
          kind: "adjustment",
          reason: input.reason,
          documentType: doc.type,
          documentId: doc.id,
          serialState: "written_off",
          lineOffset: i,
        }),
      );
    }
  }
  return { documentId: doc.id, entries };
}

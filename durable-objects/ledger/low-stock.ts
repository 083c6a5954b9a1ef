/**
 * Low stock (issue 3): per SKU a reorder point and a low-stock threshold. When a SKU's total
 * on-hand falls to or below its threshold (the low threshold, else the reorder point) while
 * armed, ONE `stock.low` event is written and the SKU is disarmed; rising above it re-arms it.
 * So a run of sales below the line emits one event, not one per sale.
 */
import type { SkuSettingsInput } from "./inputs";
import type { LedgerTx } from "./tx";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** The threshold a SKU is low at or below, or null when it has none. */
export function lowLine(s: { low_threshold: number | null; reorder_point: number | null } | undefined): number | null {
  return s?.low_threshold ?? s?.reorder_point ?? null;
}

/** Checks every SKU the operation touched (call last, inside the transaction). */
export function checkLowStock(tx: LedgerTx): void {
  for (const sku of tx.touched) {
    const s = tx.one<{ low_threshold: number | null; reorder_point: number | null; low_armed: number }>(
      "SELECT low_threshold, reorder_point, low_armed FROM sku_settings WHERE sku = ?",
      sku,
    );
    const line = lowLine(s);
    if (!s || line === null) continue;
    const onHand = tx.one<{ q: number }>("SELECT COALESCE(SUM(on_hand), 0) AS q FROM balances WHERE sku = ?", sku)?.q ?? 0;
    if (s.low_armed === 1 && onHand <= line) {
      tx.run("UPDATE sku_settings SET low_armed = 0 WHERE sku = ?", sku);
      tx.emit("stock.low", { sku, onHand, lowThreshold: s.low_threshold, reorderPoint: s.reorder_point });
    } else if (s.low_armed === 0 && onHand > line) {
      tx.run("UPDATE sku_settings SET low_armed = 1 WHERE sku = ?", sku);
    }
  }
}

/** Sets a SKU's unit, negative-stock override and thresholds; re-evaluates its low state. */
export function setSkuSettings(tx: LedgerTx, input: Parsed<typeof SkuSettingsInput>): SkuSettingsView {
  tx.run("INSERT INTO sku_settings (sku) VALUES (?) ON CONFLICT (sku) DO NOTHING", input.sku);
  if (input.unit !== undefined) tx.run("UPDATE sku_settings SET unit = ? WHERE sku = ?", input.unit, input.sku);
  if (input.allowNegative !== undefined) {
    tx.run(
      "UPDATE sku_settings SET allow_negative = ? WHERE sku = ?",
      input.allowNegative === null ? null : input.allowNegative ? 1 : 0,
      input.sku,
    );
  }
  if (input.reorderPoint !== undefined) tx.run("UPDATE sku_settings SET reorder_point = ? WHERE sku = ?", input.reorderPoint, input.sku);
  if (input.lowThreshold !== undefined) tx.run("UPDATE sku_settings SET low_threshold = ? WHERE sku = ?", input.lowThreshold, input.sku);
  tx.touched.add(input.sku);
  checkLowStock(tx);
  return skuSettingsOf(tx, input.sku);
}

/** A SKU's settings as the API shows them. Thresholds are in the SKU's stock unit; allowNegative null = the store's default. */
export interface SkuSettingsView {
  sku: string;
  unit: string;
  allowNegative: boolean | null;
  reorderPoint: number | null;
  lowThreshold: number | null;
  lowArmed: boolean;
  serialTracked: boolean;
}

/** The settings of `sku` (the defaults when it has none yet). Read-only. */
export function skuSettingsOf(tx: LedgerTx, sku: string): SkuSettingsView {
  const s = tx.one<Record<string, SqlStorageValue>>("SELECT * FROM sku_settings WHERE sku = ?", sku);
  if (!s) return { sku, unit: "each", allowNegative: null, reorderPoint: null, lowThreshold: null, lowArmed: true, serialTracked: false };
  return {
    sku,
    unit: s.unit as string,
    allowNegative: s.allow_negative === null ? null : s.allow_negative === 1,
    reorderPoint: s.reorder_point as number | null,
    lowThreshold: s.low_threshold as number | null,
    lowArmed: s.low_armed === 1,
    serialTracked: s.serial_tracked === 1,
  };
}

/**
 * stockReport: inventory valuation per store (or per store and SKU) at cost from the stock_levels
 * projection (folded from the ledgers' stock.moved events: FIFO or moving-average cost as each
 * store values it), and low stock read from each store's ledger object (the truth: thresholds live
 * there). Value is integer minor units.
 */
import { z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { storeObjectName } from "../stores/access";
import { minorUnitDigits } from "../tax";
import type { ReportResult } from "./sales";
import { storeScope } from "./scope";
import { type Column, sumColumns } from "./table";

/** GET /v1/reports/stock query. */
export const StockReportQuery = z.object({
  view: z.enum(["valuation", "low"]).default("valuation"),
  groupBy: z.enum(["store", "product"]).default("store").openapi({ description: "valuation: per store, or per store and SKU" }),
  storeId: z.string().min(1).max(64).optional(),
});
/** Parsed stock report query. */
export type StockReportQuery = z.infer<typeof StockReportQuery>;

const VALUATION: Column[] = [
  { key: "storeId", label: "Store", type: "text" },
  { key: "label", label: "Name", type: "text" },
  { key: "sku", label: "SKU", type: "text" },
  { key: "skus", label: "SKUs", type: "int" },
  { key: "onHand", label: "On hand", type: "int" },
  { key: "value", label: "Value at cost", type: "money" },
];
const LOW: Column[] = [
  { key: "storeId", label: "Store", type: "text" },
  { key: "label", label: "Name", type: "text" },
  { key: "sku", label: "SKU", type: "text" },
  { key: "onHand", label: "On hand", type: "int" },
  { key: "lowThreshold", label: "Low threshold", type: "int" },
  { key: "reorderPoint", label: "Reorder point", type: "int" },
];

/** The stock report. @throws DomainError forbidden, store_forbidden. */
export async function stockReport({ ctx, input }: { ctx: ServiceContext; input: StockReportQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const scope = storeScope(ctx, input.storeId);
  const stores = (
    await ctx.d1
      .prepare(`SELECT id, code || ' ' || name AS label FROM stores WHERE ${scope.sql("id")} ORDER BY code`)
      .bind(...scope.binds)
      .all<{ id: string; label: string }>()
  ).results;
  const label = new Map(stores.map((s) => [s.id, s.label]));
  const today = new Date().toISOString().slice(0, 10);
  const base = {
    report: "stock",
    name: `stock-${input.view}`,
    from: today,
    to: today,
    groupBy: input.view === "low" ? "product" : input.groupBy,
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
  };

  if (input.view === "low") {
    const rows: Record<string, string | number | null>[] = [];
    const answers = await Promise.all(
      stores.map(async (s) => ({ s, r: await ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, s.id)).getStock({ low: true }) })),
    );
    for (const { s, r } of answers) {
      if (!r.ok) continue; // a store whose ledger was never configured holds no stock
      for (const i of r.items.filter((x) => x.low))
        rows.push({
          storeId: s.id,
          label: s.label,
          sku: i.sku,
          onHand: i.onHand,
          lowThreshold: i.lowThreshold,
          reorderPoint: i.reorderPoint,
        });
    }
    return { ...base, columns: LOW, rows, totals: sumColumns(LOW, rows) };
  }

  const perSku = input.groupBy === "product";
  const rows = (
    await ctx.d1
      .prepare(
        `SELECT store_id AS storeId, ${perSku ? "sku" : "NULL"} AS sku, COUNT(DISTINCT sku) AS skus, SUM(on_hand) AS onHand, SUM(value) AS value
         FROM stock_levels WHERE ${scope.sql("store_id")} GROUP BY store_id${perSku ? ", sku" : ""} ORDER BY store_id${perSku ? ", sku" : ""}`,
      )
      .bind(...scope.binds)
      .all<Record<string, string | number | null>>()
  ).results;
  for (const r of rows) r.label = label.get(r.storeId as string) ?? (r.storeId as string);
  const columns = perSku ? VALUATION : VALUATION.filter((c) => c.key !== "sku");
  return { ...base, columns, rows, totals: sumColumns(columns, rows) };
}

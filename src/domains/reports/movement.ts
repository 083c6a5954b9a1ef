/**
 * movementReport: stock movement summary per store and SKU over a date range, from the
 * report_stock_moves facts (moves.ts): opening, receipts, sales, returns, adjustments (adjustments
 * and count corrections, signed), transfers in and out, closing. Quantities are integers in the
 * SKU's stock unit; sales and transfers out are shown as positive quantities going out, so
 *   closing = opening + receipts − sales + returns + adjustments + transfersIn − transfersOut
 * which equals the sum of every entry up to `to` (checked by the tests).
 */
import { z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { minorUnitDigits } from "../tax";
import type { ReportResult } from "./sales";
import { dateRange, RangeQuery, storeScope } from "./scope";
import { type Column, sumColumns } from "./table";

/** GET /v1/reports/stock-movement query. */
export const MovementQuery = RangeQuery.extend({ sku: z.string().min(1).max(64).optional() });
/** Parsed movement query. */
export type MovementQuery = z.infer<typeof MovementQuery>;

const COLUMNS: Column[] = [
  { key: "storeId", label: "Store", type: "text" },
  { key: "sku", label: "SKU", type: "text" },
  { key: "opening", label: "Opening", type: "int" },
  { key: "receipts", label: "Receipts", type: "int" },
  { key: "sales", label: "Sales", type: "int" },
  { key: "returns", label: "Returns", type: "int" },
  { key: "adjustments", label: "Adjustments", type: "int" },
  { key: "transfersIn", label: "Transfers in", type: "int" },
  { key: "transfersOut", label: "Transfers out", type: "int" },
  { key: "closing", label: "Closing", type: "int" },
];

/** The movement summary. @throws DomainError forbidden, store_forbidden, validation_failed. */
export async function movementReport({ ctx, input }: { ctx: ServiceContext; input: MovementQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const { from, to } = dateRange(ctx, input);
  const scope = storeScope(ctx, input.storeId);
  const inRange = (cond: string) => `COALESCE(SUM(CASE WHEN day >= ?1 AND ${cond} THEN qty ELSE 0 END), 0)`;
  const rows = (
    await ctx.d1
      .prepare(
        `SELECT store_id AS storeId, sku,
           COALESCE(SUM(CASE WHEN day < ?1 THEN qty ELSE 0 END), 0) AS opening,
           ${inRange("kind = 'receipt'")} AS receipts,
           -${inRange("kind = 'sale'")} AS sales,
           ${inRange("kind = 'return'")} AS returns,
           ${inRange("kind IN ('adjustment', 'count')")} AS adjustments,
           ${inRange("kind = 'transfer_in'")} AS transfersIn,
           -${inRange("kind = 'transfer_out'")} AS transfersOut,
           SUM(qty) AS closing
         FROM report_stock_moves
         WHERE day <= ?2 AND (?3 IS NULL OR sku = ?3) AND ${scope.sql("store_id")}
         GROUP BY store_id, sku
         HAVING opening <> 0 OR COUNT(CASE WHEN day >= ?1 THEN 1 END) > 0
         ORDER BY store_id, sku`,
      )
      .bind(from, to, input.sku ?? null, ...scope.binds)
      .all<Record<string, string | number | null>>()
  ).results;
  return {
    report: "stock-movement",
    name: "stock-movement",
    from,
    to,
    groupBy: "product",
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    columns: COLUMNS,
    rows,
    totals: sumColumns(COLUMNS, rows),
  };
}

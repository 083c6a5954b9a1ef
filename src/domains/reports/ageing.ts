/**
 * ageingReport: stock ageing and dead stock per store and SKU as of a day. On hand and value come
 * from the stock_levels projection (value at cost, minor units); the last receipt (receipt or
 * transfer in) and last sale from the report_stock_moves facts. A SKU is dead when it has stock
 * and has not sold for `deadDays` days (default {@link DEAD_STOCK_DEFAULT_DAYS}): counted from its
 * last sale, or from its first movement in the store when it never sold — so goods received
 * yesterday are not called dead. `view=dead` keeps only dead SKUs.
 */
import { z } from "@hono/zod-openapi";
import { localDay } from "../../../durable-objects/pos/series";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { minorUnitDigits } from "../tax";
import type { ReportResult } from "./sales";
import { Day, storeScope } from "./scope";
import { type Column, sumColumns } from "./table";

/** Days without a sale after which stock on hand is dead: 90 (retail practice; a query may change it). */
export const DEAD_STOCK_DEFAULT_DAYS = 90;
/** Upper bounds (inclusive) of the age buckets, in days: 0–30, 31–60, 61–90, then 90+. */
export const AGE_BUCKETS = [30, 60, 90] as const;

/** GET /v1/reports/stock-ageing query. */
export const AgeingQuery = z.object({
  view: z.enum(["all", "dead"]).default("all"),
  asOf: Day.optional().openapi({ description: "The day ages are counted to, in the tenant's time zone (default: today)" }),
  deadDays: z.coerce.number().int().min(1).max(3650).default(DEAD_STOCK_DEFAULT_DAYS),
  storeId: z.string().min(1).max(64).optional(),
});
/** Parsed ageing query. */
export type AgeingQuery = z.infer<typeof AgeingQuery>;

const COLUMNS: Column[] = [
  { key: "storeId", label: "Store", type: "text" },
  { key: "sku", label: "SKU", type: "text" },
  { key: "onHand", label: "On hand", type: "int" },
  { key: "value", label: "Value at cost", type: "money" },
  { key: "lastReceipt", label: "Last receipt", type: "text" },
  { key: "daysSinceReceipt", label: "Days since receipt", type: "text" },
  { key: "ageBucket", label: "Age", type: "text" },
  { key: "lastSale", label: "Last sale", type: "text" },
  { key: "daysSinceSale", label: "Days since sale", type: "text" },
  { key: "dead", label: "Dead stock", type: "text" },
];

/** Whole days from `from` to `to` (YYYY-MM-DD, calendar dates), negative when `from` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The age bucket of `days` ({@link AGE_BUCKETS}): "0-30", "31-60", "61-90" or "90+". */
export function ageBucket(days: number): string {
  let lower = 0;
  for (const upper of AGE_BUCKETS) {
    if (days <= upper) return `${lower}-${upper}`;
    lower = upper + 1;
  }
  return `${AGE_BUCKETS[AGE_BUCKETS.length - 1]}+`;
}

/** The ageing report. @throws DomainError forbidden, store_forbidden. */
export async function ageingReport({ ctx, input }: { ctx: ServiceContext; input: AgeingQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const asOf = input.asOf ?? localDay(new Date().toISOString(), ctx.tenant.timeZone);
  const scope = storeScope(ctx, input.storeId);
  const found = (
    await ctx.d1
      .prepare(
        `SELECT l.store_id AS storeId, l.sku, SUM(l.on_hand) AS onHand, SUM(l.value) AS value,
           (SELECT MAX(day) FROM report_stock_moves m WHERE m.store_id = l.store_id AND m.sku = l.sku AND m.kind IN ('receipt', 'transfer_in') AND m.day <= ?1) AS lastReceipt,
           (SELECT MAX(day) FROM report_stock_moves m WHERE m.store_id = l.store_id AND m.sku = l.sku AND m.kind = 'sale' AND m.day <= ?1) AS lastSale,
           (SELECT MIN(day) FROM report_stock_moves m WHERE m.store_id = l.store_id AND m.sku = l.sku) AS firstMove
         FROM stock_levels l WHERE ${scope.sql("l.store_id")}
         GROUP BY l.store_id, l.sku HAVING SUM(l.on_hand) > 0 ORDER BY l.store_id, l.sku`,
      )
      .bind(asOf, ...scope.binds)
      .all<{
        storeId: string;
        sku: string;
        onHand: number;
        value: number;
        lastReceipt: string | null;
        lastSale: string | null;
        firstMove: string | null;
      }>()
  ).results;
  const rows = found
    .map(({ firstMove, ...r }) => {
      const sinceReceipt = r.lastReceipt === null ? null : daysBetween(r.lastReceipt, asOf);
      const sinceSale = r.lastSale === null ? null : daysBetween(r.lastSale, asOf);
      const idleSince = r.lastSale ?? firstMove;
      const dead = idleSince !== null && daysBetween(idleSince, asOf) >= input.deadDays;
      return {
        ...r,
        daysSinceReceipt: sinceReceipt,
        ageBucket: sinceReceipt === null ? null : ageBucket(sinceReceipt),
        daysSinceSale: sinceSale,
        dead: dead ? "yes" : "no",
      };
    })
    .filter((r) => input.view === "all" || r.dead === "yes");
  const totals = sumColumns(COLUMNS, rows);
  return {
    report: "stock-ageing",
    name: `stock-ageing-${input.view}`,
    from: asOf,
    to: asOf,
    groupBy: "product",
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    columns: COLUMNS,
    rows,
    totals: {
      ...totals,
      deadSkus: rows.filter((r) => r.dead === "yes").length,
      deadValue: rows.filter((r) => r.dead === "yes").reduce((a, r) => a + r.value, 0),
      deadDays: input.deadDays,
    },
  };
}

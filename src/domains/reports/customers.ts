/**
 * customersReport: the top customers by net sales over a date range (sales − returns, tax
 * included, before round-off — the same `net` as the sales report), with invoice counts and the
 * last day they bought; totals cover every customer in range, plus how many bought more than once
 * (repeat rate in basis points). Walk-in (anonymous) sales are reported apart.
 */
import { z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { minorUnitDigits } from "../tax";
import type { ReportResult } from "./sales";
import { dateRange, RangeQuery, storeScope } from "./scope";
import { type Column, ratioBp } from "./table";

/** GET /v1/reports/customers query. */
export const CustomersQuery = RangeQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(20) });
/** Parsed customers query. */
export type CustomersQuery = z.infer<typeof CustomersQuery>;

const COLUMNS: Column[] = [
  { key: "key", label: "Customer", type: "text" },
  { key: "label", label: "Name", type: "text" },
  { key: "invoices", label: "Invoices", type: "int" },
  { key: "sales", label: "Sales", type: "money" },
  { key: "returns", label: "Returns", type: "money" },
  { key: "net", label: "Net", type: "money" },
  { key: "lastDay", label: "Last purchase", type: "text" },
];

type Agg = { key: string | null; label: string | null; invoices: number; sales: number; returns: number; net: number; lastDay: string };

/** The customers report. @throws DomainError forbidden, store_forbidden, validation_failed. */
export async function customersReport({ ctx, input }: { ctx: ServiceContext; input: CustomersQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const { from, to } = dateRange(ctx, input);
  const scope = storeScope(ctx, input.storeId);
  const all = (
    await ctx.d1
      .prepare(
        `SELECT customer_key AS key, MAX(customer_name) AS label, SUM(kind = 'invoice') AS invoices,
           SUM(CASE WHEN kind = 'invoice' THEN line_total ELSE 0 END) AS sales, SUM(CASE WHEN kind = 'invoice' THEN 0 ELSE line_total END) AS returns,
           SUM(CASE WHEN kind = 'invoice' THEN line_total ELSE -line_total END) AS net, MAX(day) AS lastDay
         FROM report_sale_docs WHERE day BETWEEN ? AND ? AND ${scope.sql("store_id")} GROUP BY customer_key ORDER BY net DESC, key`,
      )
      .bind(from, to, ...scope.binds)
      .all<Agg>()
  ).results;
  const known = all.filter((r) => r.key !== null);
  const walkIn = all.find((r) => r.key === null);
  const repeat = known.filter((r) => r.invoices > 1).length;
  const sum = (k: "invoices" | "sales" | "returns" | "net") => known.reduce((a, r) => a + r[k], 0);
  return {
    report: "customers",
    name: "customers",
    from,
    to,
    groupBy: "customer",
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    columns: COLUMNS,
    rows: known.slice(0, input.limit).map((r) => ({ ...r, label: r.label ?? r.key })),
    totals: {
      customers: known.length,
      repeatCustomers: repeat,
      repeatRateBp: ratioBp(repeat, known.length),
      invoices: sum("invoices"),
      sales: sum("sales"),
      returns: sum("returns"),
      net: sum("net"),
      walkInInvoices: walkIn?.invoices ?? 0,
      walkInNet: walkIn?.net ?? 0,
    },
  };
}

/**
 * rfmReport: RFM segmentation of known customers (walk-in sales have no customer) over a date range
 * (default the {@link RFM_DEFAULT_DAYS} days to today), from report_sale_docs:
 *   recency   = days from the customer's last invoice to `to` (fewer is better),
 *   frequency = invoices in range,
 *   monetary  = net sales in range (invoices − credit notes, tax included, minor units).
 * Each is scored 1–5 by quintile of the customers' distribution (5 = best; equal values share a score),
 * and the pair (R, round-half-up((F + M) / 2)) names a segment from {@link rfmSegment}.
 */
import type { z } from "@hono/zod-openapi";
import { localDay } from "../../../durable-objects/pos/series";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { minorUnitDigits } from "../tax";
import { daysBetween } from "./ageing";
import { addDays } from "./expiring";
import type { ReportResult } from "./sales";
import { dateRange, RangeQuery, storeScope } from "./scope";
import { type Column, sumColumns } from "./table";

/** Default look-back of the RFM report: 365 days (a year of buying). */
export const RFM_DEFAULT_DAYS = 365;
/** Number of score bands: quintiles (the usual RFM scale, 1–5). */
export const RFM_BANDS = 5;

/** Segment names, best first. */
export const RFM_SEGMENTS = ["champions", "loyal", "new", "promising", "cant_lose", "at_risk", "hibernating", "lost"] as const;
/** A segment. */
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** GET /v1/reports/rfm query. */
export const RfmQuery = RangeQuery;
/** Parsed RFM query. */
export type RfmQuery = z.infer<typeof RfmQuery>;

const COLUMNS: Column[] = [
  { key: "key", label: "Customer", type: "text" },
  { key: "label", label: "Name", type: "text" },
  { key: "lastDay", label: "Last purchase", type: "text" },
  { key: "recencyDays", label: "Recency (days)", type: "text" },
  { key: "invoices", label: "Invoices", type: "int" },
  { key: "net", label: "Net", type: "money" },
  { key: "r", label: "R", type: "text" },
  { key: "f", label: "F", type: "text" },
  { key: "m", label: "M", type: "text" },
  { key: "segment", label: "Segment", type: "text" },
];

/**
 * Quintile scores of `values` (1..bands, higher value → higher score; `lowerIsBetter` flips it):
 * ceil(bands × share of values at or below this one), the customer's cumulative distribution in
 * bands. Equal values share a score, and the best value always scores `bands` (so customers who all
 * bought today are all R = 5).
 */
export function quintileScores(values: number[], lowerIsBetter = false, bands = RFM_BANDS): number[] {
  const n = values.length;
  const v = values.map((x) => (lowerIsBetter ? -x : x));
  const sorted = [...v].sort((a, b) => a - b);
  /** How many values are ≤ x: binary search for the first value above x. */
  const atOrBelow = (x: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return v.map((x) => Math.ceil((atOrBelow(x) * bands) / n));
}

/** The segment of recency score `r` and frequency/monetary scores `f`, `m` (each 1–5). */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const fm = Math.floor((f + m + 1) / 2); // round half up of the mean
  if (r >= 4) return fm >= 4 ? "champions" : fm === 3 ? "loyal" : "new";
  if (r === 3) return fm >= 3 ? "loyal" : "promising";
  if (fm >= 4) return "cant_lose";
  if (fm === 3) return "at_risk";
  return r === 2 ? "hibernating" : "lost";
}

/** The RFM report. @throws DomainError forbidden, store_forbidden, validation_failed. */
export async function rfmReport({ ctx, input }: { ctx: ServiceContext; input: RfmQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const today = localDay(new Date().toISOString(), ctx.tenant.timeZone);
  const { from, to } = dateRange(ctx, { from: input.from ?? addDays(input.to ?? today, -(RFM_DEFAULT_DAYS - 1)), to: input.to });
  const scope = storeScope(ctx, input.storeId);
  const found = (
    await ctx.d1
      .prepare(
        `SELECT customer_key AS key, COALESCE(MAX(customer_name), customer_key) AS label, MAX(CASE WHEN kind = 'invoice' THEN day END) AS lastDay,
           SUM(kind = 'invoice') AS invoices, SUM(CASE WHEN kind = 'invoice' THEN line_total ELSE -line_total END) AS net
         FROM report_sale_docs WHERE customer_key IS NOT NULL AND day BETWEEN ? AND ? AND ${scope.sql("store_id")}
         GROUP BY customer_key HAVING invoices > 0 ORDER BY key`,
      )
      .bind(from, to, ...scope.binds)
      .all<{ key: string; label: string; lastDay: string; invoices: number; net: number }>()
  ).results;
  const recency = found.map((c) => daysBetween(c.lastDay, to));
  const r = quintileScores(recency, true);
  const f = quintileScores(found.map((c) => c.invoices));
  const m = quintileScores(found.map((c) => c.net));
  const rows = found
    .map((c, i) => ({ ...c, recencyDays: recency[i]!, r: r[i]!, f: f[i]!, m: m[i]!, segment: rfmSegment(r[i]!, f[i]!, m[i]!) }))
    .sort((a, b) => RFM_SEGMENTS.indexOf(a.segment) - RFM_SEGMENTS.indexOf(b.segment) || b.net - a.net || a.key.localeCompare(b.key));
  const bySegment = Object.fromEntries(RFM_SEGMENTS.map((s) => [`segment_${s}`, rows.filter((x) => x.segment === s).length]));
  return {
    report: "rfm",
    name: "rfm",
    from,
    to,
    groupBy: "customer",
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    columns: COLUMNS,
    rows,
    totals: { ...sumColumns(COLUMNS, rows), customers: rows.length, ...bySegment },
  };
}

/**
 * Udhaar (on-account) receivables per store and customer, with ageing buckets, from the report facts
 * (facts.ts): a sale's udhaar tender (report_tenders type udhaar, kind payment) is a charge on its
 * invoice day; a return refunded to udhaar (kind refund) is a credit. The store object keeps the
 * same figures in pos_receivables (durable-objects/pos/checkout.ts, returns.ts) — the truth for the
 * credit limit; this is its projection for reports.
 *
 * Credits settle the oldest charges first (FIFO), so what remains of each charge is aged from its
 * invoice day to `asOf`: 0–30, 31–60, 61–90, 90+ days (AGE_BUCKETS in ageing.ts). A charge is
 * overdue {@link UDHAAR_DUE_DAYS} days after its invoice day.
 *
 * Not covered yet (documented in docs/reports.md): payments that settle udhaar (no settlement verb
 * exists), and invoice cancellations (their facts are not projected here).
 */
import { z } from "@hono/zod-openapi";
import { localDay } from "../../../durable-objects/pos/series";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { minorUnitDigits } from "../tax";
import { AGE_BUCKETS, daysBetween } from "./ageing";
import type { ReportResult } from "./sales";
import { Day, storeScope } from "./scope";
import { type Column, sumColumns } from "./table";

/** Days of credit a shop gives on udhaar before a charge is overdue: 30 (the shop's usual monthly settling). */
export const UDHAAR_DUE_DAYS = 30;

/** GET /v1/reports/receivables query. */
export const ReceivablesQuery = z.object({
  asOf: Day.optional().openapi({ description: "The day balances are aged to, in the tenant's time zone (default: today)" }),
  storeId: z.string().min(1).max(64).optional(),
});
/** Parsed receivables query. */
export type ReceivablesQuery = z.infer<typeof ReceivablesQuery>;

/** One customer's udhaar in one store. Money in minor units. */
export interface Receivable {
  storeId: string;
  /** The customer's phone (udhaar needs one). */
  customer: string;
  name: string | null;
  charged: number;
  credited: number;
  /** charged − credited. */
  outstanding: number;
  /** Remaining of the charges by age: b0_30, b31_60, b61_90, b90_plus; sums to outstanding when it is ≥ 0. */
  b0_30: number;
  b31_60: number;
  b61_90: number;
  b90_plus: number;
  /** Remaining of the charges older than UDHAAR_DUE_DAYS. */
  overdue: number;
  /** Invoice day of the oldest charge not fully settled (null when none is). */
  oldestDay: string | null;
}

const BUCKET_KEYS = ["b0_30", "b31_60", "b61_90", "b90_plus"] as const;

/**
 * Balances of every customer with udhaar in `storeIds` (null = all stores) as of `asOf`, oldest
 * first settled. Only customers with a non-zero balance are returned. A refund to udhaar is the
 * customer's of the sale it came from; a return without a receipt (no sale) names its own.
 */
export async function udhaarReceivables(d1: D1Database, asOf: string, storeIds: string[] | null): Promise<Receivable[]> {
  const rows = await d1
    .prepare(
      `SELECT t.kind, d.store_id AS storeId, d.day, t.amount,
         CASE WHEN t.kind = 'payment' OR d.sale_id IS NULL THEN d.customer_key
              ELSE (SELECT i.customer_key FROM report_sale_docs i WHERE i.sale_id = d.sale_id AND i.kind = 'invoice' LIMIT 1) END AS customer,
         CASE WHEN t.kind = 'payment' THEN d.customer_name END AS name
       FROM report_tenders t JOIN report_sale_docs d ON d.id = t.doc_id
       WHERE t.type = 'udhaar' AND d.day <= ?1 AND (?2 IS NULL OR d.store_id IN (SELECT value FROM json_each(?2)))
       ORDER BY d.day, t.id`,
    )
    .bind(asOf, storeIds === null ? null : JSON.stringify(storeIds))
    .all<{ kind: string; storeId: string; day: string; amount: number; customer: string | null; name: string | null }>();
  const groups = new Map<
    string,
    { storeId: string; customer: string; name: string | null; charges: { day: string; amount: number; left: number }[]; credited: number }
  >();
  for (const r of rows.results) {
    if (r.customer === null) continue; // udhaar always has a phone; a fact without one is not a receivable
    const k = `${r.storeId}\n${r.customer}`;
    let g = groups.get(k);
    if (!g) {
      g = { storeId: r.storeId, customer: r.customer, name: null, charges: [], credited: 0 };
      groups.set(k, g);
    }
    if (r.kind === "payment") {
      g.charges.push({ day: r.day, amount: r.amount, left: r.amount });
      g.name = r.name ?? g.name;
    } else g.credited += r.amount;
  }
  const out: Receivable[] = [];
  for (const g of groups.values()) {
    let credit = g.credited;
    for (const c of g.charges) {
      const used = Math.min(credit, c.left);
      c.left -= used;
      credit -= used;
    }
    const charged = g.charges.reduce((a, c) => a + c.amount, 0);
    const rec: Receivable = {
      storeId: g.storeId,
      customer: g.customer,
      name: g.name,
      charged,
      credited: g.credited,
      outstanding: charged - g.credited,
      b0_30: 0,
      b31_60: 0,
      b61_90: 0,
      b90_plus: 0,
      overdue: 0,
      oldestDay: null,
    };
    for (const c of g.charges) {
      if (c.left === 0) continue;
      const age = daysBetween(c.day, asOf);
      const b = AGE_BUCKETS.findIndex((upper) => age <= upper);
      rec[BUCKET_KEYS[b === -1 ? BUCKET_KEYS.length - 1 : b]!] += c.left;
      if (age > UDHAAR_DUE_DAYS) rec.overdue += c.left;
      rec.oldestDay ??= c.day;
    }
    if (rec.outstanding !== 0) out.push(rec);
  }
  return out.sort((a, b) => a.storeId.localeCompare(b.storeId) || b.outstanding - a.outstanding || a.customer.localeCompare(b.customer));
}

const COLUMNS: Column[] = [
  { key: "storeId", label: "Store", type: "text" },
  { key: "customer", label: "Customer", type: "text" },
  { key: "name", label: "Name", type: "text" },
  { key: "charged", label: "Charged", type: "money" },
  { key: "credited", label: "Credited", type: "money" },
  { key: "outstanding", label: "Outstanding", type: "money" },
  { key: "b0_30", label: "0-30 days", type: "money" },
  { key: "b31_60", label: "31-60 days", type: "money" },
  { key: "b61_90", label: "61-90 days", type: "money" },
  { key: "b90_plus", label: "90+ days", type: "money" },
  { key: "overdue", label: `Overdue (>${UDHAAR_DUE_DAYS} days)`, type: "money" },
  { key: "oldestDay", label: "Oldest charge", type: "text" },
];

/** The udhaar receivables report. @throws DomainError forbidden, store_forbidden. */
export async function receivablesReport({ ctx, input }: { ctx: ServiceContext; input: ReceivablesQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const asOf = input.asOf ?? localDay(new Date().toISOString(), ctx.tenant.timeZone);
  const scope = storeScope(ctx, input.storeId);
  const rows = (await udhaarReceivables(ctx.d1, asOf, scope.storeIds)) as unknown as Record<string, string | number | null>[];
  return {
    report: "receivables",
    name: "udhaar-receivables",
    from: asOf,
    to: asOf,
    groupBy: "customer",
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    columns: COLUMNS,
    rows,
    totals: { ...sumColumns(COLUMNS, rows), customers: rows.length },
  };
}

/**
 * salesReport: sales over a date range grouped by day, ISO week, month, store, product, category,
 * cashier, customer or tender — from the report facts (tables.ts): document-level groupings (time,
 * store, cashier, customer) scan report_sale_docs alone (its covering index); product and category
 * scan report_sale_lines' and report_costs' covering indexes. Definitions (minor units; credit notes are returns):
 *   gross      Σ invoice lines' quantity × price, in the prices' tax terms, before discounts
 *   discounts  Σ invoice lines' line + bill discounts
 *   sales      Σ invoice lines' line totals (tax included)      returns  Σ credit-note lines' line totals
 *   net        sales − returns                                   tax      invoice tax − credit-note tax
 *   netExTax   invoice taxable value − credit-note taxable value (net revenue)
 *   cogs       Σ cost of sale entries − Σ cost of return entries (ledger valuation, from stock.moved)
 *   margin     netExTax − cogs; marginBp = margin ÷ netExTax in basis points
 *   roundOff   invoices' − credit notes' round-off (document-level groupings only); collected = net + roundOff
 * Totals are the exact integer sums of the rows.
 */
import { z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { minorUnitDigits } from "../tax";
import { dateRange, RangeQuery, storeScope } from "./scope";
import { type Column, type ReportTable, ratioBp, sumColumns } from "./table";

/** Ways to group the sales report. */
export const SALES_GROUPS = ["day", "week", "month", "store", "product", "category", "cashier", "customer", "tender", "none"] as const;
/** A sales grouping. */
export type SalesGroup = (typeof SALES_GROUPS)[number];

/** GET /v1/reports/sales query (besides format). */
export const SalesQuery = RangeQuery.extend({ groupBy: z.enum(SALES_GROUPS).default("day") });
/** Parsed sales query. */
export type SalesQuery = z.infer<typeof SalesQuery>;

/** Group key expression over a fact alias, per grouping. ISO weeks are keyed by their Monday. */
function keyOf(group: SalesGroup, a: "l" | "d"): string {
  switch (group) {
    case "day":
      return `${a}.day`;
    case "week":
      return `date(${a}.day, '-6 days', 'weekday 1')`;
    case "month":
      return `substr(${a}.day, 1, 7)`;
    case "store":
      return `${a}.store_id`;
    case "cashier":
      return `${a}.cashier`;
    case "customer":
      return `${a}.customer_key`;
    case "none":
      return "'all'";
    default:
      throw new Error(`no document key for ${group}`);
  }
}

const DOC_LEVEL: readonly SalesGroup[] = ["day", "week", "month", "store", "cashier", "customer", "none"];

/** Label lookups for keys that are ids. */
const LABEL_SQL: Partial<Record<SalesGroup, string>> = {
  store: "SELECT id AS k, code || ' ' || name AS label FROM stores",
  category: "SELECT id AS k, name AS label FROM catalog_categories",
  cashier: "SELECT id AS k, name AS label FROM users",
  product: "SELECT v.sku AS k, p.name AS label FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id",
};

/** Counts of document-level groupings; product and category count lines instead (a line names one SKU). */
const DOC_COUNTS: Column[] = [
  { key: "invoices", label: "Invoices", type: "int" },
  { key: "creditNotes", label: "Credit notes", type: "int" },
];
const LINE_COUNTS: Column[] = [
  { key: "invoiceLines", label: "Invoice lines", type: "int" },
  { key: "creditNoteLines", label: "Credit-note lines", type: "int" },
];

const MEASURES: Column[] = [
  { key: "quantitySold", label: "Qty sold", type: "int" },
  { key: "quantityReturned", label: "Qty returned", type: "int" },
  { key: "gross", label: "Gross", type: "money" },
  { key: "discounts", label: "Discounts", type: "money" },
  { key: "sales", label: "Sales", type: "money" },
  { key: "returns", label: "Returns", type: "money" },
  { key: "net", label: "Net", type: "money" },
  { key: "tax", label: "Tax", type: "money" },
  { key: "netExTax", label: "Net ex. tax", type: "money" },
  { key: "cogs", label: "COGS", type: "money" },
  { key: "margin", label: "Margin", type: "money" },
  { key: "marginBp", label: "Margin %", type: "bp" },
  { key: "roundOff", label: "Round-off", type: "money" },
  { key: "collected", label: "Collected", type: "money" },
];

const TENDER_MEASURES: Column[] = [
  { key: "payments", label: "Payments", type: "int" },
  { key: "received", label: "Received", type: "money" },
  { key: "refunds", label: "Refunds", type: "int" },
  { key: "refunded", label: "Refunded", type: "money" },
  { key: "net", label: "Net", type: "money" },
];

/** The answer of a report: metadata, one table, totals. */
export interface ReportResult extends ReportTable {
  report: string;
  from: string;
  to: string;
  groupBy: string;
  currency: string;
  /** Minor-unit digits of the currency (2 for INR). */
  digits: number;
  timeZone: string;
  storeIds: string[] | null;
  totals: Record<string, number | null>;
}

type Row = Record<string, number | string | null>;

async function all<T>(ctx: ServiceContext, sql: string, binds: unknown[]): Promise<T[]> {
  return (
    await ctx.d1
      .prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}

/**
 * The sales report. @throws DomainError forbidden (no reports.read), store_forbidden (a store
 * outside the actor's), validation_failed (range).
 */
export async function salesReport({ ctx, input }: { ctx: ServiceContext; input: SalesQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const { from, to } = dateRange(ctx, input);
  const scope = storeScope(ctx, input.storeId);
  const group = input.groupBy;
  const base = {
    report: "sales",
    from,
    to,
    groupBy: group,
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    name: "sales",
  };
  const labels = new Map<string, string>();
  if (LABEL_SQL[group]) for (const r of await all<{ k: string; label: string }>(ctx, LABEL_SQL[group], [])) labels.set(r.k, r.label);
  const keyColumns: Column[] = [
    { key: "key", label: group, type: "text" },
    { key: "label", label: "Name", type: "text" },
  ];

  if (group === "tender") {
    const rows = await all<Row>(
      ctx,
      `SELECT t.type AS key, SUM(t.kind = 'payment') AS payments, SUM(CASE WHEN t.kind = 'payment' THEN t.amount ELSE 0 END) AS received,
         SUM(t.kind = 'refund') AS refunds, SUM(CASE WHEN t.kind = 'refund' THEN t.amount ELSE 0 END) AS refunded
       FROM report_tenders t WHERE t.day BETWEEN ? AND ? AND ${scope.sql("t.store_id")} GROUP BY t.type ORDER BY t.type`,
      [from, to, ...scope.binds],
    );
    for (const r of rows) {
      r.net = (r.received as number) - (r.refunded as number);
      r.label = r.key ?? null;
    }
    const columns = [...keyColumns, ...TENDER_MEASURES];
    return { ...base, columns, rows, totals: sumColumns(columns, rows) };
  }

  const docLevel = DOC_LEVEL.includes(group);
  const sources: Row[][] = [];
  if (docLevel) {
    // Every measure of a document-level grouping is on report_sale_docs (its covering index): one scan.
    sources.push(
      await all<Row>(
        ctx,
        `SELECT ${keyOf(group, "d")} AS key, ${group === "customer" ? "MAX(d.customer_name) AS label," : ""}
           SUM(d.kind = 'invoice') AS invoices, SUM(d.kind = 'credit_note') AS creditNotes,
           ${signedSums("d", "d.round_off AS roundOff, d.cogs AS cogs")}
         FROM report_sale_docs d WHERE d.day BETWEEN ? AND ? AND ${scope.sql("d.store_id")} GROUP BY key`,
        [from, to, ...scope.binds],
      ),
    );
  } else {
    const lineKey = group === "product" ? "l.sku" : "l.category_id";
    sources.push(
      await all<Row>(
        ctx,
        `SELECT ${lineKey} AS key, SUM(l.kind = 'invoice') AS invoiceLines, SUM(l.kind = 'credit_note') AS creditNoteLines, ${signedSums("l", "")}
         FROM report_sale_lines l WHERE l.day BETWEEN ? AND ? AND ${scope.sql("l.store_id")} GROUP BY key`,
        [from, to, ...scope.binds],
      ),
    );
    // COGS per SKU from the costs' covering index, then (category) mapped through the catalog per SKU.
    const perSku = `SELECT c.sku, SUM(CASE WHEN c.kind = 'sale' THEN c.cost ELSE -c.cost END) AS cogs
      FROM report_costs c WHERE c.day BETWEEN ? AND ? AND ${scope.sql("c.store_id")} GROUP BY c.sku`;
    sources.push(
      await all<Row>(
        ctx,
        group === "product"
          ? `SELECT sku AS key, cogs FROM (${perSku})`
          : `SELECT (SELECT p.category_id FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id WHERE v.sku = s.sku) AS key,
               SUM(s.cogs) AS cogs FROM (${perSku}) s GROUP BY key`,
        [from, to, ...scope.binds],
      ),
    );
  }

  const byKey = new Map<string, Row>();
  const rowOf = (key: string | null) => {
    const k = key ?? "";
    let r = byKey.get(k);
    if (!r) {
      r = { key: key, label: key === null ? (group === "customer" ? "Walk-in" : "(none)") : (labels.get(key) ?? key) };
      for (const m of [...(docLevel ? DOC_COUNTS : LINE_COUNTS), ...MEASURES]) r[m.key] = m.type === "bp" ? null : 0;
      byKey.set(k, r);
    }
    return r;
  };
  for (const src of sources)
    for (const s of src) {
      const r = rowOf(s.key as string | null);
      for (const [k, v] of Object.entries(s)) if (k !== "key" && typeof v === "number") r[k] = v;
      if (typeof s.label === "string") r.label = s.label;
    }
  for (const r of byKey.values()) finish(r, docLevel);
  const rows = [...byKey.values()];
  if (["day", "week", "month"].includes(group)) rows.sort((a, b) => String(a.key).localeCompare(String(b.key)));
  else rows.sort((a, b) => (b.net as number) - (a.net as number) || String(a.key).localeCompare(String(b.key)));
  const columns = [
    ...keyColumns,
    ...(docLevel ? DOC_COUNTS : LINE_COUNTS),
    ...MEASURES.filter((m) => docLevel || (m.key !== "roundOff" && m.key !== "collected")),
  ];
  const totals: Record<string, number | null> = sumColumns(columns, rows);
  totals.marginBp = ratioBp(totals.margin ?? 0, totals.netExTax ?? 0);
  return { ...base, columns, rows, totals };
}

/**
 * The SUM columns shared by line and document facts of alias `a` (invoices add, credit notes are
 * returns), plus `extra` "expr AS name" pairs summed with the credit-note sign.
 */
function signedSums(a: string, extra: string): string {
  const inv = `${a}.kind = 'invoice'`;
  const signed = extra
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [expr, name] = x.split(/\s+AS\s+/);
      return `SUM(CASE WHEN ${inv} THEN ${expr} ELSE -${expr} END) AS ${name}`;
    });
  return [
    `SUM(CASE WHEN ${inv} THEN ${a}.quantity ELSE 0 END) AS quantitySold`,
    `SUM(CASE WHEN ${inv} THEN 0 ELSE ${a}.quantity END) AS quantityReturned`,
    `SUM(CASE WHEN ${inv} THEN ${a}.gross ELSE 0 END) AS gross`,
    `SUM(CASE WHEN ${inv} THEN ${a}.discount ELSE 0 END) AS discounts`,
    `SUM(CASE WHEN ${inv} THEN ${a}.line_total ELSE 0 END) AS sales`,
    `SUM(CASE WHEN ${inv} THEN 0 ELSE ${a}.line_total END) AS returns`,
    `SUM(CASE WHEN ${inv} THEN ${a}.tax_total ELSE -${a}.tax_total END) AS tax`,
    `SUM(CASE WHEN ${inv} THEN ${a}.taxable ELSE -${a}.taxable END) AS netExTax`,
    ...signed,
  ].join(",\n           ");
}

/** Derived measures of a row: net, margin, margin %, collected. */
function finish(r: Row, docLevel: boolean): void {
  const n = (k: string) => (r[k] as number) ?? 0;
  r.net = n("sales") - n("returns");
  r.margin = n("netExTax") - n("cogs");
  r.marginBp = ratioBp(n("margin"), n("netExTax"));
  if (docLevel) r.collected = n("net") + n("roundOff");
  else {
    delete r.roundOff;
    delete r.collected;
  }
}

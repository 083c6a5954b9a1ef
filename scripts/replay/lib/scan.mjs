/**
 * First pass over the data: the catalog (latest description wins, earlier ones kept as aliases),
 * the stock each SKU needs per month (what it sells and writes off in the whole calendar month), and the number of
 * invoices the replay will place (for the progress bar).
 */
import { ceilPence } from "./money.mjs";
import { kindOf, lineRole, monthOf, skuOf } from "./rows.mjs";

/**
 * @param {AsyncIterable<Record<string,string>>|Iterable<Record<string,string>>} rows
 * @param {{from?: string, to?: string}} range
 * @returns {Promise<{items: Map<string, {sku:string, code:string, kind:string, name:string, aliases:string[], lastPrice:number}>,
 *   needs: Map<string, Map<string, number>>, invoices: number, lines: number, first: string|null, last: string|null}>}
 */
export async function scanRows(rows, range = {}) {
  const items = new Map();
  const needs = new Map();
  const invoices = new Set();
  let lines = 0;
  let first = null;
  let last = null;
  // The catalog and a month's goods receipt cover the whole month's needs, whatever days the range takes, so a
  // rerun with another range finds the same receipt (same idempotency key, same lines) already done.
  const fromMonth = range.from?.slice(0, 7);
  const toMonth = range.to?.slice(0, 7);
  for await (const r of rows) {
    const day = r.InvoiceDate.slice(0, 10);
    const m = monthOf(r.InvoiceDate);
    if ((fromMonth && m < fromMonth) || (toMonth && m > toMonth)) continue;
    const role = lineRole(r);
    const sku = skuOf(r.StockCode);
    if ((role === "sale" || role === "writeoff") && kindOf(r.StockCode.trim()) === "stock") {
      if (!needs.has(m)) needs.set(m, new Map());
      const n = needs.get(m);
      n.set(sku, (n.get(sku) ?? 0) + Math.abs(Number(r.Quantity)));
    }
    if (!items.has(sku))
      items.set(sku, { sku, code: r.StockCode.trim(), kind: kindOf(r.StockCode.trim()), names: new Map(), saleName: null, lastPrice: 0 });
    const it = items.get(sku);
    const desc = (r.Description ?? "").trim();
    if (desc) {
      it.names.set(desc, r.InvoiceDate);
      if (role === "sale") it.saleName = desc; // descriptions of sales win over write-off notes ("damaged", "?")
    }
    if (role === "sale" && Number(r.UnitPrice) > 0) it.lastPrice = ceilPence(r.UnitPrice);
    if ((range.from && day < range.from) || (range.to && day > range.to)) continue;
    lines++;
    if (first === null || r.InvoiceDate < first) first = r.InvoiceDate;
    if (last === null || r.InvoiceDate > last) last = r.InvoiceDate;
    if (role === "sale" || role === "writeoff" || role === "cancel") invoices.add(r.InvoiceNo);
  }
  for (const it of items.values()) {
    const latest = [...it.names.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([d]) => d);
    it.name = (it.saleName ?? latest.at(-1) ?? it.code).slice(0, 200);
    it.aliases = latest.filter((d) => d !== it.name);
    delete it.names;
    delete it.saleName;
  }
  return { items, needs, invoices: invoices.size, lines, first, last };
}

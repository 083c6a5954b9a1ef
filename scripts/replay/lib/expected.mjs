/**
 * The figures the reconciliation expects, computed from the CSV alone with a few lines of plain
 * parsing — no Edgetill code. Every line amount is quantity × unit price rounded half-up to the
 * penny (money.mjs, integer arithmetic on the decimal string).
 *
 * Definitions (pence; month = the InvoiceDate's calendar month, UK local time):
 *   invoices       distinct non-C invoices with at least one sale line (quantity > 0, price ≥ 0)
 *   cancellations  distinct C invoices
 *   gross          Σ sale lines' amounts            returns  Σ |C lines' amounts|
 *   net            gross − returns
 * Lines that are not sales by these rules (negative-price "Adjust bad debt", negative quantities
 * outside C invoices: stock write-offs at price 0) are outside gross and returns.
 */
import { lineAmountPence } from "./money.mjs";
import { customerIdOf, lineRole } from "./rows.mjs";

/** Label of the anonymous sales' row in the by-country table. */
export const WALK_IN = "(no CustomerID)";

/**
 * @param {AsyncIterable<Record<string,string>>|Iterable<Record<string,string>>} rows CSV records (header names as keys)
 * @param {{from?: string, to?: string}} range days "YYYY-MM-DD", inclusive
 */
export async function expectedFigures(rows, range = {}) {
  const months = new Map();
  const units = new Map();
  const countries = new Map();
  const month = (m) => {
    if (!months.has(m)) months.set(m, { invoices: new Set(), cancellations: new Set(), gross: 0, returns: 0 });
    return months.get(m);
  };
  for await (const r of rows) {
    const day = r.InvoiceDate.slice(0, 10);
    if ((range.from && day < range.from) || (range.to && day > range.to)) continue;
    const role = lineRole(r);
    if (role !== "sale" && role !== "cancel") continue;
    const amount = lineAmountPence(r.Quantity, r.UnitPrice);
    const m = month(r.InvoiceDate.slice(0, 7));
    const country = customerIdOf(r.CustomerID) ? r.Country : WALK_IN;
    if (role === "sale") {
      m.invoices.add(r.InvoiceNo);
      m.gross += amount;
      const code = r.StockCode.trim().toUpperCase();
      units.set(code, (units.get(code) ?? 0) + Number(r.Quantity));
      countries.set(country, (countries.get(country) ?? 0) + amount);
    } else {
      m.cancellations.add(r.InvoiceNo);
      m.returns += -amount;
      countries.set(country, (countries.get(country) ?? 0) + amount);
    }
  }
  const perMonth = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([m, x]) => ({
      month: m,
      invoices: x.invoices.size,
      cancellations: x.cancellations.size,
      gross: x.gross,
      returns: x.returns,
      net: x.gross - x.returns,
    }));
  const topSkus = [...units.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([sku, u]) => ({ sku, units: u }));
  return { perMonth, topSkus, byCountry: new Map([...countries.entries()].sort(([a], [b]) => a.localeCompare(b))) };
}

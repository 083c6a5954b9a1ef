/**
 * Reconciliation: the CSV's own figures (expected.mjs) against Edgetill's reports for the same
 * days — per month (GET /v1/reports/sales?groupBy=month), the top 10 SKUs by units sold
 * (groupBy=product) and net sales by the customer's country (groupBy=customer; the country is in
 * the customer's name, see replay.mjs customerOf). Mapping of the columns:
 *   invoices ↔ invoices, cancellations ↔ creditNotes, gross ↔ sales (line totals, tax included,
 *   after the sub-penny discounts), returns ↔ returns, net ↔ net, units ↔ quantitySold.
 * A cancellation whose lines go back against several earlier sales is one credit note per sale (a
 * credit note cites one invoice, CGST Rules rule 53(1A)); the replay counts the credit notes beyond
 * one per cancellation (`extraCreditNotes`, per month), and the strict check compares the
 * cancellations plus those with the credit notes: a known, explained difference — any other is a bug.
 * `unplaced` (what the replay could not place, with its amount) is shown beside each row, so a
 * difference that it explains is told apart from one that is a bug.
 */

import { WALK_IN } from "./expected.mjs";
import { formatPence } from "./money.mjs";
import { COUNTRY_SEP } from "./replay.mjs";
import { skuOf } from "./rows.mjs";

/**
 * @param {{ client: object, expected: Awaited<ReturnType<import("./expected.mjs").expectedFigures>>, from: string, to: string, unplaced?: object[],
 *   extraDocs?: Map<string, number>, extraCreditNotes?: Map<string, number> }} o
 * @returns {Promise<{ months: object[], skus: object[], countries: object[], ok: boolean, okAfterUnplaced: boolean }>}
 */
export async function reconcile(o) {
  const q = (g) => `/v1/reports/sales?groupBy=${g}&from=${o.from}&to=${o.to}`;
  const [byMonth, byProduct, byCustomer] = await Promise.all([
    o.client.request("GET", q("month")),
    o.client.request("GET", q("product")),
    o.client.request("GET", q("customer")),
  ]);
  const unplaced = o.unplaced ?? [];
  const unplacedOf = (m, kind) => unplaced.filter((u) => u.month === m && u.kind === kind).reduce((a, u) => a + Math.abs(u.amount), 0);

  const months = o.expected.perMonth.map((e) => {
    const r = byMonth.rows.find((x) => x.key === e.month) ?? {};
    const got = {
      invoices: r.invoices ?? 0,
      cancellations: r.creditNotes ?? 0,
      gross: r.sales ?? 0,
      returns: r.returns ?? 0,
      net: r.net ?? 0,
    };
    const miss = {
      gross: unplacedOf(e.month, "sale"),
      returns: unplacedOf(e.month, "return"),
      extraDocs: o.extraDocs?.get(e.month) ?? 0,
      extraCreditNotes: o.extraCreditNotes?.get(e.month) ?? 0,
    };
    return { month: e.month, expected: e, got, unplaced: miss };
  });
  const skus = o.expected.topSkus.map((e) => {
    const r = byProduct.rows.find((x) => x.key === skuOf(e.sku)) ?? {};
    return { sku: e.sku, expected: e.units, got: r.quantitySold ?? 0 };
  });
  const gotCountry = new Map();
  for (const r of byCustomer.rows) {
    const label = r.key === null ? WALK_IN : (String(r.label ?? "").split(COUNTRY_SEP)[1] ?? String(r.label));
    gotCountry.set(label, (gotCountry.get(label) ?? 0) + (r.net ?? 0));
  }
  const names = [...new Set([...o.expected.byCountry.keys(), ...gotCountry.keys()])].sort();
  // Unplaced sales lower a country's net, unplaced returns raise it.
  const unplacedNet = (c) =>
    unplaced.filter((u) => u.country === c && (u.kind === "sale" || u.kind === "return")).reduce((a, u) => a + u.amount, 0);
  const countries = names.map((c) => ({
    country: c,
    expected: o.expected.byCountry.get(c) ?? 0,
    got: gotCountry.get(c) ?? 0,
    unplaced: unplacedNet(c),
  }));

  const eq = (a, b) => a === b;
  const monthOk = (x, loose) =>
    eq(x.expected.invoices + (loose ? x.unplaced.extraDocs : 0), x.got.invoices) &&
    (loose || eq(x.expected.cancellations + x.unplaced.extraCreditNotes, x.got.cancellations)) &&
    eq(x.expected.gross - (loose ? x.unplaced.gross : 0), x.got.gross) &&
    eq(x.expected.returns - (loose ? x.unplaced.returns : 0), x.got.returns);
  const ok =
    months.every((x) => monthOk(x, false)) && skus.every((s) => s.expected === s.got) && countries.every((c) => c.expected === c.got);
  const okAfterUnplaced =
    months.every((x) => monthOk(x, true)) &&
    skus.every((s) => s.expected === s.got) &&
    countries.every((c) => c.expected - c.unplaced === c.got);
  return { months, skus, countries, ok, okAfterUnplaced };
}

const mark = (a, b) => (a === b ? "=" : "≠");

/**
 * The reconciliation as plain-text tables (CSV figure | Edgetill figure | match).
 * @param {Awaited<ReturnType<typeof reconcile>>} r
 * @param {{ currency?: "GBP"|"INR" }} [opts] INR (the GST replay) labels the minor units paise and the major ₹, one to one with the data's pounds
 */
export function formatReconciliation(r, opts = {}) {
  const out = [];
  const pad = (s, n) => String(s).padStart(n);
  const units = opts.currency === "INR" ? "paise shown as rupees, ₹1 = the data's £1" : "pence shown as pounds";
  out.push(`Per month (${units}): CSV | Edgetill (cancellations: CSV = Edgetill's credit notes − the extra ones on the right)`);
  out.push(
    `${"month".padEnd(8)} ${pad("invoices", 15)} ${pad("cancellations", 17)} ${pad("gross", 29)} ${pad("returns", 27)} ${pad("net", 29)}  unplaced gross / returns, extra sales / credit notes`,
  );
  for (const x of r.months) {
    const e = x.expected;
    const g = x.got;
    const cell = (a, b, w, money) => pad(`${money ? formatPence(a) : a}${mark(a, b)}${money ? formatPence(b) : b}`, w);
    // Cancellations ↔ credit notes less the explained extras: "326=363−37" reads "326 cancellations, 363 credit notes, 37 of
    // them a further invoice's note for a cancellation spanning several sales" (no extras: "326=326").
    const extra = x.unplaced.extraCreditNotes;
    const cancellations = pad(
      `${e.cancellations}${mark(e.cancellations + extra, g.cancellations)}${g.cancellations}${extra ? `−${extra}` : ""}`,
      17,
    );
    out.push(
      `${x.month.padEnd(8)} ${cell(e.invoices, g.invoices, 15)} ${cancellations} ${cell(e.gross, g.gross, 29, true)} ${cell(e.returns, g.returns, 27, true)} ${cell(e.net, g.net, 29, true)}  ${formatPence(x.unplaced.gross)} / ${formatPence(x.unplaced.returns)}, ${x.unplaced.extraDocs} / ${x.unplaced.extraCreditNotes}`,
    );
  }
  out.push("", "Top 10 SKUs by units sold: CSV | Edgetill");
  for (const s of r.skus) out.push(`${s.sku.padEnd(12)} ${pad(s.expected, 8)} ${mark(s.expected, s.got)} ${s.got}`);
  out.push("", "Net sales by the customer's country: CSV | Edgetill | unplaced");
  for (const c of r.countries)
    out.push(
      `${c.country.padEnd(22)} ${pad(formatPence(c.expected), 16)} ${mark(c.expected, c.got)} ${pad(formatPence(c.got), 16)}  ${formatPence(c.unplaced)}`,
    );
  out.push("", `Every row equal: ${r.ok ? "yes" : "no"}; equal once the unplaced lines are taken out: ${r.okAfterUnplaced ? "yes" : "no"}`);
  return out.join("\n");
}

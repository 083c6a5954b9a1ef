/**
 * gstr1Report: a GSTR-1 style summary of one month's outward supplies (CGST Rules 2017, rule 59;
 * form GSTR-1) from the report facts, in integer paise:
 *   b2b    (table 4A)  invoices to registered buyers, invoice-wise, one row per invoice and rate;
 *   b2cl   (table 5)   inter-state invoices to unregistered buyers above the B2CL limit, invoice-wise;
 *   b2cs   (table 7)   every other B2C supply, by place of supply, nature and rate, net of the credit
 *                      notes against such invoices (the form has no note table for them);
 *   cdnr   (table 9B)  credit notes to registered buyers, note-wise, per rate;
 *   cdnur  (table 9B)  credit notes to unregistered buyers against B2CL invoices;
 *   hsn    (table 12)  per HSN, UQC, rate and B2B/B2C (GSTN's Phase-III HSN reporting, 2025, splits B2B
 *                      and B2C), net of credit notes;
 *   docs   (table 13)  the invoice and credit-note series used (first, last, count) per store.
 * `checks` proves the sections add up to the invoices and notes of the month, exactly.
 *
 * A B2C credit note WITHOUT an original invoice (a return without a receipt,
 * src/domains/sales/unreceipted.ts) reduces B2CS (table 7) for the note's own month, place of supply,
 * nature (intra/inter-state) and rate. Rule: table 9B's CDNUR takes only notes against B2CL invoices
 * (and exports) — a note that cites no invoice cannot be one — and table 7 reports every other
 * supply to unregistered persons net of its credit notes (Form GSTR-1 instructions to table 7: "net
 * of debit/credit notes"), which is how B2C returns are reported there. Such a note is never B2B
 * (the return route refuses a GSTIN), so it never reaches CDNR.
 */
import { z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { minorUnitDigits } from "../tax";
import { add, b2clLimit, COLUMNS, quantityText, type Rated, TAX_KEYS, type Tax, zero } from "./gstr1-sections";
import { storeScope } from "./scope";
import type { ReportTable } from "./table";

/** GET /v1/reports/gstr1 query. */
export const Gstr1Query = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM")
    .openapi({ description: "The tax period, in the tenant's time zone", example: "2026-04" }),
  storeId: z.string().min(1).max(64).optional(),
  gstin: z.string().length(15).optional().openapi({ description: "The supplier GSTIN to file for (required when stores use several)" }),
});
/** Parsed GSTR-1 query. */
export type Gstr1Query = z.infer<typeof Gstr1Query>;

type Doc = {
  id: string;
  kind: string;
  store_id: string;
  day: string;
  issued_at: string;
  number: string;
  supplier_gstin: string | null;
  recipient_gstin: string | null;
  supply_type: string;
  place_of_supply: string | null;
  inter_state: number;
  grand_total: number;
  original_number: string | null;
  original_day: string | null;
  orig_value: number | null;
  orig_inter: number | null;
};

/** The GSTR-1 answer: one table per section plus totals and checks. */
export interface Gstr1Result {
  report: "gstr1";
  period: string;
  gstin: string | null;
  currency: string;
  digits: number;
  b2clLimit: number;
  tables: ReportTable[];
  totals: { invoices: Tax & { count: number; value: number }; creditNotes: Tax & { count: number; value: number } };
  checks: Record<string, boolean>;
}

/**
 * The GSTR-1 summary of a month. @throws DomainError forbidden, store_forbidden, unprocessable
 * (not a GST tenant; several supplier GSTINs and none chosen).
 */
export async function gstr1Report({ ctx, input }: { ctx: ServiceContext; input: Gstr1Query }): Promise<Gstr1Result> {
  assertCan(ctx.actor.role, "reports.read");
  if (ctx.tenant.taxRegime !== "gst") throw new DomainError("unprocessable", "GSTR-1 applies to GST tenants only");
  const scope = storeScope(ctx, input.storeId);
  const from = `${input.month}-01`;
  const to = `${input.month}-31`;
  const binds = [from, to, ...scope.binds];
  let docs = (
    await ctx.d1
      .prepare(
        `SELECT d.id, d.kind, d.store_id, d.day, d.issued_at, d.number, d.supplier_gstin, d.recipient_gstin, d.supply_type, d.place_of_supply,
           d.inter_state, d.grand_total, d.original_number, d.original_day, o.grand_total AS orig_value, o.inter_state AS orig_inter
         FROM report_sale_docs d LEFT JOIN report_sale_docs o ON o.id = d.original_id
         WHERE d.day BETWEEN ? AND ? AND ${scope.sql("d.store_id")} AND d.supply_type IN ('b2b', 'b2c') ORDER BY d.issued_at, d.number`,
      )
      .bind(...binds)
      .all<Doc>()
  ).results;
  const gstins = [...new Set(docs.map((d) => d.supplier_gstin))];
  const gstin = input.gstin?.toUpperCase() ?? (gstins.length <= 1 ? (gstins[0] ?? null) : null);
  if (!input.gstin && gstins.length > 1)
    throw new DomainError("unprocessable", `Stores file under several GSTINs (${gstins.join(", ")}): choose one with gstin`, {
      fields: [{ path: "gstin", message: "required" }],
    });
  docs = docs.filter((d) => d.supplier_gstin === gstin);
  const byDoc = new Map(docs.map((d) => [d.id, d]));

  // One scan of the month's lines, per document, rate, HSN and unit: both the rate-wise sections and table 12 come from it.
  const hsnParts = (
    await ctx.d1
      .prepare(
        `SELECT doc_id, kind, hsn, uqc, tax_rate_bp AS rate, supply_type, qty_scale AS scale, SUM(qty_units) AS units, SUM(taxable) AS taxable,
           SUM(igst) AS igst, SUM(cgst) AS cgst, SUM(sgst + utgst) AS sgst, SUM(cess) AS cess
         FROM report_sale_lines WHERE day BETWEEN ? AND ? AND ${scope.sql("store_id")} AND supply_type IN ('b2b', 'b2c')
         GROUP BY doc_id, kind, hsn, uqc, tax_rate_bp, supply_type, qty_scale`,
      )
      .bind(...binds)
      .all<Rated & { kind: string; hsn: string | null; uqc: string; supply_type: string; scale: number; units: number }>()
  ).results.filter((r) => byDoc.has(r.doc_id));
  const ratedBy = new Map<string, Rated>();
  for (const p of hsnParts) {
    const k = `${p.doc_id}|${p.rate}`;
    const r = ratedBy.get(k) ?? { ...zero(), doc_id: p.doc_id, rate: p.rate };
    add(r, p);
    ratedBy.set(k, r);
  }
  const rated = [...ratedBy.values()].sort((x, y) => x.doc_id.localeCompare(y.doc_id) || x.rate - y.rate);

  const limit = b2clLimit(input.month);
  const section = (d: Doc): string => {
    if (d.kind === "invoice") return d.supply_type === "b2b" ? "b2b" : d.inter_state && d.grand_total > limit ? "b2cl" : "b2cs";
    if (d.supply_type === "b2b") return "cdnr";
    // Without an original invoice (original_day and orig_inter null) a B2C note nets into B2CS: see the module docstring.
    const origLimit = b2clLimit((d.original_day ?? d.day).slice(0, 7));
    return d.orig_inter && (d.orig_value ?? 0) > origLimit ? "cdnur" : "b2cs";
  };
  const rows: Record<string, Record<string, string | number | null>[]> = {
    b2b: [],
    b2cl: [],
    b2cs: [],
    cdnr: [],
    cdnur: [],
    hsn: [],
    docs: [],
  };
  const sums: Record<string, Tax> = { b2b: zero(), b2cl: zero(), b2csInvoices: zero(), b2csNotes: zero(), cdnr: zero(), cdnur: zero() };
  const b2cs = new Map<string, Tax & { placeOfSupply: string | null; nature: string; rateBp: number }>();
  const taxCells = (r: Rated) => ({ rateBp: r.rate, taxable: r.taxable, igst: r.igst, cgst: r.cgst, sgst: r.sgst, cess: r.cess });
  for (const r of rated) {
    const d = byDoc.get(r.doc_id)!;
    const s = section(d);
    const common = { number: d.number, date: d.day, value: d.grand_total, placeOfSupply: d.place_of_supply };
    const note = { noteType: "C", originalNumber: d.original_number, originalDate: d.original_day };
    if (s === "b2b") rows.b2b!.push({ gstin: d.recipient_gstin, ...common, reverseCharge: "N", ...taxCells(r) });
    else if (s === "b2cl") rows.b2cl!.push({ ...common, ...taxCells(r) });
    else if (s === "cdnr") rows.cdnr!.push({ gstin: d.recipient_gstin, ...common, ...note, ...taxCells(r) });
    else if (s === "cdnur") rows.cdnur!.push({ urType: "B2CL", ...common, ...note, ...taxCells(r) });
    else {
      const nature = d.inter_state ? "INTER" : "INTRA";
      const k = `${d.place_of_supply}|${nature}|${r.rate}`;
      const g = b2cs.get(k) ?? { ...zero(), placeOfSupply: d.place_of_supply, nature, rateBp: r.rate };
      add(g, r, d.kind === "invoice" ? 1 : -1);
      b2cs.set(k, g);
    }
    add(sums[s === "b2cs" ? (d.kind === "invoice" ? "b2csInvoices" : "b2csNotes") : s]!, r);
  }
  rows.b2cs = [...b2cs.values()]
    .sort(
      (a, b) => String(a.placeOfSupply).localeCompare(String(b.placeOfSupply)) || a.nature.localeCompare(b.nature) || a.rateBp - b.rateBp,
    )
    .map((g) => ({ type: "OE", ...g }));

  // HSN summary (table 12): net of credit notes, per HSN, UQC, rate and B2B/B2C.
  const hsn = new Map<
    string,
    Tax & { hsn: string | null; uqc: string; rateBp: number; supplyType: string; q: { units: number; scale: number }[] }
  >();
  for (const p of hsnParts) {
    const supplyType = p.supply_type.toUpperCase();
    const k = `${p.hsn}|${supplyType}|${p.uqc}|${p.rate}`;
    const g = hsn.get(k) ?? { ...zero(), hsn: p.hsn, uqc: p.uqc, rateBp: p.rate, supplyType, q: [] };
    const sign = p.kind === "invoice" ? 1 : -1;
    add(g, p, sign);
    g.q.push({ units: sign * p.units, scale: p.scale });
    hsn.set(k, g);
  }
  rows.hsn = [...hsn.values()]
    .sort((a, b) => String(a.hsn).localeCompare(String(b.hsn)) || a.supplyType.localeCompare(b.supplyType) || a.rateBp - b.rateBp)
    .map(({ q, ...g }) => ({ ...g, quantity: quantityText(q), totalValue: g.taxable + g.igst + g.cgst + g.sgst + g.cess }));

  // Documents issued (table 13): per store and kind, in issue order.
  const series = new Map<string, { storeId: string; kind: string; first: string; last: string; count: number }>();
  for (const d of docs) {
    const k = `${d.store_id}|${d.kind}`;
    const s = series.get(k) ?? {
      storeId: d.store_id,
      kind: d.kind === "invoice" ? "Invoices for outward supply" : "Credit note",
      first: d.number,
      last: d.number,
      count: 0,
    };
    s.last = d.number;
    s.count++;
    series.set(k, s);
  }
  rows.docs = [...series.values()];

  const total = (kind: string) => {
    const t = { ...zero(), count: 0, value: 0 };
    for (const d of docs) {
      if (d.kind !== kind) continue;
      t.count++;
      t.value += d.grand_total;
    }
    for (const r of rated) if (byDoc.get(r.doc_id)!.kind === kind) add(t, r);
    return t;
  };
  const invoices = total("invoice");
  const creditNotes = total("credit_note");
  const same = (a: Tax, ...parts: [Tax, number][]) => TAX_KEYS.every((k) => a[k] === parts.reduce((s, [p, sign]) => s + sign * p[k], 0));
  const sumRows = (rs: Record<string, unknown>[]) => {
    const a = zero();
    for (const r of rs) add(a, r as unknown as Tax);
    return a;
  };
  const netInvoices = { ...zero() };
  add(netInvoices, invoices);
  add(netInvoices, creditNotes, -1);
  const checks = {
    invoicesEqualB2bB2clB2cs: same(invoices, [sums.b2b!, 1], [sums.b2cl!, 1], [sums.b2csInvoices!, 1]),
    notesEqualCdnrCdnurB2cs: same(creditNotes, [sums.cdnr!, 1], [sums.cdnur!, 1], [sums.b2csNotes!, 1]),
    b2csRowsEqualNet: same(sumRows(rows.b2cs), [sums.b2csInvoices!, 1], [sums.b2csNotes!, -1]),
    hsnEqualsNet: same(sumRows(rows.hsn), [netInvoices, 1]),
  };
  const tables = Object.entries(rows).map(([name, r]) => ({ name, columns: COLUMNS[name]!, rows: r }));
  return {
    report: "gstr1",
    period: input.month,
    gstin,
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    b2clLimit: limit,
    tables,
    totals: { invoices, creditNotes },
    checks,
  };
}

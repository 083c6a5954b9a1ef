/**
 * Report facts of a sale and of a return (tables.ts), written with the sales projection
 * (src/domains/sales/project.ts), so in the same D1 batch as the sale's rows, by both of its
 * writers: the checkout/return verbs right after the store object commits, and the
 * sales_projection consumer on sale.completed / sale.returned. Every statement is
 * `INSERT … ON CONFLICT DO NOTHING` keyed by the document and line: a repeat, a redelivered event
 * or either order of the two writers leaves exactly one row per line.
 *
 * The day bucket is the document's date of issue (`issuedOn`): the store object computes it at
 * commit from the sale instant in the tenant's time zone (Intl.DateTimeFormat, localDay in
 * durable-objects/pos/series.ts) — the same date the invoice prints and GSTR-1 files it under.
 */
import type { InvoiceDocument, ReturnDocument, SaleDocument } from "../../../durable-objects/pos/documents";
import type { ComputedLine } from "../tax";

/** Customer key of a document: the phone, else the GSTIN; null for an anonymous (walk-in) sale. */
export function customerKeyOf(p: { phone?: string | null; gstin?: string | null } | null | undefined): string | null {
  return p?.phone ?? p?.gstin ?? null;
}

/** Tax amount of `kinds` on a line, minor units. */
function taxOf(line: ComputedLine, ...kinds: string[]): number {
  return line.taxes.filter((t) => kinds.includes(t.kind)).reduce((a, t) => a + t.amount, 0);
}

/** Whether a GST document is inter-state (IGST): its place of supply is not the supplier's state. */
export function isInterState(doc: Pick<InvoiceDocument, "placeOfSupply" | "supplier">): boolean {
  return !!doc.placeOfSupply && !!doc.supplier.stateCode && doc.placeOfSupply.stateCode !== doc.supplier.stateCode;
}

/** Line insert; `variant` is the SQL of the variant id (bound ?9, or looked up by the SKU in ?8). */
function lineSql(variant: string): string {
  return `INSERT INTO report_sale_lines (id, doc_id, kind, sale_id, store_id, day, line_id, sku, variant_id, category_id, hsn, uqc,
  tax_rate_bp, cashier, customer_key, supply_type, place_of_supply, quantity, qty_units, qty_scale, gross, discount, taxable,
  cgst, sgst, utgst, igst, cess, vat, tax_total, line_total)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ${variant},
    (SELECT p.category_id FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id WHERE v.id = ${variant}),
    ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)
  ON CONFLICT (id) DO NOTHING`;
}
const LINE_BY_VARIANT = lineSql("?9");
const LINE_BY_SKU = lineSql("(SELECT id FROM catalog_variants WHERE sku = ?8 AND ?9 IS NULL)");

/** The insert of one line fact. `variantId` null looks the variant up by SKU. */
function lineStatement(
  db: D1Database,
  doc: InvoiceDocument,
  line: ComputedLine,
  x: { sku: string; variantId: string | null; quantity: number; cashier: string; customerKey: string | null },
): D1PreparedStatement {
  return db
    .prepare(x.variantId ? LINE_BY_VARIANT : LINE_BY_SKU)
    .bind(
      `${doc.id}:${line.lineId}`,
      doc.id,
      doc.kind,
      doc.saleId,
      doc.storeId,
      doc.issuedOn,
      line.lineId,
      x.sku,
      x.variantId,
      line.hsn,
      line.quantity.unit,
      line.taxRateBp,
      x.cashier,
      x.customerKey,
      doc.supplyType,
      doc.placeOfSupply?.stateCode ?? null,
      x.quantity,
      line.quantity.units,
      line.quantity.scale,
      line.grossAmount,
      line.lineDiscount + line.billDiscount,
      line.taxableValue,
      taxOf(line, "CGST"),
      taxOf(line, "SGST"),
      taxOf(line, "UTGST"),
      taxOf(line, "IGST"),
      taxOf(line, "CESS", "CESS_SPECIFIC"),
      taxOf(line, "VAT"),
      line.taxTotal,
      line.lineTotal,
    );
}

/**
 * The insert of one document fact. Its cost of goods is summed from report_costs as they stand;
 * costs arriving later update it (costs.ts), so either order ends with the same figure.
 */
function docStatement(
  db: D1Database,
  doc: InvoiceDocument,
  x: {
    sourceId: string;
    cashier: string;
    customerKey: string | null;
    quantity: number;
    original: { id: string; number: string; day: string } | null;
  },
): D1PreparedStatement {
  const lines = doc.lines;
  return db
    .prepare(
      `INSERT INTO report_sale_docs (id, kind, source_id, sale_id, store_id, day, issued_at, number, cashier, customer_key, customer_name,
         supplier_gstin, recipient_gstin, supply_type, place_of_supply, inter_state, quantity, gross, discount, taxable, tax_total, line_total,
         cogs, round_off, grand_total, original_id, original_number, original_day)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
         (SELECT COALESCE(SUM(cost), 0) FROM report_costs WHERE document_id = ?3), ?23, ?24, ?25, ?26, ?27)
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(
      doc.id,
      doc.kind,
      x.sourceId,
      doc.saleId,
      doc.storeId,
      doc.issuedOn,
      doc.issuedAt,
      doc.number,
      x.cashier,
      x.customerKey,
      doc.recipient?.name ?? null,
      doc.supplier.gstin,
      doc.recipient?.gstin ?? null,
      doc.supplyType,
      doc.placeOfSupply?.stateCode ?? null,
      isInterState(doc) ? 1 : 0,
      x.quantity,
      lines.reduce((a, l) => a + l.grossAmount, 0),
      lines.reduce((a, l) => a + l.lineDiscount + l.billDiscount, 0),
      doc.totals.taxableValue,
      doc.totals.taxTotal,
      doc.totals.lineTotal,
      doc.roundOff,
      doc.grandTotal,
      x.original?.id ?? null,
      x.original?.number ?? null,
      x.original?.day ?? null,
    );
}

/** Dates the cost rows that arrived before their document (costs.ts). */
function costDayStatement(db: D1Database, sourceId: string, day: string): D1PreparedStatement {
  return db.prepare("UPDATE report_costs SET day = ? WHERE document_id = ? AND day IS NULL").bind(day, sourceId);
}

function tenderStatement(db: D1Database, docId: string, i: number, kind: string, doc: InvoiceDocument, type: string, amount: number) {
  return db
    .prepare(
      "INSERT INTO report_tenders (id, doc_id, kind, store_id, day, type, amount) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(`${docId}:${i}`, docId, kind, doc.storeId, doc.issuedOn, type, amount);
}

/**
 * What each tender of a sale left paid, minor units: cash gives the change back (first cash tender
 * first), the way the store object records pos_tenders. Sums to the grand total.
 */
export function keptTenders(sale: Pick<SaleDocument, "tenders" | "changeDue">): { type: string; amount: number }[] {
  let change = sale.changeDue;
  return sale.tenders.map((t) => {
    if (t.type !== "cash") return { type: t.type, amount: t.amount };
    const back = Math.min(change, t.amount);
    change -= back;
    return { type: t.type, amount: t.amount - back };
  });
}

/** Fact inserts of a sale: its invoice, one row per invoice line, one per tender. */
export function saleFactStatements(db: D1Database, sale: SaleDocument): D1PreparedStatement[] {
  const inv = sale.invoice;
  // A cancelled invoice keeps its number but is no supply (CGST Act s.34 needs no credit note for
  // it): its facts leave every report. Projection reads the sale's current state, so a late
  // redelivery of sale.completed cannot bring them back.
  if (sale.status === "cancelled") return cancelledFactStatements(db, inv.id);
  const customerKey = customerKeyOf(sale.customer);
  const bySaleLine = new Map(sale.lines.map((l) => [l.lineId, l]));
  return [
    docStatement(db, inv, {
      sourceId: sale.id,
      cashier: sale.actor,
      customerKey,
      quantity: sale.lines.reduce((a, l) => a + l.quantity, 0),
      original: null,
    }),
    costDayStatement(db, sale.id, inv.issuedOn),
    ...inv.lines.map((line) => {
      const s = bySaleLine.get(line.lineId);
      return lineStatement(db, inv, line, {
        sku: s?.sku ?? line.description,
        variantId: s?.variantId ?? null,
        quantity: s?.quantity ?? 0,
        cashier: sale.actor,
        customerKey,
      });
    }),
    ...keptTenders(sale).map((t, i) => tenderStatement(db, inv.id, i, "payment", inv, t.type, t.amount)),
  ];
}

/** Fact inserts of a return: its credit note, one row per credited line, one per refund. */
export function returnFactStatements(db: D1Database, ret: ReturnDocument): D1PreparedStatement[] {
  const cn = ret.creditNote;
  const customerKey = customerKeyOf(cn.recipient);
  const byLine = new Map(ret.lines.map((l) => [l.lineId, l]));
  const original = cn.original ? { id: cn.original.invoiceId, number: cn.original.number, day: cn.original.issuedOn } : null;
  return [
    docStatement(db, cn, {
      sourceId: ret.id,
      cashier: ret.actor,
      customerKey,
      quantity: ret.lines.reduce((a, l) => a + l.quantity, 0),
      original,
    }),
    costDayStatement(db, ret.id, cn.issuedOn),
    ...cn.lines.map((line) => {
      const r = byLine.get(line.lineId);
      return lineStatement(db, cn, line, {
        sku: r?.sku ?? line.description,
        variantId: null,
        quantity: r?.quantity ?? 0,
        cashier: ret.actor,
        customerKey,
      });
    }),
    ...ret.refunds.map((t, i) => tenderStatement(db, cn.id, i, "refund", cn, t.type, t.amount)),
  ];
}

/** Deletes the report facts of a cancelled invoice `invoiceId` (its document, lines and tenders). */
export function cancelledFactStatements(db: D1Database, invoiceId: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM report_sale_lines WHERE doc_id = ?").bind(invoiceId),
    db.prepare("DELETE FROM report_tenders WHERE doc_id = ?").bind(invoiceId),
    db.prepare("DELETE FROM report_sale_docs WHERE id = ?").bind(invoiceId),
  ];
}

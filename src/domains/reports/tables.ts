/**
 * Report facts of the tenant database: denormalized rows written when a sale or return is
 * projected (facts.ts) and when the ledger's stock.moved events arrive (costs.ts), so reports group
 * with one indexed scan instead of parsing documents. Every row is keyed by its source (document id
 * and line id, ledger entry id): writing it again changes nothing. Money is integer minor units of
 * the tenant's currency, always stored positive; `kind` says whether a row adds (invoice) or takes
 * away (credit note). `day` is the document's date of issue in the tenant's time zone (YYYY-MM-DD).
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per invoice line and per credit-note line. */
export const reportSaleLines = sqliteTable(
  "report_sale_lines",
  {
    /** "<documentId>:<lineId>". */
    id: text("id").primaryKey(),
    docId: text("doc_id").notNull(),
    /** invoice | credit_note. */
    kind: text("kind").notNull(),
    /** Null on a credit note of a return without a receipt. */
    saleId: text("sale_id"),
    storeId: text("store_id").notNull(),
    day: text("day").notNull(),
    lineId: text("line_id").notNull(),
    sku: text("sku").notNull(),
    variantId: text("variant_id"),
    /** Catalog category of the product when the row was written (null: none). */
    categoryId: text("category_id"),
    hsn: text("hsn"),
    /** GST Unique Quantity Code of the line's quantity. */
    uqc: text("uqc").notNull(),
    /** Combined GST rate or VAT rate, basis points. */
    taxRateBp: integer("tax_rate_bp").notNull(),
    /** User who sold (invoice) or took the return (credit note). */
    cashier: text("cashier").notNull(),
    /** Customer key: phone, else GSTIN; null for a walk-in sale. */
    customerKey: text("customer_key"),
    /** b2b | b2c | none. */
    supplyType: text("supply_type").notNull(),
    /** GST place of supply state code; null outside GST. */
    placeOfSupply: text("place_of_supply"),
    /** Integer stock units sold or returned. */
    quantity: integer("quantity").notNull(),
    /** The line's invoice quantity as units × 10^-scale (HSN summary quantities). */
    qtyUnits: integer("qty_units").notNull(),
    qtyScale: integer("qty_scale").notNull(),
    gross: integer("gross").notNull(),
    /** Line discount plus the line's share of the bill discount. */
    discount: integer("discount").notNull(),
    taxable: integer("taxable").notNull(),
    cgst: integer("cgst").notNull(),
    sgst: integer("sgst").notNull(),
    utgst: integer("utgst").notNull(),
    igst: integer("igst").notNull(),
    /** Ad valorem plus specific compensation cess. */
    cess: integer("cess").notNull(),
    vat: integer("vat").notNull(),
    taxTotal: integer("tax_total").notNull(),
    lineTotal: integer("line_total").notNull(),
  },
  (t) => [
    // Covering the product and category reports: the scan reads this narrow index, not the wide rows.
    index("report_sale_lines_day_cover_idx").on(
      t.day,
      t.storeId,
      t.kind,
      t.sku,
      t.categoryId,
      t.quantity,
      t.gross,
      t.discount,
      t.lineTotal,
      t.taxTotal,
      t.taxable,
    ),
    index("report_sale_lines_doc_idx").on(t.docId),
  ],
);

/** One row per invoice and per credit note: the document-level figures (round-off, grand total). */
export const reportSaleDocs = sqliteTable(
  "report_sale_docs",
  {
    /** The invoice or credit note id. */
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    /** The sale id (invoice) or the return id (credit note): what ledger entries name as their document. */
    sourceId: text("source_id").notNull(),
    /** Null on a credit note of a return without a receipt. */
    saleId: text("sale_id"),
    storeId: text("store_id").notNull(),
    day: text("day").notNull(),
    issuedAt: text("issued_at").notNull(),
    number: text("number").notNull(),
    cashier: text("cashier").notNull(),
    customerKey: text("customer_key"),
    customerName: text("customer_name"),
    supplierGstin: text("supplier_gstin"),
    recipientGstin: text("recipient_gstin"),
    supplyType: text("supply_type").notNull(),
    placeOfSupply: text("place_of_supply"),
    /** 1 when IGST applies (inter-state), else 0. */
    interState: integer("inter_state").notNull(),
    /** Integer stock units sold or returned, all lines. */
    quantity: integer("quantity").notNull(),
    gross: integer("gross").notNull(),
    discount: integer("discount").notNull(),
    taxable: integer("taxable").notNull(),
    taxTotal: integer("tax_total").notNull(),
    lineTotal: integer("line_total").notNull(),
    /** Cost of goods of the document's ledger entries (report_costs), kept in step by both writers. */
    cogs: integer("cogs").notNull().default(0),
    /** Signed, minor units: grandTotal − lineTotal. */
    roundOff: integer("round_off").notNull(),
    grandTotal: integer("grand_total").notNull(),
    /** Credit notes: the invoice they cite (null without a receipt). */
    originalId: text("original_id"),
    originalNumber: text("original_number"),
    originalDay: text("original_day"),
  },
  (t) => [
    // Covering the document-level reports (day, week, month, store, cashier, customer, none).
    index("report_sale_docs_day_cover_idx").on(
      t.day,
      t.storeId,
      t.kind,
      t.cashier,
      t.customerKey,
      t.customerName,
      t.quantity,
      t.gross,
      t.discount,
      t.taxable,
      t.taxTotal,
      t.lineTotal,
      t.roundOff,
      t.cogs,
    ),
    index("report_sale_docs_source_idx").on(t.sourceId),
    index("report_sale_docs_customer_idx").on(t.customerKey),
  ],
);

/** One row per tender of a sale (what stayed paid: cash less change) and per refund of a return. */
export const reportTenders = sqliteTable(
  "report_tenders",
  {
    /** "<documentId>:<index>". */
    id: text("id").primaryKey(),
    docId: text("doc_id").notNull(),
    /** payment | refund. */
    kind: text("kind").notNull(),
    storeId: text("store_id").notNull(),
    day: text("day").notNull(),
    type: text("type").notNull(),
    amount: integer("amount").notNull(),
  },
  (t) => [index("report_tenders_day_cover_idx").on(t.day, t.storeId, t.type, t.kind, t.amount)],
);

/** Cost of goods per ledger entry of a sale (kind sale) or a return (kind return), from stock.moved. */
export const reportCosts = sqliteTable(
  "report_costs",
  {
    /** The ledger entry id: a redelivered event inserts nothing. */
    entryId: text("entry_id").primaryKey(),
    /** sale | return. */
    kind: text("kind").notNull(),
    /** The sale id or return id the entry names (report_sale_docs.source_id). */
    documentId: text("document_id").notNull(),
    storeId: text("store_id").notNull(),
    sku: text("sku").notNull(),
    /** Units, positive. */
    quantity: integer("quantity").notNull(),
    /** Cost at the store's valuation (FIFO or moving average), minor units, positive. */
    cost: integer("cost").notNull(),
    /** The document's day once its fact is written (null until then; facts.ts fills it in). */
    day: text("day"),
  },
  (t) => [
    index("report_costs_document_idx").on(t.documentId),
    // Covering COGS by product and category over a date range.
    index("report_costs_day_cover_idx").on(t.day, t.storeId, t.sku, t.kind, t.cost),
  ],
);

/**
 * One row per ledger entry of every kind (stock.moved), for the movement summary and ageing
 * reports. Keyed by the ledger entry id: a redelivered event inserts nothing. `qty` is signed in the
 * SKU's stock unit (in > 0, out < 0), as the ledger posted it; `day` is the entry's posting date in
 * the tenant's time zone (YYYY-MM-DD). Filled by the report_stock_moves consumer (moves.ts).
 */
export const reportStockMoves = sqliteTable(
  "report_stock_moves",
  {
    entryId: text("entry_id").primaryKey(),
    storeId: text("store_id").notNull(),
    sku: text("sku").notNull(),
    batch: text("batch").notNull(),
    /** receipt | sale | return | adjustment | transfer_out | transfer_in | count (ledger ENTRY_KINDS). */
    kind: text("kind").notNull(),
    qty: integer("qty").notNull(),
    /** Cost of the entry at the store's valuation, minor units, signed like qty (null when unknown). */
    costTotal: integer("cost_total"),
    day: text("day").notNull(),
    postedAt: text("posted_at").notNull(),
  },
  (t) => [
    // Covering the movement summary (store, SKU, day range) and last-receipt/last-sale lookups.
    index("report_stock_moves_cover_idx").on(t.storeId, t.sku, t.day, t.kind, t.qty),
  ],
);

/** Report files written to R2 (tenants/<tenantId>/exports/<id>.<format>). */
export const reportExports = sqliteTable("report_exports", {
  id: text("id").primaryKey(),
  report: text("report").notNull(),
  format: text("format").notNull(),
  r2Key: text("r2_key").notNull(),
  rows: integer("rows").notNull(),
  bytes: integer("bytes").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
});

/**
 * Sales tables of the tenant database: PROJECTIONS of the documents the store's Durable Object
 * keeps (the truth), for GET by id and lists across stores. Written right after the object commits
 * (read-your-write for the cashier) and again by the sales_projection consumer from the object's
 * events (repairs a write lost between the two); both are upserts of the same document, so either
 * order and any repetition give the same rows.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per sale; `document` is the sale as the store object returned it (JSON). */
export const sales = sqliteTable(
  "sales",
  {
    id: text("id").primaryKey(),
    storeId: text("store_id").notNull(),
    invoiceId: text("invoice_id").notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    issuedAt: text("issued_at").notNull(),
    /** Minor units of `currency`. */
    grandTotal: integer("grand_total").notNull(),
    currency: text("currency").notNull(),
    customerPhone: text("customer_phone"),
    document: text("document").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("sales_store_issued_idx").on(t.storeId, t.issuedAt)],
);

/** Tax invoices and credit notes; `document` holds the full rule 46 / rule 53 particulars (JSON). */
export const invoices = sqliteTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    /** invoice | credit_note. */
    kind: text("kind").notNull(),
    number: text("number").notNull(),
    storeId: text("store_id").notNull(),
    /** Null for the credit note of a return without a receipt (no sale). */
    saleId: text("sale_id"),
    issuedAt: text("issued_at").notNull(),
    issuedOn: text("issued_on").notNull(),
    financialYear: text("financial_year").notNull(),
    grandTotal: integer("grand_total").notNull(),
    currency: text("currency").notNull(),
    /** b2b | b2c | none. */
    supplyType: text("supply_type").notNull(),
    recipientGstin: text("recipient_gstin"),
    document: text("document").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("invoices_number_uq").on(t.kind, t.number),
    index("invoices_sale_idx").on(t.saleId),
    index("invoices_store_issued_idx").on(t.storeId, t.issuedAt),
  ],
);

/** Returns, each with its credit note (also a row of `invoices`): of sales, or without a receipt (`sale_id` null). */
export const saleReturns = sqliteTable(
  "sale_returns",
  {
    id: text("id").primaryKey(),
    saleId: text("sale_id"),
    storeId: text("store_id").notNull(),
    creditNoteId: text("credit_note_id").notNull(),
    createdAt: text("created_at").notNull(),
    document: text("document").notNull(),
  },
  (t) => [index("sale_returns_sale_idx").on(t.saleId)],
);

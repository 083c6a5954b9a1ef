/**
 * Projection of the store object's sale documents into the tenant database (tables.ts). Two
 * writers, one shape: the checkout/return verbs right after the object commits, and the
 * sales_projection consumer on sale.completed / sale.returned, which re-reads the document from the
 * object (the truth) so a projection write lost after the commit is repaired. Every statement is an
 * upsert keyed by the document id, so repeats and either order give the same rows.
 */
import type { InvoiceDocument, ReturnDocument, SaleDocument } from "../../../durable-objects/pos/documents";
import type { EventConsumer } from "../../platform/events/consumer";
import { nowIso } from "../../platform/ids";
import { returnFactStatements, saleFactStatements } from "../reports/facts";
import { storeObjectName } from "../stores/access";

function invoiceStatement(db: D1Database, inv: InvoiceDocument, now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO invoices (id, kind, number, store_id, sale_id, issued_at, issued_on, financial_year, grand_total, currency, supply_type, recipient_gstin, document, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
    )
    .bind(
      inv.id,
      inv.kind,
      inv.number,
      inv.storeId,
      inv.saleId,
      inv.issuedAt,
      inv.issuedOn,
      inv.financialYear,
      inv.grandTotal,
      inv.currency,
      inv.supplyType,
      inv.recipient?.gstin ?? null,
      JSON.stringify(inv),
      now,
    );
}

/** Upserts of a sale and its invoice. */
export function saleStatements(db: D1Database, sale: SaleDocument): D1PreparedStatement[] {
  const now = nowIso();
  return [
    db
      .prepare(
        `INSERT INTO sales (id, store_id, invoice_id, invoice_number, issued_at, grand_total, currency, customer_phone, document, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
      )
      .bind(
        sale.id,
        sale.storeId,
        sale.invoice.id,
        sale.invoice.number,
        sale.createdAt,
        sale.grandTotal,
        sale.currency,
        sale.customer?.phone ?? null,
        JSON.stringify(sale),
        now,
      ),
    invoiceStatement(db, sale.invoice, now),
    ...saleFactStatements(db, sale),
  ];
}

/** Upserts of a return and its credit note. */
export function returnStatements(db: D1Database, ret: ReturnDocument): D1PreparedStatement[] {
  const now = nowIso();
  return [
    db
      .prepare(
        `INSERT INTO sale_returns (id, sale_id, store_id, credit_note_id, created_at, document) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET document = excluded.document`,
      )
      .bind(ret.id, ret.saleId, ret.storeId, ret.creditNote.id, ret.createdAt, JSON.stringify(ret)),
    invoiceStatement(db, ret.creditNote, now),
    ...returnFactStatements(db, ret),
  ];
}

/** Consumer name. */
export const SALES_PROJECTION = "sales_projection";

/** Re-projects a sale (and its returns) from the store object when its events arrive. */
export const salesProjection: EventConsumer = {
  name: SALES_PROJECTION,
  types: ["sale.completed", "sale.returned", "invoice.cancelled", "payment.confirmed"],
  async handle(event, db, env) {
    const saleId = event.payload.saleId;
    if (!event.storeId || typeof saleId !== "string") throw new Error(`${event.type} without storeId or saleId`);
    const got = await env.STORE.getByName(storeObjectName(event.tenantId, event.storeId)).getSale(saleId);
    if (!got.ok) throw new Error(`sale ${saleId}: ${got.detail}`);
    await db.batch([...saleStatements(db, got.sale), ...got.returns.flatMap((r) => returnStatements(db, r))]);
  },
};

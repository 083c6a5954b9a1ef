/**
 * Projection of the store object's sale documents into the tenant database (tables.ts). Two
 * writers, one shape: the checkout/return verbs right after the object commits, and the
 * sales_projection consumer on sale.completed / sale.returned, which re-reads the document from the
 * object (the truth) so a projection write lost after the commit is repaired. Every statement is an
 * upsert keyed by the document id, so repeats and either order give the same rows.
 */
import type { InvoiceDocument, ReturnDocument, SaleDocument } from "../../../durable-objects/pos/documents";
import type { Env } from "../../platform/env";
import type { EventConsumer } from "../../platform/events/consumer";
import type { EventEnvelope } from "../../platform/events/envelope";
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

/**
 * Sales (or receiptless returns) re-projected per D1 batch by the consumer's handleBatch: a sale with
 * its returns is a few dozen upserts, so this keeps one batch to hundreds of statements. Our choice.
 */
export const SALES_PER_BATCH = 20;

/**
 * The document an event asks to re-project: a receiptless return (return.unreceipted) or a sale.
 * Events naming the same document need one re-read between them.
 * @throws Error when the event names no store or document (the message is retried, then dead-lettered).
 */
function documentOf(event: EventEnvelope): { key: string; storeId: string; kind: "return" | "sale"; id: string } {
  if (event.type === "return.unreceipted") {
    const returnId = event.payload.returnId;
    if (!event.storeId || typeof returnId !== "string") throw new Error(`${event.type} without storeId or returnId`);
    return { key: `return:${event.storeId}:${returnId}`, storeId: event.storeId, kind: "return", id: returnId };
  }
  const saleId = event.payload.saleId;
  if (!event.storeId || typeof saleId !== "string") throw new Error(`${event.type} without storeId or saleId`);
  return { key: `sale:${event.storeId}:${saleId}`, storeId: event.storeId, kind: "sale", id: saleId };
}

/** The upserts of a document, re-read from its store object (the truth). @throws Error when the object cannot give it. */
async function reprojection(db: D1Database, env: Env, tenantId: string, d: ReturnType<typeof documentOf>): Promise<D1PreparedStatement[]> {
  const store = env.STORE.getByName(storeObjectName(tenantId, d.storeId));
  if (d.kind === "return") {
    const got = await store.getReturn(d.id);
    if (!got.ok) throw new Error(`return ${d.id}: ${got.detail}`);
    return returnStatements(db, got.return);
  }
  const got = await store.getSale(d.id);
  if (!got.ok) throw new Error(`sale ${d.id}: ${got.detail}`);
  return [...saleStatements(db, got.sale), ...got.returns.flatMap((r) => returnStatements(db, r))];
}

/**
 * Re-projects a sale (and its returns) from the store object when its events arrive; a return
 * without a receipt (return.unreceipted: no sale) is re-read and projected on its own. A queue
 * batch's events of one tenant re-read each document once (completed, paid, returned: one read)
 * and write {@link SALES_PER_BATCH} documents per D1 batch.
 */
export const salesProjection: EventConsumer = {
  name: SALES_PROJECTION,
  types: ["sale.completed", "sale.returned", "invoice.cancelled", "payment.confirmed", "return.unreceipted"],
  async handle(event, db, env) {
    await db.batch(await reprojection(db, env, event.tenantId, documentOf(event)));
  },
  async handleBatch(events, db, env, tenant) {
    const docs = new Map(events.map((e) => documentOf(e)).map((d) => [d.key, d]));
    const list = [...docs.values()];
    for (let i = 0; i < list.length; i += SALES_PER_BATCH) {
      const chunk = await Promise.all(list.slice(i, i + SALES_PER_BATCH).map((d) => reprojection(db, env, tenant.id, d)));
      await db.batch(chunk.flat());
    }
  },
};

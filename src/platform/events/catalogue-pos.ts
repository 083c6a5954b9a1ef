/**
 * The POS part of the event catalogue (spread into EVENT_CATALOGUE in catalogue.ts): the events a
 * store's Durable Object writes to its outbox when it commits a sale (durable-objects/pos/checkout.ts)
 * or a return (durable-objects/pos/returns.ts; without a receipt: unreceipted.ts), in the same
 * transaction as the stock movement.
 * Payloads are summaries: consumers that need the whole document re-read it from the store object
 * (getSale; getReturn for a return without a receipt). Money is integer minor units of `currency`; quantities are integers in the SKU's stock
 * unit; instants are ISO 8601 UTC; dates are YYYY-MM-DD in the tenant's time zone.
 */
import { z } from "zod";

/**
 * Tender types as recorded (durable-objects/pos/documents.ts TENDER_TYPES plus EXCHANGE_CREDIT, the
 * credit note of an exchange applied to its new sale), restated so the platform does not import a
 * Durable Object module.
 */
const TenderType = z.enum(["cash", "card", "upi", "store_credit", "udhaar", "exchange_credit"]);
/** Tender states (durable-objects/pos/documents.ts Tender.status). */
const TenderStatus = z.enum(["settled", "awaiting_confirmation"]);
/** Supply types of an invoice (InvoiceDocument.supplyType): b2b with a recipient GSTIN, b2c without, none outside GST. */
const SupplyType = z.enum(["b2b", "b2c", "none"]);
const Minor = z.number().int();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A document number (at most 16 characters, CGST Rules rule 46(b)). */
const DocNumber = z.string().min(1).max(16);

/** A catalogue entry's consumer: tenant webhooks subscribed to the type. */
const WEBHOOKS = "webhooks (tenant endpoints subscribed to the type)";
const SALES_PROJECTION = "sales_projection (src/domains/sales/project.ts; also writes the report facts, src/domains/reports/facts.ts)";
const POS = "Store Durable Object (durable-objects/pos), via the ledger outbox";

const SALE_ID = "sal_0193a0c0e6b07c2a9f5e2b1d3c4e5f61";
const INVOICE_ID = "inv_0193a0c0e6b07c2a9f5e2b1d3c4e5f67";
const RETURN_ID = "ret_0193a0c0e6b07c2a9f5e2b1d3c4e5f68";
const CREDIT_NOTE_ID = "crn_0193a0c0e6b07c2a9f5e2b1d3c4e5f69";

/** POS event types, keyed by type (see CatalogueEntry in catalogue.ts for the fields). */
export const POS_EVENTS = {
  "sale.completed": {
    version: 1,
    summary: "A sale was committed at a till: stock issued, invoice numbered, tenders recorded.",
    schema: z.object({
      saleId: z.string(),
      invoiceId: z.string(),
      invoiceNumber: DocNumber,
      issuedAt: z.string(),
      grandTotal: Minor,
      currency: z.string().length(3),
      /** As handed over: cash may exceed its share (the change is not deducted here). */
      tenders: z.array(z.object({ type: TenderType, amount: Minor, status: TenderStatus })),
      lines: z.array(z.object({ lineId: z.string(), sku: z.string().min(1), quantity: z.number().int() })),
      customerPhone: z.string().nullable(),
      flaggedShortfall: z.boolean(),
    }),
    emitter: `${POS}: posCheckout (durable-objects/pos/checkout.ts)`,
    consumers: [SALES_PROJECTION, WEBHOOKS],
    example: {
      saleId: SALE_ID,
      invoiceId: INVOICE_ID,
      invoiceNumber: "BLR1/2627/42",
      issuedAt: "2026-11-20T10:15:00.000Z",
      grandTotal: 105000,
      currency: "INR",
      tenders: [
        { type: "cash", amount: 50000, status: "settled" },
        { type: "upi", amount: 55000, status: "settled" },
      ],
      lines: [
        { lineId: "1", sku: "RICE-5KG", quantity: 2 },
        { lineId: "2", sku: "SVC-ALTER", quantity: 1 },
      ],
      customerPhone: "+919812345678",
      flaggedShortfall: false,
    },
  },
  "invoice.issued": {
    version: 1,
    summary: "A tax invoice was issued for a sale (CGST Rules rule 46); its full document is read from the sale.",
    schema: z.object({
      invoiceId: z.string(),
      saleId: z.string(),
      kind: z.literal("invoice"),
      number: DocNumber,
      issuedOn: IsoDate,
      grandTotal: Minor,
      currency: z.string().length(3),
      supplyType: SupplyType,
    }),
    emitter: `${POS}: posCheckout (durable-objects/pos/checkout.ts)`,
    consumers: ["invoice_issued_notifier (src/domains/notifications/invoice-issued.ts)", WEBHOOKS],
    example: {
      invoiceId: INVOICE_ID,
      saleId: SALE_ID,
      kind: "invoice",
      number: "BLR1/2627/42",
      issuedOn: "2026-11-20",
      grandTotal: 105000,
      currency: "INR",
      supplyType: "b2c",
    },
  },
  "sale.returned": {
    version: 1,
    summary: "Goods of a sale came back: stock restocked or written off, refunds allocated, a credit note issued.",
    schema: z.object({
      returnId: z.string(),
      saleId: z.string(),
      creditNoteId: z.string(),
      creditNoteNumber: DocNumber,
      grandTotal: Minor,
      refunds: z.array(z.object({ type: TenderType, amount: Minor })),
    }),
    emitter: `${POS}: posReturn (durable-objects/pos/returns.ts)`,
    consumers: [SALES_PROJECTION, WEBHOOKS],
    example: {
      returnId: RETURN_ID,
      saleId: SALE_ID,
      creditNoteId: CREDIT_NOTE_ID,
      creditNoteNumber: "BLR1/C2627/3",
      grandTotal: 52500,
      refunds: [
        { type: "cash", amount: 50000 },
        { type: "upi", amount: 2500 },
      ],
    },
  },
  "credit_note.issued": {
    version: 1,
    summary: "A credit note was issued for a return, in its own series, citing the invoice (CGST Rules rule 53(1A)).",
    schema: z.object({
      invoiceId: z.string().describe("the credit note's id (crn_…)"),
      saleId: z.string(),
      kind: z.literal("credit_note"),
      number: DocNumber,
      issuedOn: IsoDate,
      grandTotal: Minor,
      currency: z.string().length(3),
      originalNumber: DocNumber,
    }),
    emitter: `${POS}: posReturn (durable-objects/pos/returns.ts)`,
    consumers: [WEBHOOKS],
    example: {
      invoiceId: CREDIT_NOTE_ID,
      saleId: SALE_ID,
      kind: "credit_note",
      number: "BLR1/C2627/3",
      issuedOn: "2026-11-21",
      grandTotal: 52500,
      currency: "INR",
      originalNumber: "BLR1/2627/42",
    },
  },
  "return.unreceipted": {
    version: 1,
    summary:
      'Goods came back without a receipt (no sale to return against): restocked or written off, refunded, and a credit note issued that cites no invoice (it states the reason and "without original invoice").',
    schema: z.object({
      returnId: z.string(),
      creditNoteId: z.string(),
      creditNoteNumber: DocNumber,
      issuedAt: z.string(),
      issuedOn: IsoDate,
      grandTotal: Minor,
      currency: z.string().length(3),
      supplyType: SupplyType.describe("b2c or none: a credit note without an invoice is never B2B"),
      reason: z.string().min(1).max(500),
      refunds: z.array(z.object({ type: TenderType, amount: Minor })),
      customerPhone: z.string().nullable(),
    }),
    emitter: `${POS}: posUnreceiptedReturn (durable-objects/pos/unreceipted.ts)`,
    consumers: [SALES_PROJECTION, WEBHOOKS],
    example: {
      returnId: RETURN_ID,
      creditNoteId: CREDIT_NOTE_ID,
      creditNoteNumber: "BLR1/C2627/4",
      issuedAt: "2026-11-21T12:30:00.000Z",
      issuedOn: "2026-11-21",
      grandTotal: 45000,
      currency: "INR",
      supplyType: "b2c",
      reason: "Receipt lost; customer returned an unopened kettle",
      refunds: [{ type: "cash", amount: 45000 }],
      customerPhone: "+919812345678",
    },
  },
  "sale.exchanged": {
    version: 1,
    summary:
      "An exchange committed: a return of the original sale (credit note) and a new sale (invoice) in one step, the credit applied to the new invoice.",
    schema: z.object({
      originalSaleId: z.string(),
      returnId: z.string(),
      creditNoteNumber: DocNumber,
      saleId: z.string().describe("the new sale"),
      invoiceNumber: DocNumber,
      creditApplied: Minor.describe("credit note value applied to the new invoice (tender exchange_credit)"),
      refunded: Minor.describe("credit left over, refunded by the original tenders"),
      due: Minor.describe("what the customer's tenders settled"),
      currency: z.string().length(3),
    }),
    emitter: `${POS}: posExchange (durable-objects/pos/exchange.ts)`,
    consumers: [WEBHOOKS],
    example: {
      originalSaleId: SALE_ID,
      returnId: RETURN_ID,
      creditNoteNumber: "BLR1/C2627/3",
      saleId: "sal_0193a0c0e6b07c2a9f5e2b1d3c4e5f6a",
      invoiceNumber: "BLR1/2627/43",
      creditApplied: 52500,
      refunded: 0,
      due: 10500,
      currency: "INR",
    },
  },
  "invoice.cancelled": {
    version: 1,
    summary: "An invoice was cancelled on its day of issue: it keeps its number; stock came back; tenders were refunded.",
    schema: z.object({
      invoiceId: z.string(),
      saleId: z.string(),
      number: DocNumber,
      issuedOn: IsoDate,
      cancelledAt: z.string(),
      reason: z.string(),
      grandTotal: Minor,
      currency: z.string().length(3),
      refunds: z.array(z.object({ type: TenderType, amount: Minor })),
    }),
    emitter: `${POS}: posCancelInvoice (durable-objects/pos/cancel.ts)`,
    consumers: [SALES_PROJECTION, WEBHOOKS],
    example: {
      invoiceId: INVOICE_ID,
      saleId: SALE_ID,
      number: "BLR1/2627/42",
      issuedOn: "2026-11-20",
      cancelledAt: "2026-11-20T11:00:00.000Z",
      reason: "Billed to the wrong customer",
      grandTotal: 105000,
      currency: "INR",
      refunds: [{ type: "cash", amount: 105000 }],
    },
  },
  "payment.confirmed": {
    version: 1,
    summary:
      "A UPI tender that awaited confirmation was settled after the sale: by a payment provider's verified callback or a reference the cashier keyed.",
    schema: z.object({
      saleId: z.string(),
      invoiceId: z.string(),
      invoiceNumber: DocNumber.describe("the `tr` of the UPI payload"),
      tenderIndex: z.number().int().min(0),
      type: z.literal("upi"),
      amount: Minor,
      currency: z.string().length(3),
      via: z.enum(["razorpay", "local", "cashier"]),
      paymentId: z.string().describe("the provider's payment id (Razorpay pay_…), or the cashier's reference (UTR)"),
      confirmedAt: z.string(),
    }),
    emitter: `${POS}: posConfirmUpi (durable-objects/pos/confirm.ts)`,
    consumers: [SALES_PROJECTION, WEBHOOKS],
    example: {
      saleId: SALE_ID,
      invoiceId: INVOICE_ID,
      invoiceNumber: "BLR1/2627/42",
      tenderIndex: 1,
      type: "upi",
      amount: 55000,
      currency: "INR",
      via: "razorpay",
      paymentId: "pay_29QQoUBi66xm2f",
      confirmedAt: "2026-11-20T10:16:05.000Z",
    },
  },
} as const;

/**
 * Request and response schemas of sales and returns. Money is integer minor units (paise, pence);
 * a line's `quantity` is an integer count of what was scanned or keyed: stock units for a SKU,
 * scans for a barcode (a pack barcode counts its pack factor per scan).
 */
import { z } from "@hono/zod-openapi";
import { TENDER_TYPES } from "../../../durable-objects/pos/documents";
import { MAX_DOCUMENT_LINES } from "../../platform/limits";
import { UPI_VPA_PATTERN } from "./upi";

/** Largest quantity on one sale line (stock units): a till sale, not a bulk transfer. */
export const MAX_SALE_LINE_QTY = 1_000_000;
/** Largest amount of one tender or price, minor units (₹1 crore). */
export const MAX_TENDER_MINOR = 1_000_000_000;

const Minor = z.number().int("minor units: an integer").min(0).max(MAX_TENDER_MINOR);

/** A line discount, before tax: an amount in minor units or a rate in basis points (1,000 = 10 %). */
export const DiscountIn = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("amount"), amount: Minor }),
    z.object({ kind: z.literal("percent"), rateBp: z.number().int().min(0).max(10_000) }),
  ])
  .openapi("LineDiscount");

/** Serial numbers of a line, one per stock unit, each named once. */
const Serials = z
  .array(z.string().trim().min(1).max(128))
  .min(1)
  .max(1000)
  .refine((a) => new Set(a).size === a.length, "a serial is named twice");

/** One line: a SKU or a barcode, a quantity, optionally a keyed price (open-price items or managers) and a discount. */
export const SaleLineIn = z
  .object({
    sku: z.string().min(1).max(64).optional().openapi({ example: "RICE-5KG" }),
    barcode: z.string().min(8).max(14).optional(),
    quantity: z.number().int().positive().max(MAX_SALE_LINE_QTY).openapi({ example: 2 }),
    unitPrice: Minor.optional().openapi({
      description: "Price of one stock unit in minor units; open-price items or owner/admin/store_manager only",
    }),
    discount: DiscountIn.optional(),
    serials: Serials.optional().openapi({
      description: "Serial-tracked items (phones by IMEI): the serials sold, one per stock unit; shown on the invoice line",
      example: ["IMEI-350000000000001"],
    }),
  })
  .refine((l) => (l.sku === undefined) !== (l.barcode === undefined), { message: "give exactly one of sku or barcode", path: ["sku"] })
  .openapi("SaleLineInput");

/** The buyer: a phone for udhaar, a GSTIN (and address) for a B2B invoice. */
export const CustomerIn = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9]{6,15}$/, "digits, optionally with a leading +")
      .optional()
      .openapi({ example: "+919812345678" }),
    gstin: z.string().trim().toUpperCase().optional().openapi({ example: "29AAGCB7383J1Z4" }),
    address: z.string().trim().min(1).max(500).optional(),
    stateCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .openapi({ description: "GST state code of an unregistered buyer" }),
  })
  .openapi("SaleCustomer");

/** One way the customer paid. */
export const TenderIn = z
  .object({
    type: z.enum(TENDER_TYPES),
    amount: Minor.refine((n) => n > 0, "must be more than 0"),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "Card terminal or UPI reference; voucher number for store credit" }),
    payeeVpa: z
      .string()
      .regex(UPI_VPA_PATTERN, "a UPI VPA like shop@okaxis")
      .optional()
      .openapi({ description: "UPI only: the store's VPA (until a store setting exists)" }),
  })
  .openapi("TenderInput");

/** POST /v1/stores/{storeId}/sales body. */
export const CheckoutBody = z
  .object({
    lines: z.array(SaleLineIn).min(1).max(MAX_DOCUMENT_LINES),
    customer: CustomerIn.optional(),
    shipToStateCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .openapi({ description: "GST state code where goods are delivered (place of supply)" }),
    tenders: z.array(TenderIn).min(1).max(10),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "Imports only (owner/admin): the instant the document was issued, not in the future; audited" }),
  })
  .openapi("CheckoutInput");
export type CheckoutBody = z.infer<typeof CheckoutBody>;

/** POST /v1/sales/{saleId}/returns body. */
export const ReturnBody = z
  .object({
    lines: z
      .array(
        z.object({
          lineId: z.string().min(1).max(16),
          quantity: z.number().int().positive().max(MAX_SALE_LINE_QTY),
          disposition: z.enum(["restock", "write_off"]).default("restock"),
          serials: Serials.optional().openapi({ description: "Serial-tracked lines: the serials coming back, one per unit" }),
        }),
      )
      .min(1)
      .max(MAX_DOCUMENT_LINES),
    refundTo: z.enum(TENDER_TYPES).optional().openapi({ description: "Refund by this tender instead of the original ones" }),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "Imports only (owner/admin): the instant the document was issued, not in the future; audited" }),
  })
  .openapi("ReturnInput");
export type ReturnBody = z.infer<typeof ReturnBody>;

/** An invoice or credit note (loosely described; the document carries every rule 46 particular). */
export const InvoiceOut = z
  .looseObject({
    id: z.string(),
    kind: z.enum(["invoice", "credit_note"]),
    number: z.string(),
    issuedOn: z.string(),
    grandTotal: z.number().int(),
  })
  .openapi("Invoice");

/** A committed sale with its invoice. */
export const SaleOut = z
  .looseObject({ id: z.string(), storeId: z.string(), grandTotal: z.number().int(), changeDue: z.number().int(), invoice: InvoiceOut })
  .openapi("Sale");

/** A committed return with its credit note. */
export const ReturnOut = z
  .looseObject({
    id: z.string(),
    saleId: z.string(),
    refunds: z.array(z.object({ type: z.string(), amount: z.number().int() })),
    creditNote: InvoiceOut,
  })
  .openapi("SaleReturn");

/** GET /v1/sales/{saleId}: the sale and its returns. */
export const SaleWithReturnsOut = z.object({ sale: SaleOut, returns: z.array(ReturnOut) }).openapi("SaleWithReturns");

/** POST /v1/sales/{saleId}/exchanges body: lines coming back (as in a return) and the new sale. */
export const ExchangeBody = z
  .object({
    returnLines: ReturnBody.shape.lines.openapi({ description: "Lines of the original sale coming back, as in a return" }),
    refundTo: ReturnBody.shape.refundTo.openapi({
      description: "When the new sale is cheaper: refund the rest by this tender instead of the original ones",
    }),
    newSale: CheckoutBody.extend({
      customer: CustomerIn.optional().openapi({ description: "Defaults to the original sale's customer" }),
      tenders: z
        .array(TenderIn)
        .max(10)
        .default([])
        .openapi({ description: "Settle only the difference after the credit note; none when the credit covers it" }),
    }),
  })
  .openapi("ExchangeInput");
export type ExchangeBody = z.infer<typeof ExchangeBody>;

/** An exchange: the return with its credit note and the new sale with its invoice. */
export const ExchangeOut = z.object({ return: ReturnOut, sale: SaleOut }).openapi("SaleExchange");

/** POST /v1/invoices/{id}/cancel body. */
export const CancelInvoiceBody = z
  .object({ reason: z.string().trim().min(1).max(500).openapi({ example: "Billed to the wrong customer" }) })
  .openapi("CancelInvoiceInput");

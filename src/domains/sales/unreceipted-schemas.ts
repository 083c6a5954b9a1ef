/**
 * Request and response schemas of a return without a receipt (POST /v1/stores/{storeId}/returns).
 * Lines are keyed like a checkout's (a SKU or a barcode, a quantity, a price and an optional
 * discount) so the tax engine prices them exactly as it would a sale; money is integer minor units.
 */
import { z } from "@hono/zod-openapi";
import { TENDER_TYPES } from "../../../durable-objects/pos/documents";
import { MAX_DOCUMENT_LINES } from "../../platform/limits";
import { CustomerIn, DiscountIn, InvoiceOut, MAX_SALE_LINE_QTY, MAX_TENDER_MINOR, TenderIn } from "./schemas";

/** Longest reason a return without a receipt records (characters), as an invoice cancellation's. */
export const MAX_RETURN_REASON = 500;

/** One line coming back: what, how many, at what price, and what happens to the goods. */
export const UnreceiptedLineIn = z
  .object({
    sku: z.string().min(1).max(64).optional().openapi({ example: "RICE-5KG" }),
    barcode: z.string().min(8).max(14).optional(),
    quantity: z.number().int().positive().max(MAX_SALE_LINE_QTY).openapi({ example: 1 }),
    unitPrice: z.number().int("minor units: an integer").min(0).max(MAX_TENDER_MINOR).openapi({
      description:
        "Refund price of one stock unit in minor units, in the item's tax terms (tax-inclusive when its catalog price is), as a checkout's keyed price",
      example: 45000,
    }),
    discount: DiscountIn.optional(),
    disposition: z.enum(["restock", "write_off"]).default("restock").openapi({
      description: "restock: back on hand (ledger `return` entry); write_off: taken in and written off at once",
    }),
    serials: z
      .array(z.string().trim().min(1).max(128))
      .min(1)
      .max(1000)
      .refine((a) => new Set(a).size === a.length, "a serial is named twice")
      .optional()
      .openapi({ description: "Serial-tracked items: the serials coming back, one per stock unit (each sold by this store)" }),
  })
  .refine((l) => (l.sku === undefined) !== (l.barcode === undefined), { message: "give exactly one of sku or barcode", path: ["sku"] })
  .openapi("UnreceiptedReturnLineInput");

/** POST /v1/stores/{storeId}/returns body. */
export const UnreceiptedReturnBody = z
  .object({
    lines: z.array(UnreceiptedLineIn).min(1).max(MAX_DOCUMENT_LINES),
    reason: z.string().trim().min(1).max(MAX_RETURN_REASON).openapi({
      description: "Why the goods came back without a receipt; printed on the credit note and audited",
      example: "Receipt lost",
    }),
    customer: CustomerIn.optional().openapi({ description: "The customer, as at checkout (no GSTIN under GST: such a note is B2C)" }),
    shipToStateCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .openapi({ description: "GST: the state the goods had been delivered to (place of supply); over the counter by default" }),
    refundTo: z.enum(TENDER_TYPES).optional().openapi({ description: "Refund the whole credit note by this tender (default cash)" }),
    tenders: z
      .array(TenderIn)
      .min(1)
      .max(10)
      .optional()
      .openapi({ description: "Or split the refund: amounts must add up to the credit note's grand total exactly" }),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "Imports only (owner/admin): the instant the document was issued, not in the future; audited" }),
  })
  .refine((b) => b.refundTo === undefined || b.tenders === undefined, {
    message: "give refundTo or tenders, not both",
    path: ["refundTo"],
  })
  .openapi("UnreceiptedReturnInput");
export type UnreceiptedReturnBody = z.infer<typeof UnreceiptedReturnBody>;

/** A committed return without a receipt, with its credit note (which cites no invoice). */
export const UnreceiptedReturnOut = z
  .looseObject({
    id: z.string(),
    saleId: z.null(),
    storeId: z.string(),
    reason: z.string(),
    lines: z.array(
      z.looseObject({ lineId: z.string(), sku: z.string(), quantity: z.number().int(), disposition: z.enum(["restock", "write_off"]) }),
    ),
    refunds: z.array(z.object({ type: z.string(), amount: z.number().int(), reference: z.string().optional() })),
    creditNote: InvoiceOut,
  })
  .openapi("UnreceiptedReturn");

/** A return as stored: against a sale (saleId) or without a receipt (saleId null, reason). */
export const AnyReturnOut = z
  .looseObject({
    id: z.string(),
    saleId: z.string().nullable(),
    storeId: z.string(),
    refunds: z.array(z.object({ type: z.string(), amount: z.number().int() })),
    creditNote: InvoiceOut,
  })
  .openapi("Return");

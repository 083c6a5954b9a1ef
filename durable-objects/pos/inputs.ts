/**
 * Inputs of the POS RPC methods of the store object. The Worker prices and taxes a sale from the
 * catalog before calling; the object trusts the draft's figures (the caller is our own Worker,
 * never a client) but parses the envelope. `at` sets the document instant for offline sales and
 * tests; HTTP routes never pass a client's value.
 */
import { z } from "zod";
import { MAX_DOCUMENT_LINES } from "../../src/platform/limits";
import { type SaleDraft, TENDER_TYPES } from "./documents";

const Write = {
  actor: z.string().min(1).max(128),
  idempotencyKey: z.string().min(1).max(256).optional(),
};
const Instant = z.string().datetime({ offset: true });
const Id = z.string().min(1).max(128);

/** posCheckout(): commit a priced sale. */
export const PosCheckoutInput = z.object({
  ...Write,
  at: Instant.optional(),
  /** Offline sales: accept a stock shortfall and flag it instead of refusing (ledger/issue.ts). */
  allowShortfall: z.boolean().default(false),
  draft: z.custom<SaleDraft>((v) => typeof v === "object" && v !== null && Array.isArray((v as SaleDraft).lines), "a sale draft"),
});
export type PosCheckoutInput = z.input<typeof PosCheckoutInput>;

/** posReturn(): goods back from a sale of this store, with a credit note. */
export const PosReturnInput = z.object({
  ...Write,
  at: Instant.optional(),
  saleId: Id,
  timeZone: z.string().min(1).max(64),
  storeCode: z.string().min(1).max(16),
  lines: z
    .array(
      z.object({
        lineId: z.string().min(1).max(16),
        quantity: z.number().int().positive(),
        disposition: z.enum(["restock", "write_off"]),
        /** Serial-tracked lines: the serials coming back, one per unit, each sold on this line. */
        serials: z.array(z.string().min(1).max(128)).max(1000).optional(),
      }),
    )
    .min(1)
    .max(MAX_DOCUMENT_LINES),
  /** A manager's choice of refund tender; by default the original tenders are refunded. */
  refundTo: z.enum(TENDER_TYPES).optional(),
});
export type PosReturnInput = z.input<typeof PosReturnInput>;

/**
 * posExchange(): a return of lines of `saleId` and a new sale, in one transaction. `draft` is the
 * new sale priced and taxed by the Worker; its tenders settle only the difference after the
 * credit note (its `changeDue` is recomputed by the object).
 */
export const PosExchangeInput = PosReturnInput.extend({
  draft: PosCheckoutInput.shape.draft,
});
export type PosExchangeInput = z.input<typeof PosExchangeInput>;

/** posCancelInvoice(): cancel an invoice of this store (same business day, no credit note yet). */
export const PosCancelInput = z.object({
  ...Write,
  at: Instant.optional(),
  invoiceId: Id,
  timeZone: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(500),
});
export type PosCancelInput = z.input<typeof PosCancelInput>;

/** Ways an awaiting UPI tender is confirmed (documents.ts TenderConfirmation.via). */
export const CONFIRMATION_VIAS = ["razorpay", "local", "cashier"] as const;

/**
 * posConfirmUpi(): settle an awaiting UPI tender of `saleId`. A provider names the payment and its
 * amount (minor units) and the object picks the awaiting UPI tender of that amount; the cashier
 * names the tender by `index`. Repeating a confirmation changes nothing (durable-objects/pos/confirm.ts).
 */
export const PosConfirmUpiInput = z.object({
  ...Write,
  at: Instant.optional(),
  saleId: Id,
  via: z.enum(CONFIRMATION_VIAS),
  /** The provider's payment id, or the reference the cashier keyed (UTR). */
  paymentId: z.string().trim().min(1).max(128),
  /** Provider path: what the customer paid, minor units. */
  amount: z.number().int().positive().optional(),
  /** Cashier path: the tender's position in the sale's tenders. */
  index: z.number().int().min(0).max(99).optional(),
});
export type PosConfirmUpiInput = z.input<typeof PosConfirmUpiInput>;

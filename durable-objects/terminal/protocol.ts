/**
 * The store-terminal WebSocket protocol, version 1 (docs/terminal-protocol.md is the prose of
 * this file). Every frame is one JSON object with a `type`. Client frames are parsed here with
 * zod; a frame that does not parse is answered with an `error` frame (code validation_failed) and
 * changes nothing. Money is integer minor units; quantities integers in the SKU's stock unit;
 * instants ISO 8601 UTC. `ref` (optional on every client frame) is echoed on the answer so a
 * terminal can match answers to requests.
 */
import { z } from "zod";
import {
  CheckoutBody,
  CustomerIn,
  DiscountIn,
  MAX_SALE_LINE_QTY,
  MAX_TENDER_MINOR,
  SaleLineIn,
  TenderIn,
} from "../../src/domains/sales/schemas";

/** The protocol version this server speaks; `hello.v` must equal it. */
export const PROTOCOL_VERSION = 1;

/** Close code: not authenticated (no valid hello as the first frame, or within the deadline). Private range 4000–4999 (RFC 6455 §7.4.2). */
export const CLOSE_UNAUTHENTICATED = 4401;
/** Close code: the terminal was revoked by a manager. */
export const CLOSE_REVOKED = 4403;
/** Close code: the client spoke another protocol version. */
export const CLOSE_VERSION = 4426;
/** How long a new socket may stay silent before it must have said hello, ms. */
export const HELLO_DEADLINE_MS = 10_000;
/** Most offline sales in one sync frame (a terminal sends the rest in further frames). */
export const MAX_SYNC_BATCH = 100;
/** Most carts a terminal may hold at once. */
export const MAX_HELD_CARTS = 20;

const Ref = z.string().min(1).max(64).optional();
const Minor = z.number().int("minor units: an integer").min(0).max(MAX_TENDER_MINOR);
const Reason = z.string().trim().min(1).max(200);
/** A UUIDv7 (RFC 9562 §5.7): version nibble 7, variant 10xx. */
export const UuidV7 = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, "a UUIDv7");
const CartLineId = z.string().min(1).max(16);

/** The first frame of every connection. */
export const Hello = z.object({
  type: z.literal("hello"),
  ref: Ref,
  v: z.number().int(),
  terminalId: z.string().min(1).max(64),
  deviceToken: z.string().min(1).max(256),
  /** An access token of the cashier at the till; sales are then made as that user. */
  cashierToken: z.string().min(1).max(4096).optional(),
});

/** Checkout of the active cart (online). The cart's lines are sold; `lines` replaces them when given. */
export const CheckoutFrame = z.object({
  type: z.literal("checkout"),
  ref: Ref,
  clientSaleId: UuidV7,
  tenders: z.array(TenderIn).min(1).max(10),
  customer: CustomerIn.optional(),
  shipToStateCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

/** One sale completed offline: the HTTP checkout body plus its identity on the device. */
export const OfflineSale = CheckoutBody.extend({
  clientSaleId: UuidV7,
  /** The device's own counter, strictly increasing per terminal (kept for audit and gaps). */
  deviceSeq: z.number().int().min(0),
  /** When the sale happened on the device: the invoice's instant. */
  clientTime: z.string().datetime({ offset: true }),
  /** The shift it was sold in; a closed (or unknown) shift sends it to a rescue session. */
  shiftId: z.string().min(1).max(64).optional(),
});
export type OfflineSale = z.infer<typeof OfflineSale>;

/** Every frame a terminal may send after hello. */
export const ClientFrame = z.discriminatedUnion("type", [
  Hello,
  z.object({ type: z.literal("ping"), ref: Ref }),
  z.object({ type: z.literal("open_shift"), ref: Ref, openingFloat: Minor }),
  z.object({ type: z.literal("cash_in"), ref: Ref, amount: Minor.refine((n) => n > 0, "more than 0"), reason: Reason }),
  z.object({ type: z.literal("cash_out"), ref: Ref, amount: Minor.refine((n) => n > 0, "more than 0"), reason: Reason }),
  z.object({ type: z.literal("cart_add"), ref: Ref, line: SaleLineIn }),
  z.object({ type: z.literal("cart_remove"), ref: Ref, lineId: CartLineId }),
  z.object({ type: z.literal("cart_set_qty"), ref: Ref, lineId: CartLineId, quantity: z.number().int().positive().max(MAX_SALE_LINE_QTY) }),
  z.object({ type: z.literal("cart_discount"), ref: Ref, lineId: CartLineId, discount: DiscountIn.nullable() }),
  z.object({ type: z.literal("cart_hold"), ref: Ref, label: z.string().trim().min(1).max(80).optional() }),
  z.object({ type: z.literal("cart_recall"), ref: Ref, cartId: z.string().min(1).max(64) }),
  CheckoutFrame,
  z.object({ type: z.literal("sync"), ref: Ref, sales: z.array(OfflineSale).min(1).max(MAX_SYNC_BATCH) }),
  z.object({
    type: z.literal("close_shift"),
    ref: Ref,
    /** Counted money per tender type, minor units (cash: the drawer; card/upi: the settlement slips). */
    countedByTender: z.partialRecord(z.enum(["cash", "card", "upi", "store_credit", "udhaar"]), Minor),
    /** A rescue session to close instead of the terminal's open shift. */
    shiftId: z.string().min(1).max(64).optional(),
  }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** The answer for one sale (online checkout or one entry of a sync). */
export interface SaleOutcome {
  clientSaleId: string;
  /** accepted: committed now; duplicate: committed before (the original result); flagged: committed, stock shortfall to review; refused: not committed. */
  status: "accepted" | "duplicate" | "flagged" | "refused";
  saleId?: string;
  invoiceNumber?: string;
  shiftId?: string;
  /** Set when the sale's shift had closed: the rescue session it went to. */
  rescued?: boolean;
  code?: string;
  detail?: string;
}

/** An error frame: a stable code from the API's closed list, a human detail, and the frame's ref. */
export interface ErrorFrame {
  type: "error";
  code: string;
  detail: string;
  ref: string | null;
  fields?: { path: string; message: string }[];
}

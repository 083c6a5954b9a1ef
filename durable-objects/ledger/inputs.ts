/**
 * Inputs of the ledger's RPC methods, as zod schemas: the Durable Object parses every call with
 * them (an RPC caller is not trusted to have validated), and the HTTP routes reuse them.
 *
 * Units: `qty` is a positive integer in the SKU's smallest stock unit; `unitCost` an integer in
 * minor units (paise) per stock unit; `expiry` a calendar date YYYY-MM-DD; `ttlSeconds` seconds.
 */
import { z } from "zod";
import { MAX_DOCUMENT_LINES } from "../../src/platform/limits";

/** Largest quantity in one line: 10^9 smallest units (keeps cost products within BigInt-free ranges elsewhere). */
export const MAX_LINE_QTY = 1_000_000_000;
/** Largest unit cost: 10^10 minor units (₹10 crore per unit). */
export const MAX_UNIT_COST = 10_000_000_000;
/** Longest reservation: 7 days, in seconds. A longer hold is an order, not a reservation. */
export const MAX_RESERVATION_TTL_SECONDS = 7 * 24 * 60 * 60;

const Sku = z.string().min(1).max(64);
const Batch = z.string().min(1).max(64);
const Serial = z.string().min(1).max(128);
const Qty = z.number().int().positive().max(MAX_LINE_QTY);
const Cost = z.number().int().min(0).max(MAX_UNIT_COST);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const Id = z.string().min(1).max(128);

/**
 * The catalog's stock unit per SKU ("each", "g", "ml", "cm"), set by the HTTP layer from the
 * catalog (clients cannot send it): the ledger records it in sku_settings so stock reads show it.
 */
const Units = z.record(Sku, z.string().min(1).max(16));

/** Fields every write carries: the actor (user/key id) and an optional idempotency key. */
const Write = {
  actor: z.string().min(1).max(128),
  idempotencyKey: z.string().min(1).max(256).optional(),
};

/** A document a movement belongs to: type (e.g. "sale", "purchase_receipt") and id. */
const Document = z.object({ type: z.string().min(1).max(40), id: Id });

/** configure(): who this store is and how it values stock. */
export const ConfigureInput = z.object({
  tenantId: Id,
  storeId: Id,
  valuation: z.enum(["fifo", "moving_average"]).default("fifo"),
  allowNegative: z.boolean().default(false),
  /** "inline": cross-store messages are sent right after the transaction and retried by the alarm; "alarm": only by the alarm. */
  deliveryMode: z.enum(["inline", "alarm"]).default("inline"),
});
export type ConfigureInput = z.input<typeof ConfigureInput>;

/** Per-SKU settings: stock unit, negative stock override, reorder point, low-stock threshold. */
export const SkuSettingsInput = z.object({
  sku: Sku,
  unit: z.string().min(1).max(16).optional(),
  allowNegative: z.boolean().nullable().optional(),
  reorderPoint: z.number().int().min(0).nullable().optional(),
  lowThreshold: z.number().int().min(0).nullable().optional(),
});
export type SkuSettingsInput = z.input<typeof SkuSettingsInput>;

/** receive(): goods in, each line with its unit cost, optional batch (with expiry) and serials. */
export const ReceiveInput = z.object({
  ...Write,
  document: Document.optional(),
  units: Units.optional(),
  lines: z
    .array(
      z.object({
        sku: Sku,
        qty: Qty,
        unitCost: Cost,
        batch: Batch.optional(),
        expiry: Day.optional(),
        serials: z.array(Serial).optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type ReceiveInput = z.input<typeof ReceiveInput>;

/** Adjustment reasons (issue 3). */
export const ADJUSTMENT_REASONS = ["damage", "theft", "correction", "expiry_write_off"] as const;

/** adjust(): a signed correction with a reason; positive lines may name a unit cost. */
export const AdjustInput = z.object({
  ...Write,
  units: Units.optional(),
  reason: z.enum(ADJUSTMENT_REASONS),
  note: z.string().max(500).optional(),
  document: Document.optional(),
  lines: z
    .array(
      z.object({
        sku: Sku,
        qty: z
          .number()
          .int()
          .min(-MAX_LINE_QTY)
          .max(MAX_LINE_QTY)
          .refine((n) => n !== 0, "must not be 0"),
        batch: Batch.optional(),
        expiry: Day.optional(),
        serials: z.array(Serial).optional(),
        unitCost: Cost.optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type AdjustInput = z.input<typeof AdjustInput>;

/** An outgoing line: FEFO unless a batch is named; serial-tracked SKUs name their serials. */
const OutLine = z.object({ sku: Sku, qty: Qty, batch: Batch.optional(), serials: z.array(Serial).optional() });

/** commitSale(): the stock side of a sale. `allowShortfall` is the offline-POS hook (accept and flag). */
export const SaleInput = z.object({
  ...Write,
  saleId: Id,
  lines: z.array(OutLine).min(1).max(MAX_DOCUMENT_LINES),
  allowShortfall: z.boolean().default(false),
});
export type SaleInput = z.input<typeof SaleInput>;

/** returnToStock(): goods back from a customer, restocked or written off. */
export const ReturnInput = z.object({
  ...Write,
  returnId: Id,
  saleId: Id.optional(),
  disposition: z.enum(["restock", "write_off"]),
  lines: z
    .array(OutLine.extend({ unitCost: Cost.optional() }))
    .min(1)
    .max(MAX_DOCUMENT_LINES),
});
export type ReturnInput = z.input<typeof ReturnInput>;

/** reserve(): hold stock for `ttlSeconds`; the alarm releases it when it lapses. */
export const ReserveInput = z.object({
  ...Write,
  reservationId: Id.optional(),
  document: Document.optional(),
  ttlSeconds: z.number().int().min(1).max(MAX_RESERVATION_TTL_SECONDS),
  lines: z
    .array(z.object({ sku: Sku, qty: Qty, batch: Batch.optional() }))
    .min(1)
    .max(500),
});
export type ReserveInput = z.input<typeof ReserveInput>;

/** releaseReservation() / commitReservation(). */
export const ReservationActionInput = z.object({ ...Write, reservationId: Id, saleId: Id.optional() });
export type ReservationActionInput = z.input<typeof ReservationActionInput>;

/** requestTransfer(): ask to move stock from this store to `toStoreId`. */
export const TransferRequestInput = z.object({
  ...Write,
  transferId: Id.optional(),
  toStoreId: Id,
  lines: z
    .array(z.object({ sku: Sku, qty: Qty, batch: Batch.optional(), serials: z.array(Serial).optional() }))
    .min(1)
    .max(500),
});
export type TransferRequestInput = z.input<typeof TransferRequestInput>;

/** approve / dispatch / cancel a transfer. */
export const TransferActionInput = z.object({ ...Write, transferId: Id });
export type TransferActionInput = z.input<typeof TransferActionInput>;

/** receiveTransfer() at the destination: omitted lines receive everything still in transit. */
export const TransferReceiveInput = z.object({
  ...Write,
  transferId: Id,
  lines: z
    .array(z.object({ sku: Sku, qty: Qty, batch: Batch.optional(), serials: z.array(Serial).optional() }))
    .min(1)
    .max(500)
    .optional(),
});
export type TransferReceiveInput = z.input<typeof TransferReceiveInput>;

/** createCount(): a count sheet snapshotting expected on-hand (all SKUs when `skus` is omitted). */
export const CountCreateInput = z.object({ ...Write, countId: Id.optional(), skus: z.array(Sku).min(1).max(5000).optional() });
export type CountCreateInput = z.input<typeof CountCreateInput>;

/** enterCounts(): what was physically counted, per SKU and batch. */
export const CountEnterInput = z.object({
  ...Write,
  countId: Id,
  lines: z
    .array(z.object({ sku: Sku, batch: Batch.optional(), counted: z.number().int().min(0).max(MAX_LINE_QTY) }))
    .min(1)
    .max(5000),
});
export type CountEnterInput = z.input<typeof CountEnterInput>;

/** postCount() / cancelCount(). */
export const CountActionInput = z.object({ ...Write, countId: Id });
export type CountActionInput = z.input<typeof CountActionInput>;

/** getStock() filters. `expiringBefore` is a date YYYY-MM-DD (exclusive). */
export const StockQuery = z.object({
  sku: Sku.optional(),
  batch: Batch.optional(),
  low: z.boolean().optional(),
  expiringBefore: Day.optional(),
});
export type StockQuery = z.input<typeof StockQuery>;

/** movements() filters and cursor (the opaque `seq` of the last entry seen). */
export const MovementsQuery = z.object({
  sku: Sku.optional(),
  batch: Batch.optional(),
  kind: z.enum(["receipt", "sale", "return", "adjustment", "transfer_out", "transfer_in", "count"]).optional(),
  documentId: Id.optional(),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type MovementsQuery = z.input<typeof MovementsQuery>;

/** A message from another store's ledger (crash-safe transfer steps). */
export const DeliveryInput = z.object({
  deliveryId: Id,
  fromStoreId: Id,
  kind: z.enum(["transfer.dispatched", "transfer.received", "transfer.close_request", "transfer.closed"]),
  payload: z.record(z.string(), z.unknown()),
});
export type DeliveryInput = z.input<typeof DeliveryInput>;

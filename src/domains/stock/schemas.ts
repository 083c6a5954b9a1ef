/**
 * HTTP shapes of the stock routes. Request bodies are the ledger's own RPC inputs
 * (durable-objects/ledger/inputs.ts) without `actor` and `idempotencyKey`, which come from the
 * token and the Idempotency-Key header. Quantities: integers in the SKU's smallest stock unit;
 * money: integers in minor units.
 */
import { z } from "@hono/zod-openapi";
import * as I from "../../../durable-objects/ledger/inputs";

const noActor = { actor: true, idempotencyKey: true } as const;

export const ReceiptBody = I.ReceiveInput.omit({ ...noActor, units: true }).openapi("StockReceiptRequest");
export const AdjustmentBody = I.AdjustInput.omit({ ...noActor, units: true }).openapi("StockAdjustmentRequest");
export const ReservationBody = I.ReserveInput.omit(noActor).openapi("StockReservationRequest");
export const ReservationCommitBody = z.object({ saleId: z.string().min(1).max(128).optional() }).openapi("StockReservationCommitRequest");
export const TransferBody = I.TransferRequestInput.omit(noActor).openapi("StockTransferRequest");
export const TransferReceiveBody = I.TransferReceiveInput.omit({ ...noActor, transferId: true }).openapi("StockTransferReceiveRequest");
export const CountBody = I.CountCreateInput.omit(noActor).openapi("StockCountRequest");
export const CountLinesBody = I.CountEnterInput.omit({ ...noActor, countId: true }).openapi("StockCountLinesRequest");

/** A ledger entry. `qty` is signed; `costTotal` is |qty| × cost (for outgoing entries, the COGS). */
export const EntryOut = z
  .object({
    entryId: z.string(),
    seq: z.number().int(),
    sku: z.string(),
    batch: z.string(),
    serial: z.string().nullable(),
    qty: z.number().int(),
    kind: z.enum(["receipt", "sale", "return", "adjustment", "transfer_out", "transfer_in", "count"]),
    reason: z.string().nullable(),
    documentType: z.string(),
    documentId: z.string(),
    unitCost: z.number().int(),
    costTotal: z.number().int(),
    postedAt: z.string(),
    actor: z.string(),
    flagged: z.boolean(),
  })
  .openapi("StockEntry");

export const PostedOut = z.object({ documentId: z.string(), entries: z.array(EntryOut) }).openapi("StockPosting");

const BatchOut = z.object({
  batch: z.string(),
  expiry: z.string().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export const StockItemOut = z
  .object({
    sku: z.string(),
    unit: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    reorderPoint: z.number().int().nullable(),
    lowThreshold: z.number().int().nullable(),
    low: z.boolean(),
    batches: z.array(BatchOut),
  })
  .openapi("StockItem");
export const StockOut = z.object({ items: z.array(StockItemOut) });
export const StockAsOfOut = z.object({
  asOf: z.string(),
  items: z.array(z.object({ sku: z.string(), batch: z.string(), onHand: z.number().int() })),
});

export const StockQuery = z.object({
  sku: z.string().max(64).optional(),
  batch: z.string().max(64).optional(),
  low: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "Only SKUs at or below (true) / above (false) their low-stock threshold" }),
  expiringBefore: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .openapi({ description: "Only batches expiring before this date (YYYY-MM-DD)" }),
  asOf: z.string().datetime({ offset: true }).optional().openapi({ description: "On-hand at this past instant, summed from the ledger" }),
});

export const MovementsQuery = z.object({
  sku: z.string().max(64).optional(),
  batch: z.string().max(64).optional(),
  kind: EntryOut.shape.kind.optional(),
  documentId: z.string().max(128).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const MovementsOut = z.object({ items: z.array(EntryOut), nextCursor: z.string().nullable() });

export const ReservationOut = z
  .object({
    reservationId: z.string(),
    state: z.enum(["active", "released", "expired", "committed"]),
    expiresAt: z.string(),
    lines: z.array(z.object({ sku: z.string(), batch: z.string(), qty: z.number().int() })),
    entries: z.array(EntryOut).optional(),
    costTotal: z.number().int().optional(),
  })
  .openapi("StockReservation");

const Allocation = z.object({
  sku: z.string(),
  batch: z.string(),
  serial: z.string(),
  expiry: z.string().nullable(),
  qty: z.number().int(),
  unitCost: z.number().int(),
  receivedQty: z.number().int(),
  returnedQty: z.number().int(),
});
const Outbound = z.object({
  transferId: z.string(),
  direction: z.literal("out"),
  toStoreId: z.string(),
  state: z.enum(["requested", "approved", "in_transit", "received", "closed", "cancelled"]),
  cancelRequested: z.boolean(),
  lines: z.array(
    z.object({ sku: z.string(), qty: z.number().int(), batch: z.string().optional(), serials: z.array(z.string()).optional() }),
  ),
  allocations: z.array(Allocation),
  inTransit: z.number().int(),
});
const Inbound = z.object({
  transferId: z.string(),
  direction: z.literal("in"),
  fromStoreId: z.string(),
  state: z.enum(["in_transit", "received", "closed"]),
  lines: z.array(
    z.object({
      sku: z.string(),
      batch: z.string(),
      serial: z.string(),
      expiry: z.string().nullable(),
      qtyExpected: z.number().int(),
      qtyReceived: z.number().int(),
      unitCost: z.number().int(),
    }),
  ),
  inTransit: z.number().int(),
});
/** A transfer as one store sees it: the sender's view (outbound), the receiver's (inbound), or both. */
export const TransferOut = z
  .object({ transferId: z.string(), outbound: Outbound.nullable(), inbound: Inbound.nullable() })
  .openapi("StockTransfer");

export const CountOut = z
  .object({
    countId: z.string(),
    state: z.enum(["open", "posted", "cancelled"]),
    lines: z.array(
      z.object({
        sku: z.string(),
        batch: z.string(),
        expected: z.number().int(),
        counted: z.number().int().nullable(),
        variance: z.number().int().nullable(),
      }),
    ),
    entries: z.array(EntryOut).optional(),
  })
  .openapi("StockCount");

export const StoreParam = z.object({ storeId: z.string().min(1).max(64) });

/** GET /v1/stock/{sku}: the SKU's stock per store and batch (from the projection), with totals. */
export const SkuParam = z.object({ sku: z.string().min(1).max(64).openapi({ example: "RICE-5KG" }) });
const LevelBatchOut = z.object({ batch: z.string(), onHand: z.number().int(), value: z.number().int() });
export const StockAcrossStoresOut = z
  .object({
    sku: z.string(),
    stores: z.array(
      z.object({
        storeId: z.string(),
        storeCode: z.string().nullable(),
        storeName: z.string().nullable(),
        onHand: z.number().int(),
        value: z.number().int().openapi({ description: "Inventory value at cost, minor units" }),
        updatedAt: z.string(),
        batches: z.array(LevelBatchOut),
      }),
    ),
    totals: z.object({ onHand: z.number().int(), value: z.number().int() }),
  })
  .openapi("StockAcrossStores");

/** GET /v1/stores/{storeId}/stock/check: balances against the sum of the entries. */
export const BalanceCheckOut = z
  .object({
    ok: z.boolean(),
    storeId: z.string(),
    checkedRows: z.number().int(),
    mismatches: z.array(
      z.object({
        sku: z.string(),
        batch: z.string(),
        field: z.enum(["on_hand", "reserved"]),
        kept: z.number().int(),
        fromLedger: z.number().int(),
      }),
    ),
    negatives: z.array(z.object({ sku: z.string(), batch: z.string(), onHand: z.number().int() })),
  })
  .openapi("StockBalanceCheck");

/** The tenant's stock settings. */
export const StockSettingsOut = z
  .object({
    valuation: z.enum(["fifo", "moving_average"]),
    allowNegativeStock: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .openapi("StockSettings");
export const StockSettingsPatchBody = z
  .object({
    valuation: z.enum(["fifo", "moving_average"]).optional(),
    allowNegativeStock: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.valuation !== undefined || b.allowNegativeStock !== undefined, "name at least one setting")
  .openapi("StockSettingsPatch");
export const StockSettingsUpdateOut = StockSettingsOut.extend({
  storesConfigured: z.number().int(),
  storesNotApplied: z.array(z.object({ storeId: z.string(), detail: z.string() })),
}).openapi("StockSettingsUpdate");

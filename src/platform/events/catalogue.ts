/**
 * The event catalogue: every event type the system emits (the POS types live in catalogue-pos.ts), its version, its payload schema (zod),
 * who emits it, who consumes it, and an example. docs/events.md is the human page for the same
 * list; a test round-trips every example through its schema. Quantities are integers in the
 * SKU's stock unit; money is integer minor units; instants are ISO 8601 UTC strings.
 *
 * Schemas are `z.object` (unknown keys are dropped, not refused): adding a field is a compatible
 * change within a version; removing or retyping one needs a new version.
 */
import { z } from "zod";
import { POS_EVENTS } from "./catalogue-pos";

const Sku = z.string().min(1);
const Qty = z.number().int();
const Minor = z.number().int();
const Instant = z.string();
const TransferId = z.object({ transferId: z.string() });
/** A line that moved between stores: batch and serial are "" when the SKU tracks neither. */
const MovedLine = z.object({ sku: Sku, batch: z.string(), serial: z.string(), qty: Qty });
/** A line as requested: batch and serials optional. */
const RequestedLine = z.object({ sku: Sku, qty: Qty, batch: z.string().optional(), serials: z.array(z.string()).optional() });
/** One dispatched allocation of a transfer, at the sender's unit cost. */
const Allocation = z.object({
  sku: Sku,
  batch: z.string(),
  serial: z.string(),
  expiry: z.string().nullable(),
  qty: Qty,
  unitCost: Minor,
  receivedQty: Qty,
  returnedQty: Qty,
});

/** Ledger entry kinds (durable-objects/ledger/schema.ts ENTRY_KINDS). */
const EntryKind = z.enum(["receipt", "sale", "return", "adjustment", "transfer_out", "transfer_in", "count"]);

/** One catalogued event type. */
export interface CatalogueEntry {
  version: number;
  summary: string;
  schema: z.ZodType<Record<string, unknown>>;
  emitter: string;
  consumers: readonly string[];
  example: Record<string, unknown>;
}

const LEDGER = "Store Durable Object (durable-objects/ledger), via its outbox";
const WEBHOOKS = "webhooks (tenant endpoints subscribed to the type)";

/** Every event type, keyed by type. */
export const EVENT_CATALOGUE = {
  "stock.moved": {
    version: 1,
    summary: "A ledger entry was posted: stock moved in or out of a store (one event per entry).",
    schema: z.object({
      entryId: z.string(),
      sku: Sku,
      batch: z.string(),
      serial: z.string().nullable(),
      qty: Qty,
      kind: EntryKind,
      reason: z.string().nullable(),
      documentType: z.string(),
      documentId: z.string(),
      unitCost: Minor,
      costTotal: Minor,
      postedAt: Instant,
      actor: z.string(),
      flagged: z.boolean(),
      onHandAfter: Qty,
    }),
    emitter: `${LEDGER}: LedgerTx.post (durable-objects/ledger/tx.ts)`,
    consumers: [
      "stock_projection (src/domains/projections/stock.ts)",
      "report_costs (src/domains/reports/costs.ts)",
      "report_stock_moves (src/domains/reports/moves.ts)",
      WEBHOOKS,
    ],
    example: {
      entryId: "sle_0193a0c0e6b07c2a9f5e2b1d3c4e5f60",
      sku: "RICE-5KG",
      batch: "B-2026-11",
      serial: null,
      qty: -2,
      kind: "sale",
      reason: null,
      documentType: "sale",
      documentId: "sal_0193a0c0e6b07c2a9f5e2b1d3c4e5f61",
      unitCost: 40000,
      costTotal: 80000,
      postedAt: "2026-11-20T10:15:00.000Z",
      actor: "usr_0193a0c0e6b07c2a9f5e2b1d3c4e5f62",
      flagged: false,
      onHandAfter: 8,
    },
  },
  "stock.low": {
    version: 1,
    summary: "A SKU's total on-hand in the store fell to or below its low-stock line (once per crossing).",
    schema: z.object({ sku: Sku, onHand: Qty, lowThreshold: Qty.nullable(), reorderPoint: Qty.nullable() }),
    emitter: `${LEDGER}: checkLowStock (durable-objects/ledger/low-stock.ts)`,
    consumers: ["stock_low_notifier (src/domains/notifications/stock-low.ts)", WEBHOOKS],
    example: { sku: "RICE-5KG", onHand: 4, lowThreshold: 5, reorderPoint: 8 },
  },
  "stock.shortfall_flagged": {
    version: 1,
    summary: "A sale took a SKU below zero where negative stock is allowed; the entry is flagged for review.",
    schema: z.object({ entryId: z.string(), sku: Sku, batch: z.string(), short: Qty, documentId: z.string() }),
    emitter: `${LEDGER}: issueLines (durable-objects/ledger/issue.ts)`,
    consumers: [WEBHOOKS],
    example: {
      entryId: "sle_0193a0c0e6b07c2a9f5e2b1d3c4e5f60",
      sku: "MILK-1L",
      batch: "",
      short: 2,
      documentId: "sal_0193a0c0e6b07c2a9f5e2b1d3c4e5f61",
    },
  },
  "stock.reserved": {
    version: 1,
    summary: "Stock was held for a while (cart, quote, pickup) on batches picked first-expiry-first-out.",
    schema: z.object({
      reservationId: z.string(),
      state: z.enum(["active", "released", "expired", "committed"]),
      expiresAt: Instant,
      lines: z.array(z.object({ sku: Sku, batch: z.string(), qty: Qty })),
    }),
    emitter: `${LEDGER}: reserve (durable-objects/ledger/reservations.ts)`,
    consumers: [WEBHOOKS],
    example: {
      reservationId: "rsv_0193a0c0e6b07c2a9f5e2b1d3c4e5f63",
      state: "active",
      expiresAt: "2026-11-20T10:30:00.000Z",
      lines: [{ sku: "RICE-5KG", batch: "B-2026-11", qty: 2 }],
    },
  },
  "stock.reservation_released": {
    version: 1,
    summary: "A reservation was released; its stock is available again.",
    schema: z.object({ reservationId: z.string() }),
    emitter: `${LEDGER}: releaseReservation (durable-objects/ledger/reservations.ts)`,
    consumers: [WEBHOOKS],
    example: { reservationId: "rsv_0193a0c0e6b07c2a9f5e2b1d3c4e5f63" },
  },
  "stock.reservation_expired": {
    version: 1,
    summary: "A reservation lapsed (the store's alarm released it).",
    schema: z.object({ reservationId: z.string() }),
    emitter: `${LEDGER}: expireReservations (durable-objects/ledger/reservations.ts)`,
    consumers: [WEBHOOKS],
    example: { reservationId: "rsv_0193a0c0e6b07c2a9f5e2b1d3c4e5f63" },
  },
  "stock.reservation_committed": {
    version: 1,
    summary: "A reservation became a sale on exactly the reserved batches (its stock.moved events follow).",
    schema: z.object({ reservationId: z.string(), saleId: z.string() }),
    emitter: `${LEDGER}: commitReservation (durable-objects/ledger/reservations.ts)`,
    consumers: [WEBHOOKS],
    example: { reservationId: "rsv_0193a0c0e6b07c2a9f5e2b1d3c4e5f63", saleId: "sal_0193a0c0e6b07c2a9f5e2b1d3c4e5f61" },
  },
  "stock.transfer_requested": {
    version: 1,
    summary: "The sending store asked to move stock to another store.",
    schema: TransferId.extend({ toStoreId: z.string(), lines: z.array(RequestedLine) }),
    emitter: `${LEDGER}: requestTransfer (durable-objects/ledger/transfers-out.ts)`,
    consumers: [WEBHOOKS],
    example: {
      transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64",
      toStoreId: "str_0193a0c0e6b07c2a9f5e2b1d3c4e5f65",
      lines: [{ sku: "RICE-5KG", qty: 10 }],
    },
  },
  "stock.transfer_approved": {
    version: 1,
    summary: "A requested transfer was approved at the sending store.",
    schema: TransferId,
    emitter: `${LEDGER}: approveTransfer (durable-objects/ledger/transfers-out.ts)`,
    consumers: [WEBHOOKS],
    example: { transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64" },
  },
  "stock.transfer_dispatched": {
    version: 1,
    summary: "The goods left the sending store (transfer_out entries posted); they are in transit.",
    schema: TransferId.extend({ toStoreId: z.string(), allocations: z.array(Allocation) }),
    emitter: `${LEDGER}: dispatchTransfer (durable-objects/ledger/transfers-out.ts)`,
    consumers: [WEBHOOKS],
    example: {
      transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64",
      toStoreId: "str_0193a0c0e6b07c2a9f5e2b1d3c4e5f65",
      allocations: [
        { sku: "RICE-5KG", batch: "B-2026-11", serial: "", expiry: "2027-05-31", qty: 10, unitCost: 40000, receivedQty: 0, returnedQty: 0 },
      ],
    },
  },
  "stock.transfer_incoming": {
    version: 1,
    summary: "The receiving store heard of a dispatched transfer (nothing on hand until received).",
    schema: TransferId.extend({ fromStoreId: z.string(), allocations: z.array(Allocation) }),
    emitter: `${LEDGER}: onTransferDispatched (durable-objects/ledger/transfers-in.ts), in the receiving store`,
    consumers: [WEBHOOKS],
    example: {
      transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64",
      fromStoreId: "str_0193a0c0e6b07c2a9f5e2b1d3c4e5f66",
      allocations: [
        { sku: "RICE-5KG", batch: "B-2026-11", serial: "", expiry: "2027-05-31", qty: 10, unitCost: 40000, receivedQty: 0, returnedQty: 0 },
      ],
    },
  },
  "stock.transfer_received": {
    version: 1,
    summary: "The sending store learnt that (part of) a transfer was received at the destination.",
    schema: TransferId.extend({ lines: z.array(MovedLine) }),
    emitter: `${LEDGER}: onTransferReceived (durable-objects/ledger/transfers-out.ts), in the sending store`,
    consumers: [WEBHOOKS],
    example: { transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64", lines: [{ sku: "RICE-5KG", batch: "B-2026-11", serial: "", qty: 6 }] },
  },
  "stock.transfer_cancelled": {
    version: 1,
    summary: "A transfer was cancelled before dispatch.",
    schema: TransferId,
    emitter: `${LEDGER}: cancelOutbound (durable-objects/ledger/transfers-out.ts)`,
    consumers: [WEBHOOKS],
    example: { transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64" },
  },
  "stock.transfer_closed": {
    version: 1,
    summary: "A transfer in transit was closed; `remainder` never arrived and goes back to the sender (emitted by both stores).",
    schema: TransferId.extend({ remainder: z.array(MovedLine) }),
    emitter: `${LEDGER}: closeInbound (transfers-in.ts, receiving store) and onTransferClosed (transfers-out.ts, sending store)`,
    consumers: [WEBHOOKS],
    example: {
      transferId: "trf_0193a0c0e6b07c2a9f5e2b1d3c4e5f64",
      remainder: [{ sku: "RICE-5KG", batch: "B-2026-11", serial: "", qty: 4 }],
    },
  },
  // sale.completed, invoice.issued, sale.returned, credit_note.issued (catalogue-pos.ts).
  ...POS_EVENTS,
} as const satisfies Record<string, CatalogueEntry>;

/** A catalogued event type. */
export type EventType = keyof typeof EVENT_CATALOGUE;

/** Every catalogued type, sorted. */
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE).sort() as EventType[];

/** Whether `type` is catalogued. */
export function isCatalogued(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, type);
}

/**
 * Checks an event's payload against the catalogue. Types or versions the catalogue does not know
 * pass unchecked (an emitter may ship before its entry; the envelope is still checked).
 * @returns the issues as "path: message" strings; empty when valid or unknown.
 */
export function payloadIssues(type: string, version: number, payload: unknown): string[] {
  if (!isCatalogued(type)) return [];
  const entry: CatalogueEntry = EVENT_CATALOGUE[type];
  if (entry.version !== version) return [];
  const r = entry.schema.safeParse(payload);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`);
}

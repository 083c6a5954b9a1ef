/**
 * Transfers, the sending store's side: request → approve → dispatch (a `transfer_out` entry per
 * pick: out of this store, in transit) → the receiver's receipts and close come back as
 * deliveries. In transit = dispatched − received − returned, per allocation.
 * The receiving side is transfers-in.ts; the crash-safe messaging is deliveries.ts.
 */
import { newId } from "../../src/platform/ids";
import { admitLine } from "./admit";
import { enqueueDelivery } from "./deliveries";
import { batchExpiry } from "./fefo";
import type { TransferActionInput, TransferRequestInput } from "./inputs";
import { issueLines } from "./issue";
import type { LedgerTx } from "./tx";
import { refuse } from "./tx";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

/** A transfer line as requested (qty in stock units). */
export interface TransferLine {
  sku: string;
  qty: number;
  batch?: string;
  serials?: string[];
}

/** One dispatched allocation: what left, at what unit cost, and what became of it. */
export interface Allocation {
  sku: string;
  batch: string;
  serial: string;
  expiry: string | null;
  qty: number;
  unitCost: number;
  receivedQty: number;
  returnedQty: number;
}

/** The sending store's view of a transfer. */
export interface OutboundView {
  transferId: string;
  direction: "out";
  toStoreId: string;
  state: "requested" | "approved" | "in_transit" | "received" | "closed" | "cancelled";
  cancelRequested: boolean;
  lines: TransferLine[];
  allocations: Allocation[];
  inTransit: number;
}

/** The outbound view of `id`, or undefined when this store did not send it. */
export function outboundView(tx: LedgerTx, id: string): OutboundView | undefined {
  const t = tx.one<{ to_store: string; state: OutboundView["state"]; lines: string; cancel_requested: number }>(
    "SELECT to_store, state, lines, cancel_requested FROM transfers_out WHERE id = ?",
    id,
  );
  if (!t) return undefined;
  const allocations = tx
    .rows<{
      sku: string;
      batch: string;
      serial: string;
      expiry: string | null;
      qty: number;
      unit_cost: number;
      received_qty: number;
      returned_qty: number;
    }>(
      "SELECT sku, batch, serial, expiry, qty, unit_cost, received_qty, returned_qty FROM transfer_out_allocations WHERE transfer_id = ? ORDER BY sku, batch, serial",
      id,
    )
    .map((a) => ({
      sku: a.sku,
      batch: a.batch,
      serial: a.serial,
      expiry: a.expiry,
      qty: a.qty,
      unitCost: a.unit_cost,
      receivedQty: a.received_qty,
      returnedQty: a.returned_qty,
    }));
  return {
    transferId: id,
    direction: "out",
    toStoreId: t.to_store,
    state: t.state,
    cancelRequested: t.cancel_requested === 1,
    lines: JSON.parse(t.lines) as TransferLine[],
    allocations,
    inTransit: allocations.reduce((n, a) => n + a.qty - a.receivedQty - a.returnedQty, 0),
  };
}

function mustOutbound(tx: LedgerTx, id: string): OutboundView {
  return outboundView(tx, id) ?? refuse("not_found", `Transfer ${id} was not sent from this store`);
}

function setState(tx: LedgerTx, id: string, state: OutboundView["state"]): void {
  tx.run("UPDATE transfers_out SET state = ?, updated_at = ? WHERE id = ?", state, tx.now, id);
}

/** Requests a transfer to another store. @throws Refusal validation_failed (to itself), conflict (id taken). */
export function requestTransfer(tx: LedgerTx, input: Parsed<typeof TransferRequestInput>): OutboundView {
  if (input.toStoreId === tx.config.storeId)
    refuse("validation_failed", "A store cannot transfer to itself", { fields: [{ path: "toStoreId", message: "is this store" }] });
  const id = input.transferId ?? newId("transfer");
  if (tx.one("SELECT 1 AS x FROM transfers_out WHERE id = ?", id) || tx.one("SELECT 1 AS x FROM transfers_in WHERE id = ?", id)) {
    refuse("conflict", `Transfer ${id} exists`);
  }
  tx.run(
    "INSERT INTO transfers_out (id, to_store, state, lines, requested_by, created_at, updated_at) VALUES (?, ?, 'requested', ?, ?, ?, ?)",
    id,
    input.toStoreId,
    JSON.stringify(input.lines),
    tx.actor,
    tx.now,
    tx.now,
  );
  tx.emit("stock.transfer_requested", { transferId: id, toStoreId: input.toStoreId, lines: input.lines });
  return mustOutbound(tx, id);
}

/** Approves a requested transfer. @throws Refusal not_found, conflict. */
export function approveTransfer(tx: LedgerTx, input: Parsed<typeof TransferActionInput>): OutboundView {
  const t = mustOutbound(tx, input.transferId);
  if (t.state !== "requested") refuse("conflict", `Transfer ${t.transferId} is ${t.state}, not requested`);
  setState(tx, t.transferId, "approved");
  tx.run("UPDATE transfers_out SET approved_by = ? WHERE id = ?", tx.actor, t.transferId);
  tx.emit("stock.transfer_approved", { transferId: t.transferId });
  return mustOutbound(tx, t.transferId);
}

/**
 * Dispatches an approved transfer: posts `transfer_out` entries (FEFO, costed), records the
 * allocations, and queues the "dispatched" message to the receiving store — one transaction.
 * @throws Refusal insufficient_stock (nothing leaves), not_found, conflict.
 */
export function dispatchTransfer(tx: LedgerTx, input: Parsed<typeof TransferActionInput>): OutboundView {
  const t = mustOutbound(tx, input.transferId);
  if (t.state !== "approved") refuse("conflict", `Transfer ${t.transferId} is ${t.state}, not approved`);
  const entries = issueLines(tx, t.lines, {
    kind: "transfer_out",
    documentType: "transfer",
    documentId: t.transferId,
    serialState: "in_transit",
  });
  for (const e of entries) {
    tx.run(
      `INSERT INTO transfer_out_allocations (transfer_id, sku, batch, serial, expiry, qty, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (transfer_id, sku, batch, serial) DO UPDATE SET qty = qty + excluded.qty`,
      t.transferId,
      e.sku,
      e.batch,
      e.serial ?? "",
      batchExpiry(tx, e.sku, e.batch),
      -e.qty,
      e.unitCost,
    );
  }
  setState(tx, t.transferId, "in_transit");
  const view = mustOutbound(tx, t.transferId);
  enqueueDelivery(tx, t.toStoreId, "transfer.dispatched", { transferId: t.transferId, allocations: view.allocations });
  tx.emit("stock.transfer_dispatched", { transferId: t.transferId, toStoreId: t.toStoreId, allocations: view.allocations });
  return view;
}

/**
 * Cancels a transfer. Before dispatch it just ends. In transit, the receiving store decides what
 * is left (it may have received part), so a "close request" goes to it and the remainder comes
 * back by a "closed" message. @throws Refusal conflict when already finished.
 */
export function cancelOutbound(tx: LedgerTx, t: OutboundView): OutboundView {
  if (t.state === "requested" || t.state === "approved") {
    setState(tx, t.transferId, "cancelled");
    tx.emit("stock.transfer_cancelled", { transferId: t.transferId });
  } else if (t.state === "in_transit") {
    if (!t.cancelRequested) {
      tx.run("UPDATE transfers_out SET cancel_requested = 1, updated_at = ? WHERE id = ?", tx.now, t.transferId);
      enqueueDelivery(tx, t.toStoreId, "transfer.close_request", { transferId: t.transferId });
    }
  } else {
    refuse("conflict", `Transfer ${t.transferId} is ${t.state}`);
  }
  return mustOutbound(tx, t.transferId);
}

function settle(tx: LedgerTx, id: string): void {
  const v = mustOutbound(tx, id);
  if (v.state !== "in_transit" || v.inTransit > 0) return;
  const received = v.allocations.reduce((n, a) => n + a.receivedQty, 0);
  const returned = v.allocations.reduce((n, a) => n + a.returnedQty, 0);
  setState(tx, id, returned === 0 ? "received" : received === 0 ? "cancelled" : "closed");
}

/** Applies the receiver's "received" message: moves allocations from in transit to received. */
export function onTransferReceived(
  tx: LedgerTx,
  payload: { transferId: string; lines: { sku: string; batch: string; serial: string; qty: number }[] },
): void {
  mustOutbound(tx, payload.transferId);
  for (const l of payload.lines) {
    tx.run(
      "UPDATE transfer_out_allocations SET received_qty = received_qty + ? WHERE transfer_id = ? AND sku = ? AND batch = ? AND serial = ?",
      l.qty,
      payload.transferId,
      l.sku,
      l.batch,
      l.serial,
    );
    if (l.serial)
      tx.run("UPDATE serials SET state = 'transferred', updated_at = ? WHERE serial = ? AND state = 'in_transit'", tx.now, l.serial);
  }
  tx.emit("stock.transfer_received", { transferId: payload.transferId, lines: payload.lines });
  settle(tx, payload.transferId);
}

/** Applies the receiver's "closed" message: what never arrived comes back into this store's stock. */
export function onTransferClosed(
  tx: LedgerTx,
  payload: { transferId: string; remainder: { sku: string; batch: string; serial: string; qty: number }[] },
): void {
  const v = mustOutbound(tx, payload.transferId);
  for (const r of payload.remainder) {
    if (r.qty <= 0) continue;
    const a = v.allocations.find((x) => x.sku === r.sku && x.batch === r.batch && x.serial === r.serial);
    if (!a) continue;
    admitLine(
      tx,
      {
        sku: r.sku,
        qty: r.qty,
        unitCost: a.unitCost,
        batch: r.batch || undefined,
        expiry: a.expiry,
        serials: r.serial ? [r.serial] : undefined,
      },
      {
        kind: "transfer_in",
        reason: "transfer_return",
        documentType: "transfer",
        documentId: payload.transferId,
        serialFrom: ["in_transit"],
      },
    );
    tx.run(
      "UPDATE transfer_out_allocations SET returned_qty = returned_qty + ? WHERE transfer_id = ? AND sku = ? AND batch = ? AND serial = ?",
      r.qty,
      payload.transferId,
      r.sku,
      r.batch,
      r.serial,
    );
  }
  tx.emit("stock.transfer_closed", { transferId: payload.transferId, remainder: payload.remainder });
  settle(tx, payload.transferId);
}

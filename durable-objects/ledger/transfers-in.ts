/**
 * Transfers, the receiving store's side: the "dispatched" message opens an inbound transfer
 * (nothing on hand yet: the goods are on the road); receipts post `transfer_in` entries at the
 * sender's cost, partial receipts allowed; closing (cancel in transit) hands what never arrived
 * back to the sender. Every step tells the sender by a delivery in the same transaction.
 */
import { admitLine } from "./admit";
import { enqueueDelivery } from "./deliveries";
import type { TransferReceiveInput } from "./inputs";
import type { Allocation } from "./transfers-out";
import type { LedgerTx, PostedEntry } from "./tx";
import { refuse } from "./tx";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

interface InLine {
  sku: string;
  batch: string;
  serial: string;
  expiry: string | null;
  qty_expected: number;
  qty_received: number;
  unit_cost: number;
  [k: string]: SqlStorageValue;
}

/** The receiving store's view of a transfer. */
export interface InboundView {
  transferId: string;
  direction: "in";
  fromStoreId: string;
  state: "in_transit" | "received" | "closed";
  lines: {
    sku: string;
    batch: string;
    serial: string;
    expiry: string | null;
    qtyExpected: number;
    qtyReceived: number;
    unitCost: number;
  }[];
  inTransit: number;
}

/** The inbound view of `id`, or undefined when this store has not heard of it. */
export function inboundView(tx: LedgerTx, id: string): InboundView | undefined {
  const t = tx.one<{ from_store: string; state: InboundView["state"] }>("SELECT from_store, state FROM transfers_in WHERE id = ?", id);
  if (!t) return undefined;
  const lines = tx.rows<InLine>("SELECT * FROM transfer_in_lines WHERE transfer_id = ? ORDER BY sku, batch, serial", id);
  return {
    transferId: id,
    direction: "in",
    fromStoreId: t.from_store,
    state: t.state,
    lines: lines.map((l) => ({
      sku: l.sku,
      batch: l.batch,
      serial: l.serial,
      expiry: l.expiry,
      qtyExpected: l.qty_expected,
      qtyReceived: l.qty_received,
      unitCost: l.unit_cost,
    })),
    inTransit: t.state === "in_transit" ? lines.reduce((n, l) => n + l.qty_expected - l.qty_received, 0) : 0,
  };
}

/** Applies the sender's "dispatched" message: opens the inbound transfer (once). */
export function onTransferDispatched(tx: LedgerTx, fromStoreId: string, payload: { transferId: string; allocations: Allocation[] }): void {
  if (tx.one("SELECT 1 AS x FROM transfers_in WHERE id = ?", payload.transferId)) return;
  tx.run(
    "INSERT INTO transfers_in (id, from_store, state, created_at, updated_at) VALUES (?, ?, 'in_transit', ?, ?)",
    payload.transferId,
    fromStoreId,
    tx.now,
    tx.now,
  );
  for (const a of payload.allocations) {
    tx.run(
      "INSERT INTO transfer_in_lines (transfer_id, sku, batch, serial, expiry, qty_expected, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?)",
      payload.transferId,
      a.sku,
      a.batch,
      a.serial,
      a.expiry,
      a.qty,
      a.unitCost,
    );
  }
  tx.emit("stock.transfer_incoming", { transferId: payload.transferId, fromStoreId, allocations: payload.allocations });
}

/**
 * Receives goods of an inbound transfer (all still in transit when `lines` is omitted):
 * `transfer_in` entries at the sender's unit cost, batches with their expiry, serials back in
 * stock; then tells the sender. @throws Refusal not_found, conflict (closed, or more than in transit).
 */
export function receiveTransfer(tx: LedgerTx, input: Parsed<typeof TransferReceiveInput>): InboundView & { entries: PostedEntry[] } {
  const t = tx.one<{ from_store: string; state: string; receipts: number }>(
    "SELECT from_store, state, receipts FROM transfers_in WHERE id = ?",
    input.transferId,
  );
  if (!t) refuse("not_found", `Transfer ${input.transferId} has not been dispatched to this store (yet)`);
  if (t.state !== "in_transit") refuse("conflict", `Transfer ${input.transferId} is ${t.state}`);
  const lines = tx.rows<InLine>(
    "SELECT * FROM transfer_in_lines WHERE transfer_id = ? ORDER BY expiry IS NULL, expiry, batch, serial",
    input.transferId,
  );
  const take = new Map<InLine, number>();
  const open = (l: InLine) => l.qty_expected - l.qty_received - (take.get(l) ?? 0);
  const wanted =
    input.lines ??
    lines
      .filter((l) => open(l) > 0)
      .map((l) => ({ sku: l.sku, qty: open(l), batch: l.batch || undefined, serials: l.serial ? [l.serial] : undefined }));
  for (const w of wanted) {
    if (w.serials && w.serials.length > 0) {
      if (w.serials.length !== w.qty) refuse("validation_failed", `${w.sku}: ${w.qty} units need ${w.qty} serials`);
      for (const s of w.serials) {
        const l = lines.find((x) => x.sku === w.sku && x.serial === s && open(x) > 0);
        if (!l) refuse("conflict", `Serial ${s} of ${w.sku} is not in transit on ${input.transferId}`);
        take.set(l, (take.get(l) ?? 0) + 1);
      }
      continue;
    }
    let left = w.qty;
    for (const l of lines) {
      if (left === 0) break;
      if (l.sku !== w.sku || l.serial !== "" || (w.batch && l.batch !== w.batch)) continue;
      const n = Math.min(left, open(l));
      if (n <= 0) continue;
      take.set(l, (take.get(l) ?? 0) + n);
      left -= n;
    }
    if (left > 0) refuse("conflict", `${w.sku}: ${left} more than is in transit on ${input.transferId}`);
  }
  const entries: PostedEntry[] = [];
  const notice: { sku: string; batch: string; serial: string; qty: number }[] = [];
  for (const [l, qty] of take) {
    entries.push(
      ...admitLine(
        tx,
        {
          sku: l.sku,
          qty,
          unitCost: l.unit_cost,
          batch: l.batch || undefined,
          expiry: l.expiry,
          serials: l.serial ? [l.serial] : undefined,
        },
        { kind: "transfer_in", documentType: "transfer", documentId: input.transferId },
      ),
    );
    tx.run(
      "UPDATE transfer_in_lines SET qty_received = qty_received + ? WHERE transfer_id = ? AND sku = ? AND batch = ? AND serial = ?",
      qty,
      input.transferId,
      l.sku,
      l.batch,
      l.serial,
    );
    notice.push({ sku: l.sku, batch: l.batch, serial: l.serial, qty });
  }
  const done = lines.every((l) => open(l) === 0);
  tx.run(
    "UPDATE transfers_in SET receipts = receipts + 1, state = ?, updated_at = ? WHERE id = ?",
    done ? "received" : "in_transit",
    tx.now,
    input.transferId,
  );
  enqueueDelivery(tx, t.from_store, "transfer.received", { transferId: input.transferId, receiptNo: t.receipts + 1, lines: notice });
  return { ...inboundView(tx, input.transferId)!, entries };
}

/**
 * Closes an inbound transfer still in transit: nothing more will be received here, and the
 * remainder goes back to the sender by a "closed" message. Idempotent on a closed transfer.
 * @throws Refusal not_found, conflict (already fully received).
 */
export function closeInbound(tx: LedgerTx, transferId: string): InboundView {
  const v = inboundView(tx, transferId) ?? refuse("not_found", `Transfer ${transferId} has not been dispatched to this store (yet)`);
  if (v.state === "closed") return v;
  if (v.state === "received") refuse("conflict", `Transfer ${transferId} is fully received`);
  const remainder = v.lines
    .filter((l) => l.qtyExpected > l.qtyReceived)
    .map((l) => ({ sku: l.sku, batch: l.batch, serial: l.serial, qty: l.qtyExpected - l.qtyReceived }));
  tx.run("UPDATE transfers_in SET state = 'closed', updated_at = ? WHERE id = ?", tx.now, transferId);
  enqueueDelivery(tx, v.fromStoreId, "transfer.closed", { transferId, remainder });
  tx.emit("stock.transfer_closed", { transferId, remainder });
  return inboundView(tx, transferId)!;
}

/** Applies the sender's "close request" (a cancel in transit): close unless already fully received. */
export function onCloseRequest(tx: LedgerTx, payload: { transferId: string }): void {
  const v = inboundView(tx, payload.transferId);
  if (v?.state !== "in_transit") return;
  closeInbound(tx, payload.transferId);
}

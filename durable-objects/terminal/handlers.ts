/**
 * onMessage of the terminal hub: one handler per frame type of protocol v1 (./protocol.ts,
 * docs/terminal-protocol.md). Shift and cart frames are synchronous SQLite work (one
 * transactionSync each); checkout and sync price through the tenant database and commit through
 * the store's posCheckout (./sales.ts). Answers carry the frame's `ref`; refusals are error frames.
 */
import type { z } from "zod";
import type { SaleLineIn } from "../../src/domains/sales/schemas";
import type { Actor } from "../../src/platform/context";
import { activeCart, addLine, type CartResult, changeLine, clearActiveCart, discountLine, heldCarts, holdCart, recallCart } from "./carts";
import type { ClientFrame, SaleOutcome } from "./protocol";
import { sellAtTerminal } from "./sales";
import { closeShift, getShift, moveCash, openShift, openShiftOf } from "./shifts";
import type { TerminalHub } from "./socket";
import { tenantContext } from "./tenant";

type Frame<T extends ClientFrame["type"]> = Extract<ClientFrame, { type: T }>;

/** Who an authenticated socket is: its terminal and the actor it sells as. */
export interface Authed {
  terminalId: string;
  actor: Actor;
}

function cartAnswer(hub: TerminalHub, ws: WebSocket, terminalId: string, ref: string | null, r: CartResult): void {
  if (r.ok) hub.send(ws, { type: "cart", ref, cart: r.cart, held: heldCarts(hub.sql, terminalId) });
  else hub.fail(ws, r.code, r.detail, ref);
}

/** Dispatches one authenticated frame. Never throws for a client's mistake (the hub catches the rest). */
export async function handleFrame(hub: TerminalHub, ws: WebSocket, session: Authed, frame: ClientFrame): Promise<void> {
  const terminalId = session.terminalId;
  const actor = session.actor;
  const ref = frame.ref ?? null;
  const tx = <T>(fn: () => T): T => hub.host.ctx.storage.transactionSync(fn);
  switch (frame.type) {
    case "hello":
      return hub.fail(ws, "conflict", "Already authenticated", ref);
    case "ping":
      return hub.send(ws, { type: "pong", ref, at: new Date().toISOString() });
    case "open_shift": {
      const shift = tx(() => openShift(hub.sql, terminalId, actor.id, frame.openingFloat));
      if (!shift) return hub.fail(ws, "conflict", "A shift is already open on this terminal", ref);
      return hub.send(ws, { type: "shift_opened", ref, shift });
    }
    case "cash_in":
    case "cash_out": {
      const shift = openShiftOf(hub.sql, terminalId);
      if (!shift) return hub.fail(ws, "conflict", "Open a shift first", ref);
      tx(() => moveCash(hub.sql, shift.shiftId, frame.type, frame.amount, frame.reason, actor.id));
      return hub.send(ws, { type: "cash_moved", ref, shiftId: shift.shiftId, kind: frame.type, amount: frame.amount });
    }
    case "cart_add":
      return cartAnswer(
        hub,
        ws,
        terminalId,
        ref,
        tx(() => addLine(hub.sql, terminalId, frame.line)),
      );
    case "cart_remove":
      return cartAnswer(
        hub,
        ws,
        terminalId,
        ref,
        tx(() => changeLine(hub.sql, terminalId, frame.lineId, () => null)),
      );
    case "cart_set_qty":
      return cartAnswer(
        hub,
        ws,
        terminalId,
        ref,
        tx(() => changeLine(hub.sql, terminalId, frame.lineId, (l) => ({ ...l, quantity: frame.quantity }))),
      );
    case "cart_discount":
      return cartAnswer(
        hub,
        ws,
        terminalId,
        ref,
        tx(() => discountLine(hub.sql, terminalId, frame.lineId, frame.discount)),
      );
    case "cart_hold":
      return cartAnswer(
        hub,
        ws,
        terminalId,
        ref,
        tx(() => holdCart(hub.sql, terminalId, frame.label ?? null)),
      );
    case "cart_recall":
      return cartAnswer(
        hub,
        ws,
        terminalId,
        ref,
        tx(() => recallCart(hub.sql, terminalId, frame.cartId)),
      );
    case "checkout":
      return checkout(hub, ws, session, frame);
    case "sync":
      return sync(hub, ws, session, frame);
    case "close_shift": {
      const shift = frame.shiftId ? getShift(hub.sql, frame.shiftId) : openShiftOf(hub.sql, terminalId);
      if (!shift || shift.terminalId !== terminalId || shift.closedAt !== null)
        return hub.fail(ws, "conflict", "No such open shift on this terminal", ref);
      const report = tx(() => closeShift(hub.sql, shift, frame.countedByTender, actor.id));
      return hub.send(ws, { type: "z_report", ref, report });
    }
  }
}

/** Online checkout of the active cart: shortfall refused (insufficient_stock), the open shift, now. */
async function checkout(hub: TerminalHub, ws: WebSocket, session: Authed, frame: Frame<"checkout">): Promise<void> {
  const terminalId = session.terminalId;
  const ref = frame.ref ?? null;
  const cart = activeCart(hub.sql, terminalId);
  const lines = cart.lines.map(({ lineId: _id, ...l }) => l as z.infer<typeof SaleLineIn>);
  if (lines.length === 0) return hub.fail(ws, "unprocessable", "The active cart is empty", ref, { clientSaleId: frame.clientSaleId });
  const { tenantId, storeId } = hub.identity();
  const ctx = await tenantContext(hub.host.env, tenantId, session.actor);
  const body = { lines, tenders: frame.tenders, customer: frame.customer, shipToStateCode: frame.shipToStateCode };
  const out = await sellAtTerminal(ctx, hub.sql, hub.host.commit, terminalId, storeId, {
    clientSaleId: frame.clientSaleId,
    body,
    offline: false,
  });
  if (out.status === "refused")
    return hub.fail(ws, out.code ?? "conflict", out.detail ?? "Refused", ref, { clientSaleId: frame.clientSaleId });
  if (out.status !== "duplicate") hub.host.ctx.storage.transactionSync(() => clearActiveCart(hub.sql, terminalId));
  hub.send(ws, { type: "sale", ref, ...out });
}

/** Offline sales, in the order sent: each answered accepted | duplicate | flagged | refused. */
async function sync(hub: TerminalHub, ws: WebSocket, session: Authed, frame: Frame<"sync">): Promise<void> {
  const { tenantId, storeId } = hub.identity();
  const ctx = await tenantContext(hub.host.env, tenantId, session.actor);
  const results: SaleOutcome[] = [];
  for (const s of frame.sales) {
    const { clientSaleId, deviceSeq, clientTime, shiftId, ...body } = s;
    const out = await sellAtTerminal(ctx, hub.sql, hub.host.commit, session.terminalId, storeId, {
      clientSaleId,
      body,
      offline: true,
      deviceSeq,
      clientTime,
      shiftId,
    });
    const { sale: _sale, ...outcome } = out;
    results.push(outcome);
  }
  hub.send(ws, { type: "sync_result", ref: frame.ref ?? null, results });
}

/**
 * StoreDurableObject: one per store, named "<tenantId>:<storeId>", with SQLite storage. It owns
 * what must be serialized per store (ARCHITECTURE.md, "Store plane"); today the stock ledger:
 * append-only entries, balances, reservations with expiry, transfers, counts, and the outbox of
 * domain events that an alarm flushes to the queue.
 *
 * Every write is one ledger operation (ledger/operations.ts): one transactionSync, idempotent by
 * key. The object runs one request's synchronous transaction at a time, so two sales can never
 * both see the last unit: no oversell by construction. Expected failures are returned as
 * `{ ok: false, code, detail }`, never thrown across RPC.
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { storeObjectName } from "../src/domains/stores/access";
import type { Env } from "../src/platform/env";
import { type BalanceCheck, checkBalances } from "./ledger/checks";
import { loadConfig, saveConfig } from "./ledger/config";
import { cancelCount, countView, createCount, enterCounts, postCount } from "./ledger/counts";
import { type DeliverySender, sendDueDeliveries } from "./ledger/deliveries";
import * as I from "./ledger/inputs";
import { setSkuSettings, skuSettingsOf } from "./ledger/low-stock";
import { runOperation } from "./ledger/operations";
import { flushOutbox } from "./ledger/outbox";
import { getStock, movements, stockAsOf } from "./ledger/queries";
import { adjust, receive } from "./ledger/receive";
import { commitReservation, expireReservations, releaseReservation, reserve } from "./ledger/reservations";
import { pruneLedger } from "./ledger/retention";
import { commitSale, returnToStock } from "./ledger/sale";
import { nextDue, OUTBOX_RETRY_MS } from "./ledger/scheduler";
import { migrateLedger } from "./ledger/schema";
import { closeInbound, inboundView, onCloseRequest, onTransferDispatched, receiveTransfer } from "./ledger/transfers-in";
import {
  approveTransfer,
  cancelOutbound,
  dispatchTransfer,
  onTransferClosed,
  onTransferReceived,
  outboundView,
  requestTransfer,
} from "./ledger/transfers-out";
import type { EventEnvelope, Failure, LedgerTx, Result, StoreConfig } from "./ledger/tx";
import { refuse, LedgerTx as Tx } from "./ledger/tx";
import { posCancelInvoice } from "./pos/cancel";
import { posCheckout } from "./pos/checkout";
import { posConfirmUpi } from "./pos/confirm";
import type { SaleDocument } from "./pos/documents";
import { posExchange } from "./pos/exchange";
import * as P from "./pos/inputs";
import { loadSale, posReturn, returnsOf } from "./pos/returns";
import { ensurePosSchema } from "./pos/schema";
import { loadReturn, PosUnreceiptedInput, posUnreceiptedReturn } from "./pos/unreceipted";
import { listTerminals, pairTerminal, revokeTerminal, type TerminalRecord } from "./terminal/devices";
import { ensureTerminalSchema } from "./terminal/schema";
import { TerminalHub } from "./terminal/socket";

/** The actor the alarm acts as. */
const ALARM_ACTOR = "system:alarm";

function invalid(error: z.ZodError): Failure {
  const fields = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return { ok: false, code: "validation_failed", detail: fields.map((f) => `${f.path}: ${f.message}`).join("; "), fields };
}

const NOT_CONFIGURED: Failure = {
  ok: false,
  code: "conflict",
  detail: "This store's ledger is not configured (address it as <tenantId>:<storeId> or call configure)",
};

/** The Durable Object of one store. */
export class StoreDurableObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      migrateLedger(ctx.storage);
      // Work left from before an eviction (unsent events, lapsed holds, undelivered transfer
      // messages) is picked up by re-arming the alarm on every start.
      await this.schedule();
    });
  }

  /** Liveness probe used by tests and ops. */
  async ping(): Promise<{ ok: true }> {
    return { ok: true };
  }

  private config(): StoreConfig | undefined {
    return loadConfig(this.ctx.storage.sql, this.ctx.id.name);
  }

  /** Sets the alarm to the next due time of any timed work (one scheduler for all of it). */
  private async schedule(): Promise<void> {
    const due = nextDue(this.ctx.storage.sql);
    if (due === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(due, Date.now()));
  }

  /**
   * The single broadcast point: every committed event passes here, to be pushed to the store's
   * connected terminals as protocol frames (terminal/socket.ts pushEvent; docs/terminal-protocol.md §7).
   */
  protected broadcast(event: EventEnvelope): void {
    // Only authenticated terminal sockets receive pushes, as protocol frames (terminal/socket.ts).
    this.terminals().pushEvent(event);
  }

  private hub: TerminalHub | undefined;

  /** The terminal sockets of this store (durable-objects/terminal). */
  private terminals(): TerminalHub {
    this.hub ??= new TerminalHub({
      ctx: this.ctx,
      env: this.env,
      commit: (input, record) => this.terminalCheckout(input, record),
    });
    return this.hub;
  }

  /** posCheckout plus the terminal's sale record in the same transaction (terminal/sales.ts). */
  private async terminalCheckout(input: P.PosCheckoutInput, record: (tx: LedgerTx, sale: SaleDocument) => void) {
    ensurePosSchema(this.ctx.storage);
    ensureTerminalSchema(this.ctx.storage);
    return this.op("posCheckout", P.PosCheckoutInput, input, (tx, i) => {
      const out = posCheckout(tx, i);
      record(tx, out.sale);
      return out;
    });
  }

  /** The terminal WebSocket upgrade, forwarded by GET /v1/stores/{storeId}/terminal. */
  override async fetch(request: Request): Promise<Response> {
    return this.terminals().connect(request);
  }

  /** Hibernation API: a terminal frame. */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.terminals().message(ws, message);
  }

  /** Hibernation API: a terminal closed its socket. */
  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.terminals().close(ws, code, reason);
  }

  /** Hibernation API: a socket failed. */
  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    this.terminals().error(ws, error);
  }

  /** Pairs a terminal; the device token in the answer is shown once (only its hash is kept). */
  async pairTerminal(input: { name: string; actor: string }): Promise<Result<TerminalRecord & { deviceToken: string }>> {
    const parsed = z.object({ name: z.string().trim().min(1).max(80), actor: z.string().min(1).max(128) }).safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    ensureTerminalSchema(this.ctx.storage);
    return { ok: true, ...(await pairTerminal(this.ctx.storage.sql, parsed.data)) };
  }

  /** The store's paired terminals (never their tokens). */
  async listTerminals(): Promise<Result<{ items: TerminalRecord[] }>> {
    ensureTerminalSchema(this.ctx.storage);
    return { ok: true, items: listTerminals(this.ctx.storage.sql) };
  }

  /** Revokes a terminal and closes its open sockets (4403). */
  async revokeTerminal(terminalId: string): Promise<Result<TerminalRecord>> {
    ensureTerminalSchema(this.ctx.storage);
    const r = revokeTerminal(this.ctx.storage.sql, terminalId);
    if (!r) return { ok: false, code: "not_found", detail: `No terminal ${terminalId} in this store` };
    this.terminals().disconnect(terminalId);
    return { ok: true, ...r };
  }

  /** Pushes price changes (minor units; null = override removed) to every connected terminal. */
  async pushPrices(prices: { sku: string; price: number | null }[]): Promise<{ ok: true; sent: number }> {
    this.terminals().push({ type: "price_changed", prices, at: new Date().toISOString() });
    return { ok: true, sent: this.ctx.getWebSockets().length };
  }

  private readonly sendDelivery: DeliverySender = async (target, message) => {
    const cfg = this.config()!;
    const stub = this.env.STORE.getByName(storeObjectName(cfg.tenantId, target));
    return (await stub.acceptDelivery(message)) as Result<object>;
  };

  private async deliver(): Promise<void> {
    const cfg = this.config();
    if (cfg) await sendDueDeliveries(this.ctx.storage, cfg.storeId, this.sendDelivery);
  }

  /** Parses `raw`, runs `body` as one idempotent operation, then broadcasts, schedules and delivers. */
  private async op<S extends z.ZodType<{ actor: string; idempotencyKey?: string }>, T extends object>(
    name: string,
    schema: S,
    raw: unknown,
    body: (tx: LedgerTx, input: z.output<S>) => T,
  ): Promise<Result<T>> {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    const cfg = this.config();
    if (!cfg) return NOT_CONFIGURED;
    const { actor, idempotencyKey, ...payload } = parsed.data;
    const ran = await runOperation(this.ctx.storage, cfg, name, { actor, idempotencyKey }, payload, (tx) => body(tx, parsed.data));
    await this.schedule();
    for (const e of ran.events) this.broadcast(e);
    if (ran.result.ok && cfg.deliveryMode === "inline") await this.deliver();
    return ran.result;
  }

  /** Sets the store's identity, valuation method (fifo | moving_average) and negative-stock default. */
  async configure(input: I.ConfigureInput): Promise<Result<StoreConfig>> {
    const parsed = I.ConfigureInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return { ok: true, ...this.ctx.storage.transactionSync(() => saveConfig(this.ctx.storage.sql, this.ctx.id.name, parsed.data)) };
    } catch (e) {
      if (e instanceof Error && "failure" in e) return (e as { failure: Failure }).failure;
      throw e;
    }
  }

  /** Per-SKU unit, negative-stock override, reorder point and low-stock threshold. */
  async setSkuSettings(input: I.SkuSettingsInput & { actor: string }) {
    return this.op("setSkuSettings", I.SkuSettingsInput.extend({ actor: z.string().min(1) }), input, setSkuSettings);
  }

  /** A SKU's settings (defaults when it has none yet). */
  async getSkuSettings(sku: string) {
    return this.read((tx) => skuSettingsOf(tx, sku));
  }

  /** Goods in (see ledger/receive.ts). */
  async receive(input: I.ReceiveInput) {
    return this.op("receive", I.ReceiveInput, input, receive);
  }

  /** Adjustment with a reason (see ledger/receive.ts). */
  async adjust(input: I.AdjustInput) {
    return this.op("adjust", I.AdjustInput, input, adjust);
  }

  /** The stock side of a sale (see ledger/sale.ts). Refuses with insufficient_stock and the shortfall per SKU. */
  async commitSale(input: I.SaleInput) {
    return this.op("commitSale", I.SaleInput, input, commitSale);
  }

  /** Customer return: restock or write off (see ledger/sale.ts). */
  async returnToStock(input: I.ReturnInput) {
    return this.op("returnToStock", I.ReturnInput, input, returnToStock);
  }

  /** Holds stock until it is released, committed or lapses (the alarm releases it). */
  async reserve(input: I.ReserveInput) {
    return this.op("reserve", I.ReserveInput, input, reserve);
  }

  /** Releases a reservation. */
  async releaseReservation(input: I.ReservationActionInput) {
    return this.op("releaseReservation", I.ReservationActionInput, input, releaseReservation);
  }

  /** Commits a reservation as a sale. */
  async commitReservation(input: I.ReservationActionInput) {
    return this.op("commitReservation", I.ReservationActionInput, input, commitReservation);
  }

  /** Requests a transfer from this store to another. */
  async requestTransfer(input: I.TransferRequestInput) {
    return this.op("requestTransfer", I.TransferRequestInput, input, requestTransfer);
  }

  /** Approves a requested transfer (at the sending store). */
  async approveTransfer(input: I.TransferActionInput) {
    return this.op("approveTransfer", I.TransferActionInput, input, approveTransfer);
  }

  /** Dispatches an approved transfer: stock leaves, in transit; the receiving store is told (crash-safe). */
  async dispatchTransfer(input: I.TransferActionInput) {
    return this.op("dispatchTransfer", I.TransferActionInput, input, dispatchTransfer);
  }

  /** Receives (part of) an inbound transfer at this, the receiving store. */
  async receiveTransfer(input: I.TransferReceiveInput) {
    return this.op("receiveTransfer", I.TransferReceiveInput, input, receiveTransfer);
  }

  /** Cancels a transfer: at the sender before dispatch; in transit at either store (the rest goes back). */
  async cancelTransfer(input: I.TransferActionInput) {
    return this.op("cancelTransfer", I.TransferActionInput, input, (tx, i) => {
      const out = outboundView(tx, i.transferId);
      if (out) return cancelOutbound(tx, out);
      if (inboundView(tx, i.transferId)) return closeInbound(tx, i.transferId);
      return refuse("not_found", `Transfer ${i.transferId} not found in this store`);
    });
  }

  /** A transfer as this store sees it (outbound, inbound, or both views). */
  async getTransfer(transferId: string) {
    return this.read((tx) => {
      const outbound = outboundView(tx, transferId);
      const inbound = inboundView(tx, transferId);
      if (!outbound && !inbound) refuse("not_found", `Transfer ${transferId} not found in this store`);
      return { transferId, outbound: outbound ?? null, inbound: inbound ?? null };
    });
  }

  /**
   * A message from another store's ledger (transfers). Applied once per delivery id: a repeat
   * returns the first result and changes nothing.
   */
  async acceptDelivery(message: I.DeliveryInput) {
    const parsed = I.DeliveryInput.safeParse(message);
    if (!parsed.success) return invalid(parsed.error);
    const m = parsed.data;
    const raw = { actor: `store:${m.fromStoreId}`, idempotencyKey: `sys:delivery:${m.deliveryId}`, ...m };
    const schema = I.DeliveryInput.extend({ actor: z.string(), idempotencyKey: z.string() });
    return this.op("acceptDelivery", schema, raw, (tx, d) => {
      const p = d.payload as never;
      if (d.kind === "transfer.dispatched") onTransferDispatched(tx, d.fromStoreId, p);
      else if (d.kind === "transfer.received") onTransferReceived(tx, p);
      else if (d.kind === "transfer.close_request") onCloseRequest(tx, p);
      else onTransferClosed(tx, p);
      return { deliveryId: d.deliveryId };
    });
  }

  /**
   * Point of sale (durable-objects/pos): commits a priced sale — ledger sale, invoice number, sale
   * record, outbox events — in one transaction. Refuses insufficient_stock / credit_limit_exceeded
   * with nothing written and no number consumed.
   */
  async posCheckout(input: P.PosCheckoutInput) {
    ensurePosSchema(this.ctx.storage);
    return this.op("posCheckout", P.PosCheckoutInput, input, posCheckout);
  }

  /** A return against a sale of this store, with its credit note (durable-objects/pos/returns.ts). */
  async posReturn(input: P.PosReturnInput) {
    ensurePosSchema(this.ctx.storage);
    return this.op("posReturn", P.PosReturnInput, input, posReturn);
  }

  /**
   * A return without a receipt: goods back with no sale to return against, restocked or written
   * off, refunded, with a credit note that cites no invoice (durable-objects/pos/unreceipted.ts).
   */
  async posUnreceiptedReturn(input: PosUnreceiptedInput) {
    ensurePosSchema(this.ctx.storage);
    return this.op("posUnreceiptedReturn", PosUnreceiptedInput, input, posUnreceiptedReturn);
  }

  /** A return of this store by id, with or without a sale (the truth the tenant database projects). */
  async getReturn(returnId: string) {
    ensurePosSchema(this.ctx.storage);
    return this.read((tx) => ({ return: loadReturn(tx, returnId) }));
  }

  /**
   * An exchange: a return of lines of a sale and a new sale in one transaction, the credit note
   * applied to the new invoice (durable-objects/pos/exchange.ts). All or nothing.
   */
  async posExchange(input: P.PosExchangeInput) {
    ensurePosSchema(this.ctx.storage);
    return this.op("posExchange", P.PosExchangeInput, input, (tx, i) => posExchange(tx, i));
  }

  /** Cancels an invoice of this store: number kept, stock restored, tenders refunded (durable-objects/pos/cancel.ts). */
  async posCancelInvoice(input: P.PosCancelInput) {
    ensurePosSchema(this.ctx.storage);
    return this.op("posCancelInvoice", P.PosCancelInput, input, posCancelInvoice);
  }

  /**
   * Settles an awaiting UPI tender of a sale: by a provider's verified callback or a reference the
   * cashier keyed (durable-objects/pos/confirm.ts). A repeat answers `changed: false` and writes nothing.
   */
  async posConfirmUpi(input: P.PosConfirmUpiInput) {
    ensurePosSchema(this.ctx.storage);
    return this.op("posConfirmUpi", P.PosConfirmUpiInput, input, posConfirmUpi);
  }

  /** A sale of this store with its returns (the truth the tenant database projects). */
  async getSale(saleId: string) {
    ensurePosSchema(this.ctx.storage);
    return this.read((tx) => ({ sale: loadSale(tx, saleId), returns: returnsOf(tx, saleId) }));
  }

  /** Opens a count sheet (snapshot of expected on-hand). */
  async createCount(input: I.CountCreateInput) {
    return this.op("createCount", I.CountCreateInput, input, createCount);
  }

  /** Enters counted quantities on an open sheet. */
  async enterCounts(input: I.CountEnterInput) {
    return this.op("enterCounts", I.CountEnterInput, input, enterCounts);
  }

  /** Posts a sheet's variances as count entries. */
  async postCount(input: I.CountActionInput) {
    return this.op("postCount", I.CountActionInput, input, postCount);
  }

  /** Cancels an open count sheet. */
  async cancelCount(input: I.CountActionInput) {
    return this.op("cancelCount", I.CountActionInput, input, cancelCount);
  }

  /** A count sheet. */
  async getCount(countId: string) {
    return this.read((tx) => countView(tx, countId));
  }

  private async read<T extends object>(body: (tx: LedgerTx) => T): Promise<Result<T>> {
    const cfg = this.config();
    if (!cfg) return NOT_CONFIGURED;
    try {
      return { ok: true, ...body(new Tx(this.ctx.storage.sql, cfg, "reader", null)) };
    } catch (e) {
      if (e instanceof Error && "failure" in e) return (e as { failure: Failure }).failure;
      throw e;
    }
  }

  /** Stock per SKU with batches (filters: sku, batch, low, expiringBefore). */
  async getStock(query: I.StockQuery = {}): Promise<Result<{ items: ReturnType<typeof getStock> }>> {
    const q = I.StockQuery.safeParse(query);
    if (!q.success) return invalid(q.error);
    return { ok: true, items: getStock(this.ctx.storage.sql, q.data) };
  }

  /** Ledger entries, newest first, with a cursor. */
  async movements(query: I.MovementsQuery = {}): Promise<Result<ReturnType<typeof movements>>> {
    const q = I.MovementsQuery.safeParse(query);
    if (!q.success) return invalid(q.error);
    return { ok: true, ...movements(this.ctx.storage.sql, q.data) };
  }

  /** On-hand per SKU and batch at a past instant (ISO 8601), from the entries. */
  async stockAsOf(instant: string, sku?: string): Promise<Result<{ asOf: string; items: ReturnType<typeof stockAsOf> }>> {
    const q = z.object({ instant: z.string().datetime({ offset: true }), sku: z.string().optional() }).safeParse({ instant, sku });
    if (!q.success) return invalid(q.error);
    return { ok: true, asOf: new Date(instant).toISOString(), items: stockAsOf(this.ctx.storage.sql, instant, sku) };
  }

  /** Proves balances equal the sum of entries (and reserved equals active reservations). */
  async checkBalances(): Promise<BalanceCheck> {
    return checkBalances(this.ctx.storage.sql, this.config()?.allowNegative ?? false);
  }

  /** Releases every lapsed reservation (state expired) and broadcasts the events. @returns how many. */
  private async expireLapsed(cfg: StoreConfig): Promise<number> {
    const ran = await runOperation(this.ctx.storage, cfg, "expireReservations", { actor: ALARM_ACTOR }, null, (tx) => ({
      expired: expireReservations(tx),
    }));
    for (const e of ran.events) this.broadcast(e);
    return ran.result.ok ? ran.result.expired : 0;
  }

  /**
   * Belt and braces for a lost alarm (src/platform/scheduled.ts runs it from the cron): releases
   * lapsed reservations now, exactly as the alarm does, and re-arms the alarm so their events are
   * flushed. Cheap when nothing lapsed (one indexed query). @returns how many were released.
   */
  async sweepLapsedReservations(): Promise<Result<{ expired: number }>> {
    const cfg = this.config();
    if (!cfg) return NOT_CONFIGURED;
    const expired = await this.expireLapsed(cfg);
    await this.schedule();
    return { ok: true, expired };
  }

  /**
   * The one alarm: expires lapsed reservations, sends due transfer messages, flushes the outbox
   * to the events queue, prunes old bookkeeping rows, then re-arms for the next due time. A queue failure backs off rather
   * than failing the alarm.
   */
  override async alarm(): Promise<void> {
    const cfg = this.config();
    if (!cfg) return;
    await this.expireLapsed(cfg);
    await this.deliver();
    try {
      await flushOutbox(this.ctx.storage, cfg, this.env.EVENTS);
      this.ctx.storage.sql.exec("DELETE FROM meta WHERE key = 'outbox_retry_at'");
    } catch (e) {
      console.error(JSON.stringify({ level: "error", store: this.ctx.id.name, msg: "outbox flush failed", error: String(e) }));
      this.ctx.storage.sql.exec(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('outbox_retry_at', ?)",
        String(Date.now() + OUTBOX_RETRY_MS),
      );
    }
    pruneLedger(this.ctx.storage.sql);
    await this.schedule();
  }
}

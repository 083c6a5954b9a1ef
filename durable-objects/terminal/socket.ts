/**
 * The store object's terminal sockets (hibernation API), in PartyServer's shape: the platform
 * callbacks (fetch upgrade, webSocketMessage, webSocketClose, webSocketError) are implemented
 * once here and turn into hooks — onConnect, onMessage (./handlers.ts), onClose — and an error in
 * a callback is logged with the store's name and answered with an error frame, never rethrown
 * (a throw would drop every frame after it on that socket).
 *
 * What a socket is survives hibernation in its attachment: whether it said a valid hello, its
 * terminal and the actor it sells as. A socket must say hello first, within HELLO_DEADLINE_MS;
 * anything else closes it with 4401. Only authenticated sockets receive pushes.
 */
import type { Actor } from "../../src/platform/context";
import type { Env } from "../../src/platform/env";
import { DomainError, ERROR_CODES } from "../../src/platform/errors";
import type { EventEnvelope } from "../ledger/tx";
import { ensurePosSchema } from "../pos/schema";
import { activeCart, heldCarts } from "./carts";
import { verifyDevice } from "./devices";
import { handleFrame } from "./handlers";
import {
  CLOSE_REVOKED,
  CLOSE_UNAUTHENTICATED,
  CLOSE_VERSION,
  ClientFrame,
  type ErrorFrame,
  HELLO_DEADLINE_MS,
  Hello,
  PROTOCOL_VERSION,
} from "./protocol";
import type { CommitTerminalSale } from "./sales";
import { ensureTerminalSchema } from "./schema";
import { openShiftOf } from "./shifts";
import { cashierActor, tenantContext, terminalActor } from "./tenant";

/** What a socket's attachment holds (structured-cloned, under 2 KiB). */
export interface Session {
  auth: boolean;
  connectedAt: number;
  terminalId?: string;
  actor?: Actor;
}

/** What the hub needs from its Durable Object. */
export interface TerminalHost {
  ctx: DurableObjectState;
  env: Env;
  commit: CommitTerminalSale;
}

/** The terminal sockets of one store object. */
export class TerminalHub {
  constructor(readonly host: TerminalHost) {}

  get sql(): SqlStorage {
    return this.host.ctx.storage.sql;
  }

  /** The store's name "<tenantId>:<storeId>", for logs. */
  get room(): string {
    return this.host.ctx.id.name ?? "unnamed";
  }

  /** Tenant and store of this object, from its name. */
  identity(): { tenantId: string; storeId: string } {
    const [tenantId = "", storeId = ""] = this.room.split(":");
    return { tenantId, storeId };
  }

  private ready(): void {
    ensurePosSchema(this.host.ctx.storage);
    ensureTerminalSchema(this.host.ctx.storage);
  }

  // ---- platform callbacks -------------------------------------------------------------------

  /** The upgrade (from GET /v1/stores/{storeId}/terminal). 426 without `Upgrade: websocket`. */
  connect(request: Request): Response {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return Response.json({ code: "upgrade_required", detail: ERROR_CODES.upgrade_required.title }, { status: 426 });
    }
    this.ready();
    const { 0: client, 1: server } = new WebSocketPair();
    this.host.ctx.acceptWebSocket(server);
    const session: Session = { auth: false, connectedAt: Date.now() };
    server.serializeAttachment(session);
    this.onConnect(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** webSocketMessage: parse, authenticate or dispatch; never throws. */
  async message(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    let ref: string | null = null;
    try {
      this.ready();
      const session = ws.deserializeAttachment() as Session;
      let data: unknown;
      try {
        data = typeof raw === "string" ? JSON.parse(raw) : undefined;
      } catch {
        data = undefined;
      }
      if (data && typeof data === "object" && typeof (data as { ref?: unknown }).ref === "string") ref = (data as { ref: string }).ref;
      if (!session.auth) return await this.authenticate(ws, session, data);
      const frame = ClientFrame.safeParse(data);
      if (!frame.success) {
        const fields = frame.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return this.send(ws, {
          type: "error",
          code: "validation_failed",
          detail: fields.map((f) => `${f.path}: ${f.message}`).join("; "),
          ref,
          fields,
        });
      }
      await this.onMessage(ws, session, frame.data);
    } catch (e) {
      this.log("terminal frame failed", e);
      if (e instanceof DomainError) this.fail(ws, e.code, e.detail, ref);
      else this.fail(ws, "internal", "The frame could not be handled", ref);
    }
  }

  /** webSocketClose. */
  close(ws: WebSocket, code: number, reason: string): void {
    try {
      this.onClose(ws, code, reason);
    } catch (e) {
      this.log("terminal close failed", e);
    }
  }

  /** webSocketError. */
  error(_ws: WebSocket, err: unknown): void {
    this.log("terminal socket error", err);
  }

  // ---- hooks --------------------------------------------------------------------------------

  /** A new socket: arm its hello deadline and close sockets that missed theirs (timers do not survive hibernation). */
  protected onConnect(ws: WebSocket): void {
    setTimeout(() => this.expireIfSilent(ws), HELLO_DEADLINE_MS);
    for (const other of this.host.ctx.getWebSockets()) this.expireIfSilent(other);
  }

  /** An authenticated frame. */
  protected async onMessage(ws: WebSocket, session: Session, frame: ClientFrame): Promise<void> {
    if (!session.terminalId || !session.actor) return this.refuse(ws, CLOSE_UNAUTHENTICATED, "Say hello again", frame.ref ?? null);
    await handleFrame(this, ws, { terminalId: session.terminalId, actor: session.actor }, frame);
  }

  /** A closed socket: close our end too (the runtime expects it). */
  protected onClose(ws: WebSocket, code: number, _reason: string): void {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closed");
    } catch {
      // already closed
    }
  }

  // ---- authentication -----------------------------------------------------------------------

  private expireIfSilent(ws: WebSocket): void {
    const s = ws.deserializeAttachment() as Session | null;
    if (s && !s.auth && Date.now() - s.connectedAt >= HELLO_DEADLINE_MS) this.refuse(ws, CLOSE_UNAUTHENTICATED, "No hello in time", null);
  }

  private refuse(ws: WebSocket, closeCode: number, detail: string, ref: string | null, code = "unauthenticated"): void {
    this.fail(ws, code, detail, ref);
    try {
      ws.close(closeCode, detail.slice(0, 120));
    } catch {
      // already closed
    }
  }

  private async authenticate(ws: WebSocket, session: Session, data: unknown): Promise<void> {
    const hello = Hello.safeParse(data);
    const ref = hello.success ? (hello.data.ref ?? null) : null;
    if (!hello.success) return this.refuse(ws, CLOSE_UNAUTHENTICATED, "The first frame must be a valid hello", ref);
    if (Date.now() - session.connectedAt > HELLO_DEADLINE_MS) return this.refuse(ws, CLOSE_UNAUTHENTICATED, "No hello in time", ref);
    const h = hello.data;
    if (h.v !== PROTOCOL_VERSION)
      return this.refuse(ws, CLOSE_VERSION, `This server speaks protocol v${PROTOCOL_VERSION}`, ref, "validation_failed");
    if (!(await verifyDevice(this.sql, h.terminalId, h.deviceToken))) {
      return this.refuse(ws, CLOSE_UNAUTHENTICATED, "Unknown terminal, wrong device token, or revoked", ref, "invalid_token");
    }
    const { tenantId, storeId } = this.identity();
    let actor = terminalActor(h.terminalId, storeId);
    if (h.cashierToken) {
      try {
        actor = await cashierActor(await tenantContext(this.host.env, tenantId, actor), h.cashierToken, storeId);
      } catch (e) {
        const code = e instanceof DomainError ? e.code : "invalid_token";
        return this.refuse(ws, CLOSE_UNAUTHENTICATED, "The cashier token was refused", ref, code);
      }
    }
    const next: Session = { auth: true, connectedAt: session.connectedAt, terminalId: h.terminalId, actor };
    ws.serializeAttachment(next);
    this.send(ws, {
      type: "welcome",
      ref,
      v: PROTOCOL_VERSION,
      terminalId: h.terminalId,
      storeId,
      actor: { type: actor.type, id: actor.id, role: actor.role },
      shift: openShiftOf(this.sql, h.terminalId),
      cart: activeCart(this.sql, h.terminalId),
      held: heldCarts(this.sql, h.terminalId),
    });
  }

  // ---- sending ------------------------------------------------------------------------------

  /** Sends one frame; a socket that cannot take it is logged, not raised. */
  send(ws: WebSocket, frame: { type: string } & Record<string, unknown>): void {
    try {
      ws.send(JSON.stringify(frame));
    } catch (e) {
      this.log("terminal send failed", e);
    }
  }

  /** Sends an error frame. */
  fail(ws: WebSocket, code: string, detail: string, ref: string | null, extra: Record<string, unknown> = {}): void {
    const frame: ErrorFrame & Record<string, unknown> = { type: "error", code, detail, ref, ...extra };
    this.send(ws, frame);
  }

  /** Sends `frame` to every authenticated socket (optionally only those `only` accepts). */
  push(frame: { type: string } & Record<string, unknown>, only?: (s: Session) => boolean): void {
    const message = JSON.stringify(frame);
    for (const ws of this.host.ctx.getWebSockets()) {
      const s = ws.deserializeAttachment() as Session | null;
      if (!s?.auth || (only && !only(s))) continue;
      try {
        ws.send(message);
      } catch (e) {
        this.log("terminal push failed", e);
      }
    }
  }

  /** The ledger's broadcast point: stock movements become `stock_changed` frames on every terminal. */
  pushEvent(e: EventEnvelope): void {
    if (e.type === "stock.moved") {
      const p = e.payload as { sku: string; batch: string; qty: number; kind: string; onHandAfter: number; flagged?: boolean };
      this.push({
        type: "stock_changed",
        sku: p.sku,
        batch: p.batch,
        delta: p.qty,
        onHand: p.onHandAfter,
        kind: p.kind,
        flagged: p.flagged ?? false,
        at: e.occurredAt,
      });
    } else if (e.type === "stock.shortfall_flagged") {
      this.push({ type: "stock_flagged", ...e.payload, at: e.occurredAt });
    }
  }

  /** Closes every socket of a revoked terminal with 4403. */
  disconnect(terminalId: string): void {
    for (const ws of this.host.ctx.getWebSockets()) {
      const s = ws.deserializeAttachment() as Session | null;
      if (s?.terminalId === terminalId) this.refuse(ws, CLOSE_REVOKED, "This terminal was revoked", null, "invalid_token");
    }
  }

  /** Logs with the store's name (PartyServer logs with the room). */
  log(msg: string, error: unknown): void {
    console.error(JSON.stringify({ level: "error", store: this.room, msg, error: String(error) }));
  }
}

/**
 * Fixtures for the terminal tests (imported by *.test.ts only): a shop with stock, pairing
 * through the API, and a test terminal that speaks the socket protocol against the real Worker
 * (exports.default.fetch with Upgrade: websocket) and waits for frames.
 */
import { exports } from "cloudflare:workers";
import { uuidv7 } from "uuidv7";
import { call, createStore, json, signup, type TestTenant } from "../../../test/helpers";
import { addProducts, product, receive } from "../sales/test-fixtures";

/** RICE: ₹100.00 + 5 % GST = ₹105.00 a unit (10500 paise). */
export const RICE_TOTAL = 10500;

/** A tenant with store S1 holding `riceOnHand` units of RICE. */
export async function shop(riceOnHand = 10): Promise<{ t: TestTenant; storeId: string }> {
  const t = await signup();
  const storeId = await createStore(t, "S1");
  await addProducts(t, [product("RICE", 10000, 5, "1006")]);
  if (riceOnHand > 0) await receive(t, storeId, [["RICE", riceOnHand, 6000]]);
  return { t, storeId };
}

/** Pairs a terminal as the owner. @returns its id and device token. */
export async function pair(t: TestTenant, storeId: string, name = "Till"): Promise<{ terminalId: string; deviceToken: string }> {
  const res = await call("POST", `/v1/stores/${storeId}/terminals`, { host: t.host, token: t.accessToken, body: { name } });
  if (res.status !== 201) throw new Error(`pair failed: ${res.status} ${await res.text()}`);
  return json(res);
}

// biome-ignore lint/suspicious/noExplicitAny: frames are read loosely in assertions
type Frame = Record<string, any>;
let refs = 0;

/** One socket of a test terminal: sends frames and waits for the ones it expects. */
export class TestTerminal {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private wake: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      this.frames.push(JSON.parse(e.data as string) as Frame);
      this.notify();
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.wake.splice(0)) w();
  }

  /** Waits until `test` is true (re-checked on every frame or close), at most `ms`. */
  async until<T>(test: () => T | undefined, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((r) => {
        this.wake.push(r);
        setTimeout(r, 100);
      });
    }
  }

  /** Sends a frame (a ref is added) and waits for the answer carrying that ref. */
  async request(frame: Frame): Promise<Frame> {
    const ref = `r${++refs}`;
    this.ws.send(JSON.stringify({ ...frame, ref }));
    return this.until(() => this.frames.find((f) => f.ref === ref));
  }

  /** Waits for the close. */
  closedWith(): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed ?? undefined);
  }

  /** Frames of `type` received so far. */
  of(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  close(): void {
    try {
      this.ws.close(1000, "done");
    } catch {
      // already closed
    }
  }
}

/** Opens the store's terminal socket (no hello sent). */
export async function open(t: TestTenant, storeId: string): Promise<TestTerminal> {
  const res = await exports.default.fetch(
    new Request(`http://${t.host}/v1/stores/${storeId}/terminal`, { headers: { Upgrade: "websocket" } }),
  );
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  ws.accept();
  return new TestTerminal(ws);
}

/** Opens a socket and says hello; fails unless welcomed. */
export async function connect(t: TestTenant, storeId: string, device: { terminalId: string; deviceToken: string }): Promise<TestTerminal> {
  const term = await open(t, storeId);
  const welcome = await term.request({ type: "hello", v: 1, ...device });
  if (welcome.type !== "welcome") throw new Error(`not welcomed: ${JSON.stringify(welcome)}`);
  return term;
}

/** An offline sale of `qty` RICE paid in cash, with a fresh UUIDv7. */
export function offlineSale(qty: number, extra: Record<string, unknown> = {}) {
  return {
    clientSaleId: uuidv7(),
    deviceSeq: 1,
    clientTime: new Date(Date.now() - 60_000).toISOString(),
    lines: [{ sku: "RICE", quantity: qty }],
    tenders: [{ type: "cash", amount: RICE_TOTAL * qty }],
    ...extra,
  };
}

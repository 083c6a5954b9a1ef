import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup, staff } from "../../../test/helpers";
import type { ServiceContext } from "../../platform/context";
import { notifyPriceChanges } from "./notify";
import { connect, open, pair, shop } from "./test-fixtures";

describe("terminal pairing", () => {
  it("pairs a terminal for a manager, shows the device token once and never lists it", async () => {
    const { t, storeId } = await shop(0);
    const manager = await staff(t, "store_manager", [storeId]);
    const res = await call("POST", `/v1/stores/${storeId}/terminals`, { host: t.host, token: manager.token, body: { name: "Till 1" } });
    expect(res.status).toBe(201);
    const paired = await json(res);
    expect(paired.terminalId).toMatch(/^trm_/);
    expect(paired.deviceToken).toMatch(/^edt_dev_/);
    const list = await json(await call("GET", `/v1/stores/${storeId}/terminals`, { host: t.host, token: manager.token }));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ terminalId: paired.terminalId, name: "Till 1", revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(paired.deviceToken);
  });

  it("refuses pairing to a cashier, to no token, and to another tenant's owner", async () => {
    const { t, storeId } = await shop(0);
    const cashier = await staff(t, "cashier", [storeId]);
    const asCashier = await call("POST", `/v1/stores/${storeId}/terminals`, { host: t.host, token: cashier.token, body: { name: "X" } });
    expect((await problem(asCashier)).code).toBe("forbidden");
    const anonymous = await call("POST", `/v1/stores/${storeId}/terminals`, { host: t.host, body: { name: "X" } });
    expect(anonymous.status).toBe(401);
    const other = await signup();
    const foreign = await call("POST", `/v1/stores/${storeId}/terminals`, { host: t.host, token: other.accessToken, body: { name: "X" } });
    expect(foreign.status).toBe(403);
    expect((await json(await call("GET", `/v1/stores/${storeId}/terminals`, { host: t.host, token: t.accessToken }))).items).toHaveLength(
      0,
    );
  });

  it("answers 426 to a plain GET of the terminal socket", async () => {
    const { t, storeId } = await shop(0);
    const res = await call("GET", `/v1/stores/${storeId}/terminal`, { host: t.host });
    expect(res.status).toBe(426);
    expect((await problem(res)).code).toBe("upgrade_required");
  });
});

describe("terminal authentication", () => {
  it("welcomes a paired terminal that says hello with its device token", async () => {
    const { t, storeId } = await shop(0);
    const device = await pair(t, storeId);
    const term = await connect(t, storeId, device);
    const welcome = term.of("welcome")[0]!;
    expect(welcome).toMatchObject({ v: 1, terminalId: device.terminalId, storeId, shift: null, actor: { role: "cashier" } });
    term.close();
  });

  it("closes a socket with 4401 on a wrong device token", async () => {
    const { t, storeId } = await shop(0);
    const device = await pair(t, storeId);
    const term = await open(t, storeId);
    const answer = await term.request({ type: "hello", v: 1, terminalId: device.terminalId, deviceToken: "edt_dev_wrong" });
    expect(answer).toMatchObject({ type: "error", code: "invalid_token" });
    expect((await term.closedWith()).code).toBe(4401);
  });

  it("closes a socket with 4401 when the first frame is not a hello, and pushes it nothing", async () => {
    const { t, storeId } = await shop(0);
    const term = await open(t, storeId);
    term.ws.send(JSON.stringify({ type: "open_shift", openingFloat: 100 }));
    expect((await term.closedWith()).code).toBe(4401);
    expect(term.of("stock_changed")).toHaveLength(0);
  });

  it("signs a cashier in on the terminal with an access token", async () => {
    const { t, storeId } = await shop(0);
    const cashier = await staff(t, "cashier", [storeId]);
    const device = await pair(t, storeId);
    const term = await open(t, storeId);
    const welcome = await term.request({ type: "hello", v: 1, ...device, cashierToken: cashier.token });
    expect(welcome).toMatchObject({ type: "welcome", actor: { type: "user", id: cashier.id, role: "cashier" } });
    term.close();
  });

  it("closes a revoked terminal's socket with 4403 and refuses its next hello", async () => {
    const { t, storeId } = await shop(0);
    const device = await pair(t, storeId);
    const term = await connect(t, storeId, device);
    const res = await call("DELETE", `/v1/stores/${storeId}/terminals/${device.terminalId}`, { host: t.host, token: t.accessToken });
    expect(res.status).toBe(200);
    expect((await json(res)).revokedAt).toEqual(expect.any(String));
    expect((await term.closedWith()).code).toBe(4403);
    const again = await open(t, storeId);
    expect(await again.request({ type: "hello", v: 1, ...device })).toMatchObject({ type: "error", code: "invalid_token" });
    expect((await again.closedWith()).code).toBe(4401);
  });
});

describe("price pushes", () => {
  it("pushes a price change to every authenticated terminal of the store", async () => {
    const { t, storeId } = await shop(0);
    const a = await connect(t, storeId, await pair(t, storeId, "A"));
    const b = await connect(t, storeId, await pair(t, storeId, "B"));
    const ctx = { env, tenant: { id: t.id } } as unknown as ServiceContext;
    await notifyPriceChanges(ctx, [storeId], [{ sku: "RICE", price: 9500 }]);
    for (const term of [a, b]) {
      expect(await term.until(() => term.of("price_changed")[0])).toMatchObject({ prices: [{ sku: "RICE", price: 9500 }] });
    }
    a.close();
    b.close();
  });
});

describe("OpenAPI", () => {
  it("documents pairing and the terminal socket", async () => {
    const doc = await json(await call("GET", "/openapi.json"));
    expect(doc.paths["/v1/stores/{storeId}/terminals"].post.operationId).toBe("pairTerminal");
    expect(doc.paths["/v1/stores/{storeId}/terminal"].get.responses["426"]).toBeDefined();
  });
});

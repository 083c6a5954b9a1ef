import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup } from "../../../test/helpers";
import { catalogSkus } from "./test-fixtures";

describe("serial numbers are unique per tenant", () => {
  it("refuses receiving a serial another store of the tenant already received, and writes nothing", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    await catalogSkus(t, ["PHONE-X1"]);
    const receipt = (store: string, serials: string[]) =>
      call("POST", `/v1/stores/${store}/stock/receipts`, {
        host: t.host,
        token: t.accessToken,
        body: { lines: [{ sku: "PHONE-X1", qty: serials.length, unitCost: 1500000, serials }] },
      });
    expect((await receipt(a, ["IMEI-0001", "IMEI-0002"])).status).toBe(201);
    const dup = await receipt(b, ["IMEI-0003", "IMEI-0002"]);
    expect(dup.status).toBe(409);
    expect((await problem(dup)).detail).toContain("IMEI-0002");
    // Store B got nothing, and IMEI-0003 was not registered by the refused receipt.
    const stockB = await json(await call("GET", `/v1/stores/${b}/stock?sku=PHONE-X1`, { host: t.host, token: t.accessToken }));
    expect(stockB.items?.[0]?.onHand ?? 0).toBe(0);
    expect((await receipt(b, ["IMEI-0003"])).status).toBe(201);
  });

  it("lets only one of two racing receipts register the same serial", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    await catalogSkus(t, ["PHONE-X1"]);
    const body = { lines: [{ sku: "PHONE-X1", qty: 1, unitCost: 1500000, serials: ["IMEI-RACE"] }] };
    const [r1, r2] = await Promise.all([
      call("POST", `/v1/stores/${a}/stock/receipts`, { host: t.host, token: t.accessToken, body }),
      call("POST", `/v1/stores/${b}/stock/receipts`, { host: t.host, token: t.accessToken, body }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    const b1 = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
    const db = (env as unknown as Record<string, D1Database>)[b1?.b ?? ""] as D1Database;
    expect((await db.prepare("SELECT count(*) AS n FROM serial_numbers WHERE serial = 'IMEI-RACE'").first<{ n: number }>())?.n).toBe(1);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createStore, json, signup } from "../../../test/helpers";
import { tenantDatabase } from "../../platform/env";
import { salesProjection } from "./project";
import { addProducts, product, sell } from "./test-fixtures";

describe("sales projection", () => {
  it("repairs a lost projection from the store object, idempotently, when sale.completed arrives", async () => {
    const t = await signup();
    const storeId = await createStore(t, "P1");
    await addProducts(t, [product("SVC", 10000, 18, "998714", { kind: "service" })]);
    const sale = await json(await sell(t, storeId, { lines: [{ sku: "SVC", quantity: 1 }], tenders: [{ type: "cash", amount: 11800 }] }));
    const binding = (await env.PLATFORM_DB.prepare("SELECT database_binding FROM tenants WHERE id = ?")
      .bind(t.id)
      .first<{ database_binding: string }>())!;
    const db = tenantDatabase(env, binding.database_binding)!;
    // The write after the commit is lost:
    await db.batch([
      db.prepare("DELETE FROM sales WHERE id = ?").bind(sale.id),
      db.prepare("DELETE FROM invoices WHERE sale_id = ?").bind(sale.id),
    ]);
    expect((await call("GET", `/v1/invoices/${sale.invoice.id}`, { host: t.host, token: t.accessToken })).status).toBe(404);
    const event = {
      eventId: "evt_test1",
      tenantId: t.id,
      storeId,
      type: "sale.completed",
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: { saleId: sale.id },
    };
    await salesProjection.handle(event, db, env);
    await salesProjection.handle(event, db, env);
    const got = await json(await call("GET", `/v1/invoices/${sale.invoice.id}`, { host: t.host, token: t.accessToken }));
    expect(got.number).toBe(sale.invoice.number);
    const n = await db.prepare("SELECT COUNT(*) AS n FROM invoices WHERE sale_id = ?").bind(sale.id).first<{ n: number }>();
    expect(n?.n).toBe(1);
  });
});

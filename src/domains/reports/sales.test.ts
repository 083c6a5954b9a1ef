import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { draft } from "../../../durable-objects/pos/testing";
import { call, createStore, json, problem, signup, staff, type TestTenant } from "../../../test/helpers";
import { salesProjection } from "../sales/project";
import { addProducts, key, product, receive, sell } from "../sales/test-fixtures";
import { drain, tenantDb } from "./test-fixtures";

type Doc = {
  grandTotal: number;
  roundOff: number;
  totals: { lineTotal: number; taxableValue: number; taxTotal: number; grossAmount: number };
};

async function report(t: TestTenant, query: string, token = t.accessToken) {
  return call("GET", `/v1/reports/${query}`, { host: t.host, token });
}

/** A shop with two stores, four sales (B2C, B2B inter-state, a customer's, one in the other store) and two returns. */
async function tradedShop() {
  const t = await signup();
  const a = await createStore(t, "A1");
  const b = await createStore(t, "B1");
  const cat = await json(await call("POST", "/v1/categories", { host: t.host, token: t.accessToken, body: { name: "Grocery" } }));
  await addProducts(t, [
    product("RICE", 10000, 5, "1006", { categoryId: cat.id }),
    product("SHIRT", 49900, 12, "6109"),
    product("SOAP", 3333, 18, "3401", { categoryId: cat.id }),
  ]);
  await receive(t, a, [
    ["RICE", 20, 6000],
    ["SHIRT", 5, 30000],
    ["SOAP", 20, 2000],
  ]);
  await receive(t, b, [["RICE", 5, 6500]]);
  const sales = [
    await sell(t, a, {
      lines: [
        { sku: "RICE", quantity: 2 },
        { sku: "SHIRT", quantity: 1, discount: { kind: "percent", rateBp: 1000 } },
        { sku: "SOAP", quantity: 3 },
      ],
      tenders: [{ type: "cash", amount: 90000 }],
    }),
    await sell(t, a, {
      lines: [{ sku: "SHIRT", quantity: 2 }],
      customer: { name: "Buyer Pvt Ltd", gstin: "29AAGCB7383J1Z4", address: "12 Residency Road, Bengaluru" },
      shipToStateCode: "29",
      tenders: [{ type: "card", amount: 111800, reference: "AUTH9" }],
    }),
    await sell(t, a, {
      lines: [{ sku: "SOAP", quantity: 5 }],
      customer: { name: "Asha", phone: "+919812345678" },
      tenders: [{ type: "upi", amount: 19700, reference: "UPI1" }],
    }),
    await sell(t, b, { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] }),
  ];
  for (const s of sales) expect(s.status).toBe(201);
  const sold = await Promise.all(sales.map((s) => json(s)));
  const ret = (saleId: string, body: unknown) =>
    call("POST", `/v1/sales/${saleId}/returns`, { host: t.host, token: t.accessToken, body, headers: { "idempotency-key": key() } });
  const r1 = await ret(sold[0]!.id, { lines: [{ lineId: "1", quantity: 1 }] });
  const r2 = await ret(sold[2]!.id, { lines: [{ lineId: "1", quantity: 2, disposition: "write_off" }] });
  expect([r1.status, r2.status]).toEqual([201, 201]);
  const returns = [await json(r1), await json(r2)];
  return { t, a, b, sold, returns, category: cat.id as string };
}

/** from/to a few days either side of now: the tests' sales happen today in the tenant's zone. */
const around = () => {
  const d = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  return `from=${d(-3)}&to=${d(3)}`;
};
const sum = (docs: Doc[], f: (d: Doc) => number) => docs.reduce((a, d) => a + f(d), 0);

describe("sales report", () => {
  it("totals equal the sum of the source sales and returns, for every grouping", async () => {
    const { t, a, b, sold, returns } = await tradedShop();
    await drain(t, [a, b]);
    const inv: Doc[] = sold.map((s) => s.invoice);
    const cn: Doc[] = returns.map((r) => r.creditNote);
    const expected = {
      invoices: inv.length,
      creditNotes: cn.length,
      sales: sum(inv, (d) => d.totals.lineTotal),
      returns: sum(cn, (d) => d.totals.lineTotal),
      net: sum(inv, (d) => d.totals.lineTotal) - sum(cn, (d) => d.totals.lineTotal),
      tax: sum(inv, (d) => d.totals.taxTotal) - sum(cn, (d) => d.totals.taxTotal),
      netExTax: sum(inv, (d) => d.totals.taxableValue) - sum(cn, (d) => d.totals.taxableValue),
      gross: sum(inv, (d) => d.totals.grossAmount),
      collected: sum(inv, (d) => d.grandTotal) - sum(cn, (d) => d.grandTotal),
      // FIFO, one receipt per SKU per store: A sold RICE 2, SHIRT 3, SOAP 8; returned RICE 1, SOAP 2 (write-off
      // still comes back at cost first); B sold RICE 1 at 65.00.
      cogs: 2 * 6000 + 3 * 30000 + 8 * 2000 + 6500 - 6000 - 2 * 2000,
    };
    const range = around();
    const all = await json(await report(t, `sales?groupBy=none&${range}`));
    expect(all.totals).toMatchObject({ ...expected, margin: expected.netExTax - expected.cogs });
    expect(all.rows).toHaveLength(1);
    for (const g of ["day", "week", "month", "store", "cashier", "customer"]) {
      const r = await json(await report(t, `sales?groupBy=${g}&${range}`));
      expect(r.totals, g).toMatchObject(expected);
    }
    for (const g of ["product", "category"]) {
      const r = await json(await report(t, `sales?groupBy=${g}&${range}`));
      const { invoices: _i, creditNotes: _c, collected: _x, ...lineLevel } = expected;
      expect(r.totals, g).toMatchObject({ ...lineLevel, invoiceLines: 3 + 1 + 1 + 1, creditNoteLines: 2 });
    }
    const byStore = await json(await report(t, `sales?groupBy=store&${range}`));
    expect(byStore.rows.find((r: { key: string }) => r.key === b)).toMatchObject({
      invoices: 1,
      sales: 10500,
      cogs: 6500,
      label: "B1 Store B1",
    });
    const byCustomer = await json(await report(t, `sales?groupBy=customer&${range}`));
    expect(byCustomer.rows.map((r: { key: string | null }) => r.key).sort()).toEqual(["+919812345678", "29AAGCB7383J1Z4", null].sort());
    const tender = await json(await report(t, `sales?groupBy=tender&${range}`));
    expect(tender.totals.net).toBe(expected.collected);
    expect(tender.totals.received).toBe(sum(inv, (d) => d.grandTotal));
  });

  it("leaves every report unchanged when the sale and stock events are delivered again, in either order", async () => {
    const { t, a, b, sold } = await tradedShop();
    await drain(t, [a, b]);
    const range = around();
    const before = await Promise.all(["none", "product", "tender"].map(async (g) => json(await report(t, `sales?groupBy=${g}&${range}`))));
    await drain(t, [a, b]);
    const db = await tenantDb(t);
    // A document fact written after its costs arrived (the other order) takes its COGS from report_costs.
    await db.prepare("DELETE FROM report_sale_docs WHERE sale_id = ?").bind(sold[0]!.id).run();
    await db.prepare("UPDATE report_costs SET day = NULL WHERE document_id = ?").bind(sold[0]!.id).run();
    const event = {
      eventId: "evt_again",
      tenantId: t.id,
      storeId: a,
      type: "sale.completed",
      version: 1,
      occurredAt: new Date().toISOString(),
    };
    await salesProjection.handle({ ...event, payload: { saleId: sold[0]!.id } }, db, env);
    await salesProjection.handle({ ...event, type: "sale.returned", payload: { saleId: sold[0]!.id } }, db, env);
    const after = await Promise.all(["none", "product", "tender"].map(async (g) => json(await report(t, `sales?groupBy=${g}&${range}`))));
    const strip = (rs: Record<string, unknown>[]) => rs.map(({ requestId: _r, ...x }) => x);
    expect(strip(after)).toEqual(strip(before));
    const n = await db.prepare("SELECT COUNT(*) AS n FROM report_sale_lines").first<{ n: number }>();
    expect(n?.n).toBe(3 + 1 + 1 + 1 + 1 + 1);
  });

  it("puts a sale at 23:30 IST on that IST date, not the UTC one (and in the earlier financial year)", async () => {
    const t = await signup();
    const storeId = await createStore(t, "TZ1");
    const stub = env.STORE.getByName(`${t.id}:${storeId}`);
    // 2026-03-31T18:00Z is 23:30 on 31 March in Asia/Kolkata (UTC+05:30); UTC is still the 31st, so also
    // check one at 19:00Z (00:30 on 1 April IST) lands on the 1st.
    const late = await stub.posCheckout({ actor: t.ownerId, draft: draft(storeId), at: "2026-03-31T18:00:00.000Z" });
    const next = await stub.posCheckout({ actor: t.ownerId, draft: draft(storeId), at: "2026-03-31T19:00:00.000Z" });
    if (!late.ok || !next.ok) throw new Error("checkout failed");
    const db = await tenantDb(t);
    for (const s of [late.sale, next.sale]) {
      const e = { eventId: `evt_${s.id}`, tenantId: t.id, storeId, type: "sale.completed", version: 1, occurredAt: s.createdAt };
      await salesProjection.handle({ ...e, payload: { saleId: s.id } }, db, env);
    }
    const r = await json(await report(t, "sales?groupBy=day&from=2026-03-30&to=2026-04-02"));
    expect(r.rows.map((x: { key: string; invoices: number }) => [x.key, x.invoices])).toEqual([
      ["2026-03-31", 1],
      ["2026-04-01", 1],
    ]);
    expect(r.timeZone).toBe("Asia/Kolkata");
    const month = await json(await report(t, "sales?groupBy=month&from=2026-03-01&to=2026-03-31"));
    expect(month.totals.invoices).toBe(1);
  });

  it("shows a store-limited manager only their stores and refuses another store; refuses cashiers, strangers and other tenants", async () => {
    const { t, a, b } = await tradedShop();
    const range = around();
    const manager = await staff(t, "store_manager", [b]);
    const mine = await json(await report(t, `sales?groupBy=store&${range}`, manager.token));
    expect(mine.rows.map((r: { key: string }) => r.key)).toEqual([b]);
    expect(mine.totals.sales).toBe(10500);
    expect((await problem(await report(t, `sales?storeId=${a}&${range}`, manager.token))).code).toBe("store_forbidden");
    const cashier = await staff(t, "cashier");
    expect((await problem(await report(t, "sales", cashier.token))).code).toBe("forbidden");
    expect((await report(t, "sales", "")).status).toBe(401);
    const other = await signup();
    expect((await problem(await report(t, "sales", other.accessToken))).status).toBe(403);
    expect((await problem(await report(t, "sales?from=2026-02-30"))).code).toBe("validation_failed");
    expect((await problem(await report(t, "sales?groupBy=planet"))).code).toBe("validation_failed");
  });

  it("refuses a tenant whose plan lacks reports", async () => {
    const t = await signup({ plan: "starter" });
    expect((await problem(await report(t, "sales"))).code).toBe("feature_disabled");
  });

  it("values stock per store from the stock projection and lists low stock from the ledgers", async () => {
    const { t, a, b } = await tradedShop();
    await drain(t, [a, b]);
    const v = await json(await report(t, "stock"));
    // A: RICE 20−2+1 = 19 × 60.00, SHIRT 2 × 300.00, SOAP 20−8+2−2 = 12 × 20.00; B: RICE 4 × 65.00
    expect(v.rows.find((r: { storeId: string }) => r.storeId === a)).toMatchObject({
      onHand: 19 + 2 + 12,
      value: 19 * 6000 + 2 * 30000 + 12 * 2000,
    });
    expect(v.rows.find((r: { storeId: string }) => r.storeId === b)).toMatchObject({ onHand: 4, value: 4 * 6500 });
    expect(v.totals.value).toBe(19 * 6000 + 2 * 30000 + 12 * 2000 + 4 * 6500);
    // No HTTP route sets a SKU's threshold yet: set it on the store's ledger object directly.
    const set = await env.STORE.getByName(`${t.id}:${a}`).setSkuSettings({ actor: t.ownerId, sku: "SHIRT", lowThreshold: 3 });
    expect(set.ok).toBe(true);
    const low = await json(await report(t, "stock?view=low"));
    expect(low.rows).toEqual([expect.objectContaining({ storeId: a, sku: "SHIRT", onHand: 2, lowThreshold: 3 })]);
  });

  it("ranks customers by net sales with the repeat rate", async () => {
    const { t } = await tradedShop();
    const r = await json(await report(t, `customers?${around()}`));
    expect(r.rows[0]).toMatchObject({ key: "29AAGCB7383J1Z4", label: "Buyer Pvt Ltd", invoices: 1 });
    expect(r.totals).toMatchObject({ customers: 2, repeatCustomers: 0, repeatRateBp: 0, walkInInvoices: 2 });
  });
});

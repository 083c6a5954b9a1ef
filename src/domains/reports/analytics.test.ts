import { describe, expect, it } from "vitest";
import { call, createStore, json, signup, staff, type TestTenant } from "../../../test/helpers";
import { addProducts, key, product, sell } from "../sales/test-fixtures";
import { ageBucket } from "./ageing";
import { quintileScores, rfmSegment } from "./rfm";
import { deliver, drain, outboxEvents, tenantDb } from "./test-fixtures";

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function report(t: TestTenant, query: string, token = t.accessToken) {
  return call("GET", `/v1/reports/${query}`, { host: t.host, token });
}

async function post(t: TestTenant, path: string, body: unknown) {
  const res = await call("POST", path, { host: t.host, token: t.accessToken, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return json(res);
}

/** A store with RICE (batched, one batch expiring soon), SOAP and TEA; sales on udhaar and cash, a return to udhaar. */
async function shop() {
  const t = await signup();
  const a = await createStore(t, "A1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("SOAP", 3000, 18, "3401"), product("TEA", 20000, 5, "0902")]);
  await post(t, `/v1/stores/${a}/stock/receipts`, {
    lines: [
      { sku: "RICE", qty: 10, unitCost: 6000, batch: "R1", expiry: day(20) },
      { sku: "RICE", qty: 5, unitCost: 6500, batch: "R2", expiry: day(200) },
      { sku: "SOAP", qty: 30, unitCost: 2000 },
      { sku: "TEA", qty: 4, unitCost: 15000 },
    ],
  });
  await post(t, `/v1/stores/${a}/stock/adjustments`, { reason: "damage", lines: [{ sku: "SOAP", qty: -2 }] });
  const asha = { name: "Asha", phone: "+919812345678" };
  const ravi = { name: "Ravi", phone: "+919800000002" };
  const s1 = await json(
    await sell(t, a, { lines: [{ sku: "RICE", quantity: 3 }], customer: asha, tenders: [{ type: "udhaar", amount: 31500 }] }),
  );
  const s2 = await json(
    await sell(t, a, { lines: [{ sku: "SOAP", quantity: 2 }], customer: asha, tenders: [{ type: "cash", amount: 10000 }] }),
  );
  const s3 = await json(
    await sell(t, a, { lines: [{ sku: "SOAP", quantity: 1 }], customer: ravi, tenders: [{ type: "udhaar", amount: 3500 }] }),
  );
  for (const s of [s1, s2, s3]) if (!(s.grandTotal > 0)) throw new Error(JSON.stringify(s));
  const r = await call("POST", `/v1/sales/${s1.id}/returns`, {
    host: t.host,
    token: t.accessToken,
    body: { lines: [{ lineId: "1", quantity: 1 }], refunds: [{ type: "udhaar", amount: 10500 }] },
    headers: { "idempotency-key": key() },
  });
  expect(r.status, await r.clone().text()).toBe(201);
  await drain(t, [a]);
  return { t, a, sales: [s1, s2, s3], ret: await json(r) };
}

describe("stock reports", () => {
  it("summarizes movements per SKU with closing = opening + every movement, unchanged by a redelivery", async () => {
    const { t, a } = await shop();
    // Transfers come from the ledger's transfer flow; here their stock.moved facts are delivered directly.
    const moved = (entryId: string, kind: string, qty: number) => ({
      eventId: `evt_${entryId}`,
      tenantId: t.id,
      storeId: a,
      type: "stock.moved",
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: {
        entryId,
        sku: "TEA",
        batch: "",
        serial: null,
        qty,
        kind,
        reason: null,
        documentType: "transfer",
        documentId: "trf_1",
        unitCost: 15000,
        costTotal: 15000 * qty,
        postedAt: new Date().toISOString(),
        actor: "usr_x",
        flagged: false,
        onHandAfter: 0,
      },
    });
    await deliver([moved("sle_t1", "transfer_out", -1), moved("sle_t2", "transfer_in", 3)]);
    await drain(t, [a]); // every event a second time
    const body = await json(await report(t, `stock-movement?from=${day(-1)}&to=${day(1)}`));
    const by = Object.fromEntries(body.rows.map((r: { sku: string }) => [r.sku, r]));
    expect(by.RICE).toMatchObject({ opening: 0, receipts: 15, sales: 3, returns: 1, adjustments: 0, closing: 13 });
    expect(by.SOAP).toMatchObject({ receipts: 30, sales: 3, adjustments: -2, closing: 25 });
    expect(by.TEA).toMatchObject({ receipts: 4, transfersIn: 3, transfersOut: 1, closing: 6 });
    for (const r of body.rows)
      expect(r.closing).toBe(r.opening + r.receipts - r.sales + r.returns + r.adjustments + r.transfersIn - r.transfersOut);
    // Tomorrow onwards: everything is opening stock.
    const later = await json(await report(t, `stock-movement?from=${day(1)}&to=${day(2)}&sku=RICE`));
    expect(later.rows).toEqual([expect.objectContaining({ sku: "RICE", opening: 13, receipts: 0, sales: 0, closing: 13 })]);
    const db = await tenantDb(t);
    const n = await db.prepare("SELECT COUNT(*) AS n FROM report_stock_moves").first<{ n: number }>();
    const events = (await outboxEvents(t, a)).filter((e) => e.type === "stock.moved");
    expect(n?.n).toBe(events.length + 2);
  });

  it("ages stock and calls it dead after deadDays without a sale", async () => {
    const { t } = await shop();
    const now = await json(await report(t, "stock-ageing"));
    expect(now.rows.map((r: { sku: string; dead: string }) => [r.sku, r.dead])).toEqual([
      ["RICE", "no"],
      ["SOAP", "no"],
      ["TEA", "no"],
    ]);
    expect(now.rows[0]).toMatchObject({ daysSinceReceipt: 0, ageBucket: "0-30", daysSinceSale: 0 });
    const dead = await json(await report(t, `stock-ageing?view=dead&asOf=${day(95)}`));
    expect(dead.rows.map((r: { sku: string }) => r.sku)).toEqual(["RICE", "SOAP", "TEA"]);
    expect(dead.rows[2]).toMatchObject({ sku: "TEA", daysSinceSale: null, ageBucket: "90+", value: 4 * 15000 });
    expect(dead.totals).toMatchObject({ deadSkus: 3, deadDays: 90 });
    const custom = await json(await report(t, `stock-ageing?view=dead&asOf=${day(10)}&deadDays=7`));
    expect(custom.rows).toHaveLength(3);
    expect(ageBucket(30)).toBe("0-30");
    expect(ageBucket(31)).toBe("31-60");
    expect(ageBucket(91)).toBe("90+");
  });

  it("lists batches expiring before a day with their value at cost, as CSV too", async () => {
    const { t } = await shop();
    const soon = await json(await report(t, "expiring-batches"));
    expect(soon.rows).toEqual([expect.objectContaining({ sku: "RICE", batch: "R1", expiry: day(20), daysLeft: 20, onHand: 8 })]);
    // 10 received, 3 sold (FEFO), 1 returned to the batch it left.
    expect(soon.rows[0].value).toBe(8 * 6000);
    const all = await json(await report(t, `expiring-batches?before=${day(365)}`));
    expect(all.rows.map((r: { batch: string }) => r.batch)).toEqual(["R1", "R2"]);
    expect(all.totals.onHand).toBe(13);
    const csv = await report(t, "expiring-batches?format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toContain("480.00");
  });
});

describe("customer reports", () => {
  it("scores customers into RFM segments", async () => {
    const { t } = await shop();
    const body = await json(await report(t, "rfm"));
    expect(body.rows.map((r: { key: string }) => r.key).sort()).toEqual(["+919800000002", "+919812345678"]);
    const asha = body.rows.find((r: { key: string }) => r.key === "+919812345678");
    expect(asha).toMatchObject({ invoices: 2, recencyDays: 0, r: 5, f: 5, m: 5, segment: "champions" });
    expect(body.rows.find((r: { key: string }) => r.key !== asha.key)).toMatchObject({ r: 5, f: 3, segment: "loyal" });
    expect(body.totals.customers).toBe(2);
    expect(quintileScores([5, 1, 3, 3, 9])).toEqual([4, 1, 3, 3, 5]);
    expect(quintileScores([0, 10, 40], true)).toEqual([5, 4, 2]);
    expect(rfmSegment(5, 5, 5)).toBe("champions");
    expect(rfmSegment(1, 5, 4)).toBe("cant_lose");
    expect(rfmSegment(1, 1, 1)).toBe("lost");
    expect(rfmSegment(4, 1, 2)).toBe("new");
  });

  it("ages udhaar receivables, crediting returns to the oldest charge", async () => {
    const { t, sales } = await shop();
    const [s1, , s3] = sales as [{ grandTotal: number }, unknown, { grandTotal: number }];
    const body = await json(await report(t, "receivables"));
    const asha = body.rows.find((r: { customer: string }) => r.customer === "+919812345678");
    expect(asha).toMatchObject({ name: "Asha", charged: s1.grandTotal, credited: 10500, outstanding: s1.grandTotal - 10500 });
    expect(asha.b0_30).toBe(asha.outstanding);
    expect(body.totals.outstanding).toBe(s1.grandTotal - 10500 + s3.grandTotal);
    const later = await json(await report(t, `receivables?asOf=${day(45)}`));
    expect(
      later.rows.every(
        (r: { b31_60: number; overdue: number; outstanding: number }) => r.b31_60 === r.outstanding && r.overdue === r.outstanding,
      ),
    ).toBe(true);
    const old = await json(await report(t, `receivables?asOf=${day(120)}&format=json`));
    expect(old.totals.b90_plus).toBe(body.totals.outstanding);
  });

  it("refuses a cashier, another store, and no token", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    const cashier = await staff(t, "cashier", [a]);
    expect((await report(t, "receivables", cashier.token)).status).toBe(403);
    const manager = await staff(t, "store_manager", [a]);
    expect((await report(t, `stock-movement?storeId=${b}`, manager.token)).status).toBe(403);
    expect((await report(t, `rfm?storeId=${a}`, manager.token)).status).toBe(200);
    expect((await call("GET", "/v1/reports/stock-ageing", { host: t.host })).status).toBe(401);
    expect((await report(t, "stock-ageing?deadDays=0")).status).toBe(400);
  });
});

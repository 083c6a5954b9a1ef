import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff, type TestTenant } from "../../../test/helpers";
import { pdfText } from "../invoices/test-fixtures";
import { tenantDb } from "../reports/test-fixtures";
import { addProducts, key, onHandOf, product, receive, sell } from "./test-fixtures";

/** A GST shop in Maharashtra with RICE (5 %, tax-exclusive, 10 on hand) and a service. */
async function shop() {
  const t = await signup();
  const storeId = await createStore(t, "U1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("ALTER", 5000, 18, "998714", { kind: "service" })]);
  await receive(t, storeId, [["RICE", 10, 6000]]);
  const back = (body: unknown, opts: { token?: string; key?: string | null } = {}) =>
    call("POST", `/v1/stores/${storeId}/returns`, {
      host: t.host,
      token: opts.token ?? t.accessToken,
      body,
      headers: opts.key === null ? {} : { "idempotency-key": opts.key ?? key() },
    });
  return { t, storeId, back };
}

const creditNotes = async (t: TestTenant) =>
  (await json(await call("GET", "/v1/invoices?kind=credit_note", { host: t.host, token: t.accessToken }))).items as {
    number: string;
  }[];

const movements = async (t: TestTenant, storeId: string, documentId: string) =>
  (await json(await call("GET", `/v1/stores/${storeId}/stock/movements?documentId=${documentId}`, { host: t.host, token: t.accessToken })))
    .items as { sku: string; qty: number; kind: string; reason: string | null }[];

describe("returns without a receipt", () => {
  it("restocks, refunds in cash and issues a credit note that cites no invoice but states the reason", async () => {
    const { t, storeId, back } = await shop();
    const res = await back({
      lines: [{ sku: "RICE", quantity: 2, unitPrice: 10000, disposition: "restock" }],
      reason: "Receipt lost",
    });
    expect(res.status).toBe(201);
    const r = await json(res);
    expect(r.saleId).toBeNull();
    expect(r.reason).toBe("Receipt lost");
    expect(r.lines).toEqual([{ lineId: "1", sku: "RICE", quantity: 2, disposition: "restock" }]);
    const cn = r.creditNote;
    expect(cn).toMatchObject({ kind: "credit_note", saleId: null, original: null, supplyType: "b2c", status: "issued" });
    expect(cn.number).toMatch(/^U1\/C\d{4}\/1$/);
    expect(cn.unreceipted).toEqual({ reason: "Receipt lost", note: "Without original invoice (return without receipt)" });
    // 2 × 100.00 taxable at 5 % inside Maharashtra: CGST 5.00 + SGST 5.00 → 210.00
    expect(cn.totals.taxableValue).toBe(20000);
    expect(cn.totals.taxByKind).toMatchObject({ CGST: 500, SGST: 500 });
    expect(cn.grandTotal).toBe(21000);
    expect(r.refunds).toEqual([{ type: "cash", amount: 21000 }]);

    expect(await onHandOf(t, storeId, "RICE")).toBe(12);
    expect(await movements(t, storeId, r.id)).toEqual([expect.objectContaining({ sku: "RICE", qty: 2, kind: "return" })]);

    const got = await json(await call("GET", `/v1/invoices/${cn.id}`, { host: t.host, token: t.accessToken }));
    expect(got.number).toBe(cn.number);
    expect(got.unreceipted.reason).toBe("Receipt lost");
    const again = await json(await call("GET", `/v1/returns/${r.id}`, { host: t.host, token: t.accessToken }));
    expect(again).toMatchObject({ id: r.id, saleId: null, reason: "Receipt lost" });

    const pdf = await call("GET", `/v1/invoices/${cn.id}/pdf`, { host: t.host, token: t.accessToken });
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("CREDIT NOTE");
    expect(text).toContain("Without original invoice");
    expect(text).toContain("Receipt lost");
    expect((await call("GET", `/v1/invoices/${cn.id}/pdf?format=receipt`, { host: t.host, token: t.accessToken })).status).toBe(200);

    const audit = await (await tenantDb(t))
      .prepare("SELECT action, entity_type, summary FROM audit_log WHERE entity_id = ?")
      .bind(r.id)
      .first<{ action: string; entity_type: string; summary: string }>();
    expect(audit).toMatchObject({ action: "return.unreceipted", entity_type: "return" });
    expect(JSON.parse(audit!.summary)).toMatchObject({ reason: "Receipt lost", creditNoteNumber: cn.number, grandTotal: 21000 });
  });

  it("writes off: the ledger takes the goods in and out again, on-hand unchanged", async () => {
    const { t, storeId, back } = await shop();
    const r = await json(
      await back({
        lines: [
          { sku: "RICE", quantity: 3, unitPrice: 9000, disposition: "write_off" },
          { sku: "ALTER", quantity: 1, unitPrice: 5000 },
        ],
        reason: "Spoilt; bought at the other branch",
      }),
    );
    expect(await onHandOf(t, storeId, "RICE")).toBe(10);
    const moves = await movements(t, storeId, r.id);
    expect(moves).toHaveLength(2);
    expect(moves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sku: "RICE", qty: 3, kind: "return" }),
        expect.objectContaining({ sku: "RICE", qty: -3, kind: "adjustment", reason: "return_write_off" }),
      ]),
    );
    // 270.00 + 5 % and 50.00 + 18 %: 283.50 + 59.00 = 342.50 → 343.00 (round-off to the rupee)
    expect(r.creditNote.grandTotal).toBe(34300);
  });

  it("refuses bad input with problem+json and writes nothing", async () => {
    const { t, storeId, back } = await shop();
    const line = { sku: "RICE", quantity: 1, unitPrice: 10000 };
    const cases: [Response, number, string, string | undefined][] = [
      [await back({ lines: [{ ...line, sku: "NOPE" }], reason: "x" }), 422, "unprocessable", "lines.0.sku"],
      [await back({ lines: [{ ...line, quantity: 0 }], reason: "x" }), 400, "validation_failed", "lines.0.quantity"],
      [await back({ lines: [line] }), 400, "validation_failed", "reason"],
      [await back({ lines: [line], reason: "   " }), 400, "validation_failed", "reason"],
      [await back({ lines: [line], reason: "x" }, { key: null }), 400, "idempotency_key_required", undefined],
      [await back({ lines: [line], reason: "x", tenders: [{ type: "cash", amount: 100 }] }), 422, "unprocessable", "tenders"],
      [await back({ lines: [line], reason: "x", refundTo: "udhaar" }), 422, "unprocessable", "customer.phone"],
      [
        await back({ lines: [line], reason: "x", customer: { name: "Buyer Pvt Ltd", gstin: "29AAGCB7383J1Z4" } }),
        422,
        "unprocessable",
        "customer.gstin",
      ],
    ];
    for (const [res, status, code, path] of cases) {
      const p = await problem(res);
      expect(p.contentType).toContain("application/problem+json");
      expect([p.status, p.code]).toEqual([status, code]);
      if (path) expect(p.errors?.map((e) => e.path)).toContain(path);
    }
    expect(await onHandOf(t, storeId, "RICE")).toBe(10);
    expect(await creditNotes(t)).toEqual([]);
    // No number was consumed by the refusals.
    expect((await json(await back({ lines: [line], reason: "ok" }))).creditNote.number).toMatch(/\/1$/);
  });

  it("lets only roles with sales.refund take them; backdating is owner/admin only", async () => {
    const { t, storeId, back } = await shop();
    const body = { lines: [{ sku: "RICE", quantity: 1, unitPrice: 10000 }], reason: "Receipt lost" };
    const cashier = await staff(t, "cashier", [storeId]);
    expect((await problem(await back(body, { token: cashier.token }))).status).toBe(403);
    const manager = await staff(t, "store_manager", [storeId]);
    expect((await back(body, { token: manager.token })).status).toBe(201);
    const dated = { ...body, occurredAt: "2026-04-02T06:00:00Z" };
    expect((await problem(await back(dated, { token: manager.token }))).status).toBe(403);
    const r = await json(await back(dated));
    expect(r.creditNote.issuedOn).toBe("2026-04-02");
    expect(await onHandOf(t, storeId, "RICE")).toBe(12);
  });

  it("replays the first answer for the same Idempotency-Key, with one credit note and one restock", async () => {
    const { t, storeId, back } = await shop();
    const body = { lines: [{ sku: "RICE", quantity: 1, unitPrice: 10000 }], reason: "Receipt lost" };
    const k = key();
    const a = await json(await back(body, { key: k }));
    const b = await back(body, { key: k });
    expect(b.status).toBe(201);
    expect((await json(b)).id).toBe(a.id);
    expect(await creditNotes(t)).toHaveLength(1);
    expect(await onHandOf(t, storeId, "RICE")).toBe(11);
    // The store object dedupes on its own key too (the HTTP answer lost after the commit).
    const stub = env.STORE.getByName(`${t.id}:${storeId}`);
    expect((await stub.getReturn(a.id)).ok).toBe(true);
  });

  it("splits the refund over the tenders given and reduces udhaar", async () => {
    const { t, storeId, back } = await shop();
    const owed = await json(
      await sell(t, storeId, {
        lines: [{ sku: "RICE", quantity: 1 }],
        customer: { name: "Ramesh", phone: "+919812345678" },
        tenders: [{ type: "udhaar", amount: 10500 }],
      }),
    );
    const r = await json(
      await back({
        lines: [{ sku: "RICE", quantity: 1, unitPrice: 10000 }],
        reason: "Receipt lost",
        customer: { name: "Ramesh", phone: "+919812345678" },
        tenders: [
          { type: "udhaar", amount: 5000 },
          { type: "card", amount: 5500, reference: "RF1" },
        ],
      }),
    );
    expect(r.refunds).toEqual([
      { type: "udhaar", amount: 5000 },
      { type: "card", amount: 5500, reference: "RF1" },
    ]);
    expect(r.customer).toEqual({ name: "Ramesh", phone: "+919812345678", gstin: null });
    const receivables = await json(await call("GET", "/v1/reports/receivables", { host: t.host, token: t.accessToken }));
    expect(receivables.rows.find((x: { customer: string }) => x.customer === "+919812345678")).toMatchObject({
      charged: owed.grandTotal,
      credited: 5000,
      outstanding: owed.grandTotal - 5000,
    });
  });
});

import { describe, expect, it } from "vitest";
import { call, createStore, json, signup, type TestTenant } from "../../../test/helpers";
import { deliver, outboxEvents, tenantDb } from "../reports/test-fixtures";
import { addProducts, key, product, receive, sell } from "./test-fixtures";

const back = (t: TestTenant, storeId: string, body: unknown) =>
  call("POST", `/v1/stores/${storeId}/returns`, { host: t.host, token: t.accessToken, body, headers: { "idempotency-key": key() } });

async function report(t: TestTenant, groupBy: string, day: string) {
  const res = await call("GET", `/v1/reports/sales?groupBy=${groupBy}&from=${day}&to=${day}`, { host: t.host, token: t.accessToken });
  expect(res.status).toBe(200);
  return (await json(res)) as { rows: Record<string, number | string | null>[]; totals: Record<string, number> };
}

describe("returns without a receipt in the projection and the reports", () => {
  it("count as credit notes and returns, by month, product and customer (walk-in without one)", async () => {
    const t = await signup();
    const s = await createStore(t, "U2");
    await addProducts(t, [product("RICE", 10000, 5, "1006"), product("ALTER", 5000, 18, "998714", { kind: "service" })]);
    await receive(t, s, [["RICE", 10, 6000]]);
    const sale = await json(
      await sell(t, s, {
        lines: [{ sku: "RICE", quantity: 4 }],
        customer: { name: "Asha", phone: "+919812345678" },
        tenders: [{ type: "cash", amount: 42000 }],
      }),
    );
    const mine = await json(
      await back(t, s, {
        lines: [{ sku: "RICE", quantity: 2, unitPrice: 10000 }],
        reason: "Receipt lost",
        customer: { name: "Asha", phone: "+919812345678" },
      }),
    );
    const walkIn = await json(await back(t, s, { lines: [{ sku: "ALTER", quantity: 1, unitPrice: 5000 }], reason: "Paid elsewhere" }));
    const day = mine.creditNote.issuedOn as string;
    const lineTotal = (r: Record<string, any>) => r.creditNote.totals.lineTotal as number;

    const month = (await report(t, "month", day)).rows[0]!;
    expect(month).toMatchObject({
      invoices: 1,
      creditNotes: 2,
      sales: sale.invoice.totals.lineTotal,
      returns: lineTotal(mine) + lineTotal(walkIn),
    });
    expect(month.net).toBe(sale.invoice.totals.lineTotal - lineTotal(mine) - lineTotal(walkIn));

    const products = (await report(t, "product", day)).rows;
    expect(products.find((r) => r.key === "RICE")).toMatchObject({ quantitySold: 4, quantityReturned: 2, creditNoteLines: 1 });
    expect(products.find((r) => r.key === "ALTER")).toMatchObject({ quantitySold: 0, quantityReturned: 1, returns: lineTotal(walkIn) });

    const customers = (await report(t, "customer", day)).rows;
    expect(customers.find((r) => r.key === "+919812345678")).toMatchObject({
      invoices: 1,
      creditNotes: 1,
      returns: lineTotal(mine),
      label: "Asha",
    });
    expect(customers.find((r) => r.key === null)).toMatchObject({ invoices: 0, creditNotes: 1, returns: lineTotal(walkIn) });
  });

  it("is projected again from the store object when its return.unreceipted event arrives, once", async () => {
    const t = await signup();
    const s = await createStore(t, "U3");
    await addProducts(t, [product("RICE", 10000, 5, "1006")]);
    const r = await json(await back(t, s, { lines: [{ sku: "RICE", quantity: 1, unitPrice: 10000 }], reason: "Receipt lost" }));
    const db = await tenantDb(t);
    // The write after the commit is lost:
    await db.batch([
      db.prepare("DELETE FROM sale_returns WHERE id = ?").bind(r.id),
      db.prepare("DELETE FROM invoices WHERE id = ?").bind(r.creditNote.id),
      db.prepare("DELETE FROM report_sale_docs WHERE id = ?").bind(r.creditNote.id),
      db.prepare("DELETE FROM report_sale_lines WHERE doc_id = ?").bind(r.creditNote.id),
      db.prepare("DELETE FROM report_tenders WHERE doc_id = ?").bind(r.creditNote.id),
    ]);
    const events = (await outboxEvents(t, s)).filter((e) => e.type === "return.unreceipted");
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      returnId: r.id,
      creditNoteNumber: r.creditNote.number,
      grandTotal: 10500,
      reason: "Receipt lost",
      supplyType: "b2c",
      customerPhone: null,
    });
    await deliver([events[0], events[0]]);
    const count = async (sql: string) => (await db.prepare(sql).bind(r.creditNote.id).first<{ n: number }>())?.n;
    expect(await count("SELECT COUNT(*) AS n FROM invoices WHERE id = ? AND sale_id IS NULL")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM sale_returns WHERE credit_note_id = ? AND sale_id IS NULL")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM report_sale_docs WHERE id = ? AND kind = 'credit_note' AND original_id IS NULL")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM report_sale_lines WHERE doc_id = ?")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM report_tenders WHERE doc_id = ? AND kind = 'refund'")).toBe(1);
  });

  it("splits GST as a sale would: CGST + SGST over the counter, IGST when the goods had gone to another state", async () => {
    const t = await signup();
    const s = await createStore(t, "U4");
    await addProducts(t, [product("TEA", 11800, 18, "0902", { taxInclusive: true })]);
    const intra = await json(await back(t, s, { lines: [{ sku: "TEA", quantity: 1, unitPrice: 11800 }], reason: "Receipt lost" }));
    // ₹118.00 including 18 %: taxable 100.00, CGST 9.00, SGST 9.00 (place of supply 27, the store's state)
    expect(intra.creditNote.placeOfSupply.stateCode).toBe("27");
    expect(intra.creditNote.totals).toMatchObject({ taxableValue: 10000, taxByKind: { CGST: 900, SGST: 900 } });
    const inter = await json(
      await back(t, s, {
        lines: [{ sku: "TEA", quantity: 2, unitPrice: 11800 }],
        reason: "Delivered to Bengaluru; invoice issued by the old system",
        customer: { name: "Ravi", address: "4 MG Road, Bengaluru", stateCode: "29" },
        shipToStateCode: "29",
      }),
    );
    expect(inter.creditNote.placeOfSupply.stateCode).toBe("29");
    expect(inter.creditNote.totals.taxByKind).toMatchObject({ IGST: 3600 });
    expect(inter.creditNote.totals.taxByKind.CGST ?? 0).toBe(0);
    expect(inter.creditNote.grandTotal).toBe(23600);
    expect(inter.creditNote.supplyType).toBe("b2c");
  });
});

import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff } from "../../../test/helpers";
import { addProducts, key, onHandOf, product, receive, sell } from "./test-fixtures";

async function soldShop() {
  const t = await signup();
  const storeId = await createStore(t, "R1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("SOAP", 3333, 18, "3401")]);
  await receive(t, storeId, [
    ["RICE", 10, 6000],
    ["SOAP", 10, 2000],
  ]);
  const sale = await json(
    await sell(t, storeId, {
      lines: [
        { sku: "RICE", quantity: 3 },
        { sku: "SOAP", quantity: 3 },
      ],
      tenders: [
        { type: "card", amount: 20000, reference: "AUTH1" },
        { type: "cash", amount: 25000 },
      ],
    }),
  );
  const ret = (body: unknown, token = t.accessToken, k = key()) =>
    call("POST", `/v1/sales/${sale.id}/returns`, { host: t.host, token, body, headers: { "idempotency-key": k } });
  return { t, storeId, sale, ret };
}

describe("returns", () => {
  it("restocks, refunds by the original tenders and issues a credit note citing the invoice", async () => {
    const { t, storeId, sale, ret } = await soldShop();
    // grand total: RICE 300.00 + 15.00 tax; SOAP 99.99 + 18.00 tax = 432.99 → 433.00
    expect(sale.grandTotal).toBe(43300);
    const res = await ret({ lines: [{ lineId: "1", quantity: 1, disposition: "restock" }] });
    expect(res.status).toBe(201);
    const r = await json(res);
    const cn = r.creditNote;
    expect(cn.kind).toBe("credit_note");
    expect(cn.number).toMatch(/^R1\/C\d{4}\/1$/);
    expect(cn.original).toEqual({ invoiceId: sale.invoice.id, number: sale.invoice.number, issuedOn: sale.invoice.issuedOn });
    // one third of RICE: 100.00 taxable, CGST 2.50, SGST 2.50 → 105.00
    expect(cn.totals.taxableValue).toBe(10000);
    expect(cn.grandTotal).toBe(10500);
    expect(r.refunds).toEqual([{ type: "card", amount: 10500 }]);
    expect(await onHandOf(t, storeId, "RICE")).toBe(8);
    const got = await json(await call("GET", `/v1/invoices/${cn.id}`, { host: t.host, token: t.accessToken }));
    expect(got.original.number).toBe(sale.invoice.number);
  });

  it("credits exactly what was charged when a sale comes back in pieces", async () => {
    const { sale, ret } = await soldShop();
    const a = await json(await ret({ lines: [{ lineId: "2", quantity: 1 }] }));
    const b = await json(
      await ret({
        lines: [
          { lineId: "2", quantity: 2 },
          { lineId: "1", quantity: 3, disposition: "write_off" },
        ],
      }),
    );
    const cgst = (x: { totals: { taxByKind: { CGST: number } } }) => x.totals.taxByKind.CGST;
    expect(cgst(a.creditNote) + cgst(b.creditNote)).toBe(cgst(sale.invoice));
    expect(a.creditNote.totals.taxableValue + b.creditNote.totals.taxableValue).toBe(sale.invoice.totals.taxableValue);
    expect(a.creditNote.grandTotal + b.creditNote.grandTotal).toBe(sale.grandTotal);
    const seq = (n: string) => Number(n.split("/").at(-1));
    expect(seq(b.creditNote.number)).toBe(seq(a.creditNote.number) + 1);
  });

  it("refuses a return beyond the sold quantity, writing nothing", async () => {
    const { t, storeId, sale, ret } = await soldShop();
    await ret({ lines: [{ lineId: "1", quantity: 2 }] });
    const p = await problem(await ret({ lines: [{ lineId: "1", quantity: 2 }] }));
    expect(p).toMatchObject({ status: 422, code: "unprocessable" });
    expect(p.errors?.map((e) => e.path)).toContain("lines.0.quantity");
    expect(await onHandOf(t, storeId, "RICE")).toBe(9);
    const s = await json(await call("GET", `/v1/sales/${sale.id}`, { host: t.host, token: t.accessToken }));
    expect(s.returns).toHaveLength(1);
  });

  it("refuses a line that is not on the sale", async () => {
    const { ret } = await soldShop();
    const p = await problem(await ret({ lines: [{ lineId: "9", quantity: 1 }] }));
    expect(p.status).toBe(422);
  });

  it("refunds by the tender a manager chooses", async () => {
    const { ret } = await soldShop();
    const r = await json(await ret({ lines: [{ lineId: "1", quantity: 1 }], refundTo: "cash" }));
    expect(r.refunds).toEqual([{ type: "cash", amount: 10500 }]);
  });

  it("lets only roles with sales.refund take returns", async () => {
    const { t, storeId, ret } = await soldShop();
    const cashier = await staff(t, "cashier", [storeId]);
    expect((await problem(await ret({ lines: [{ lineId: "1", quantity: 1 }] }, cashier.token))).code).toBe("forbidden");
  });
});

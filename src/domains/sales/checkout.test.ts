import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup } from "../../../test/helpers";
import { addProducts, key, onHandOf, product, receive, sell } from "./test-fixtures";

async function shop() {
  const t = await signup();
  const storeId = await createStore(t, "S1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("SHIRT", 49900, 12, "6109"), product("SOAP", 3333, 18, "3401")]);
  await receive(t, storeId, [
    ["RICE", 10, 6000],
    ["SHIRT", 5, 30000],
    ["SOAP", 10, 2000],
  ]);
  return { t, storeId };
}

const threeLines = [
  { sku: "RICE", quantity: 2 },
  { sku: "SHIRT", quantity: 1, discount: { kind: "percent", rateBp: 1000 } },
  { sku: "SOAP", quantity: 3 },
];

const taxes = (l: { taxes: { kind: string; amount: number }[] }) => Object.fromEntries(l.taxes.map((x) => [x.kind, x.amount]));

describe("checkout", () => {
  it("splits GST into CGST and SGST on a hand-checked 3-line intra-state sale, with round-off and change", async () => {
    const { t, storeId } = await shop();
    const res = await sell(t, storeId, { lines: threeLines, tenders: [{ type: "cash", amount: 90000 }] });
    expect(res.status).toBe(201);
    const sale = await json(res);
    const inv = sale.invoice;
    // RICE 2 × 100.00 @5 %: taxable 200.00, CGST 2.5 % 5.00, SGST 5.00
    // SHIRT 499.00 − 10 % (49.90) = 449.10 @12 %: CGST 6 % of 449.10 = 26.946 → 26.95, SGST 26.95
    // SOAP 3 × 33.33 = 99.99 @18 %: CGST 9 % = 8.9991 → 9.00, SGST 9.00
    expect(inv.lines.map((l: { taxableValue: number }) => l.taxableValue)).toEqual([20000, 44910, 9999]);
    expect(inv.lines.map(taxes)).toEqual([
      { CGST: 500, SGST: 500 },
      { CGST: 2695, SGST: 2695 },
      { CGST: 900, SGST: 900 },
    ]);
    expect(inv.totals.taxableValue).toBe(74909);
    expect(inv.totals.lineTotal).toBe(83099);
    expect(inv.roundOff).toBe(1);
    expect(inv.grandTotal).toBe(83100);
    expect(sale.changeDue).toBe(90000 - 83100);
    expect(inv.amountInWords).toBe("Rupees Eight Hundred Thirty-One Only");
    // Rule 46 particulars
    expect(inv.number).toMatch(/^S1\/\d{4}\/1$/);
    expect(inv.number.length).toBeLessThanOrEqual(16);
    expect(inv.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(inv.supplier).toMatchObject({ gstin: "27AAPFU0939F1ZV", stateCode: "27", name: `${t.slug} Traders` });
    expect(inv.supplier.address).toContain("Pune");
    expect(inv.placeOfSupply).toEqual({ stateCode: "27", stateName: expect.any(String) });
    expect(inv.reverseCharge).toBe("N");
    expect(inv.supplyType).toBe("b2c");
    expect(inv.lines.map((l: { hsn: string; quantity: { unit: string } }) => [l.hsn, l.quantity.unit])).toEqual([
      ["1006", "NOS"],
      ["6109", "NOS"],
      ["3401", "NOS"],
    ]);
    expect(inv.hsnSummary).toHaveLength(3);
    // Stock moved in the same commit
    expect(await onHandOf(t, storeId, "RICE")).toBe(8);
    expect(await onHandOf(t, storeId, "SOAP")).toBe(7);
    // Readable by id (projection)
    const got = await json(await call("GET", `/v1/invoices/${inv.id}`, { host: t.host, token: t.accessToken }));
    expect(got).toMatchObject({ id: inv.id, number: inv.number, grandTotal: 83100 });
    const s = await json(await call("GET", `/v1/sales/${sale.id}`, { host: t.host, token: t.accessToken }));
    expect(s.sale.id).toBe(sale.id);
    expect(s.returns).toEqual([]);
  });

  it("charges IGST on a sale delivered to another state, to a checked B2B GSTIN", async () => {
    const { t, storeId } = await shop();
    const res = await sell(t, storeId, {
      lines: threeLines,
      customer: { name: "Buyer Pvt Ltd", gstin: "29AAGCB7383J1Z4", address: "12 Residency Road, Bengaluru" },
      shipToStateCode: "29",
      tenders: [{ type: "card", amount: 83100, reference: "AUTH123" }],
    });
    expect(res.status).toBe(201);
    const inv = (await json(res)).invoice;
    // IGST: 5 % of 200.00 = 10.00; 12 % of 449.10 = 53.892 → 53.89; 18 % of 99.99 = 17.9982 → 18.00
    expect(inv.lines.map(taxes)).toEqual([{ IGST: 1000 }, { IGST: 5389 }, { IGST: 1800 }]);
    expect(inv.totals.lineTotal).toBe(83098);
    expect(inv.roundOff).toBe(2);
    expect(inv.grandTotal).toBe(83100);
    expect(inv.placeOfSupply.stateCode).toBe("29");
    expect(inv.supplyType).toBe("b2b");
    expect(inv.recipient).toMatchObject({ gstin: "29AAGCB7383J1Z4", stateCode: "29", name: "Buyer Pvt Ltd" });
  });

  it("refuses a B2B buyer whose GSTIN check digit is wrong, and one without an address (rule 46(d))", async () => {
    const { t, storeId } = await shop();
    let p = await problem(
      await sell(t, storeId, {
        lines: [{ sku: "RICE", quantity: 1 }],
        customer: { name: "B", gstin: "29AAGCB7383J1Z5", address: "x" },
        tenders: [{ type: "cash", amount: 10500 }],
      }),
    );
    expect(p).toMatchObject({ status: 422, code: "unprocessable" });
    expect(p.errors?.map((e) => e.path)).toContain("customer.gstin");
    p = await problem(
      await sell(t, storeId, {
        lines: [{ sku: "RICE", quantity: 1 }],
        customer: { name: "B", gstin: "29AAGCB7383J1Z4" },
        tenders: [{ type: "cash", amount: 10500 }],
      }),
    );
    expect(p.errors?.map((e) => e.path)).toContain("customer.address");
  });

  it("refuses with 409 insufficient_stock, writes nothing and consumes no invoice number", async () => {
    const { t, storeId } = await shop();
    const first = await json(await sell(t, storeId, { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] }));
    const res = await sell(t, storeId, {
      lines: [
        { sku: "RICE", quantity: 1 },
        { sku: "SHIRT", quantity: 6 },
      ],
      tenders: [{ type: "cash", amount: 400000 }],
    });
    const p = await problem(res);
    expect(p).toMatchObject({ status: 409, code: "insufficient_stock" });
    expect(await onHandOf(t, storeId, "RICE")).toBe(9);
    const next = await json(await sell(t, storeId, { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] }));
    const seq = (n: string) => Number(n.split("/").at(-1));
    expect(seq(next.invoice.number)).toBe(seq(first.invoice.number) + 1);
  });

  it("keeps a retried sale with the same Idempotency-Key as one sale", async () => {
    const { t, storeId } = await shop();
    const k = key();
    const body = { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] };
    const a = await sell(t, storeId, body, { key: k });
    const b = await sell(t, storeId, body, { key: k });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((await json(b)).id).toBe((await json(a)).id);
    expect(await onHandOf(t, storeId, "RICE")).toBe(9);
    const list = await json(await call("GET", `/v1/invoices?storeId=${storeId}`, { host: t.host, token: t.accessToken }));
    expect(list.items).toHaveLength(1);
  });

  it("sells by barcode, counting the pack factor of a pack barcode in stock units", async () => {
    const t = await signup();
    const storeId = await createStore(t, "S2");
    const body = product("EGG", 700, 0, "0407", { barcode: "4006381333931" });
    (body.variants[0] as Record<string, unknown>).packs = [{ unit: "tray", factor: 6, barcode: "0036000291452" }];
    await addProducts(t, [body]);
    await receive(t, storeId, [["EGG", 30, 500]]);
    const res = await sell(t, storeId, {
      lines: [
        { barcode: "4006381333931", quantity: 2 },
        { barcode: "036000291452", quantity: 1 },
      ],
      tenders: [{ type: "cash", amount: 5600 }],
    });
    expect(res.status).toBe(201);
    const sale = await json(res);
    expect(sale.lines.map((l: { quantity: number }) => l.quantity)).toEqual([2, 6]);
    expect(sale.grandTotal).toBe(5600);
    expect(await onHandOf(t, storeId, "EGG")).toBe(22);
  });

  it("needs an Idempotency-Key", async () => {
    const { t, storeId } = await shop();
    const res = await call("POST", `/v1/stores/${storeId}/sales`, {
      host: t.host,
      token: t.accessToken,
      body: { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] },
    });
    expect((await problem(res)).code).toBe("idempotency_key_required");
  });
});

describe("a wholesale invoice", () => {
  it("sells 1,114 lines (the longest real invoice of the Online Retail data) as one sale and one invoice, and refuses 1,501", async () => {
    const t = await signup();
    const storeId = await createStore(t, "W1");
    const skus = Array.from({ length: 1114 }, (_, i) => `W-${String(i + 1).padStart(4, "0")}`);
    // Products of 100 variants each keep the fixture to a dozen requests.
    for (let p = 0; p < skus.length; p += 100)
      await addProducts(t, [
        {
          ...product(skus[p] as string, 100, 18, "9505"),
          options: ["n"],
          variants: skus.slice(p, p + 100).map((sku, i) => ({ sku, price: 100 + i, openPrice: false, options: { n: sku } })),
        },
      ]);
    for (let i = 0; i < skus.length; i += 500)
      await receive(
        t,
        storeId,
        skus.slice(i, i + 500).map((s) => [s, 3, 50]),
      );
    const lines = skus.map((sku) => ({ sku, quantity: 2 }));
    const res = await sell(t, storeId, { lines, tenders: [{ type: "cash", amount: 100_000_000 }] });
    expect(res.status).toBe(201);
    const sale = await json(res);
    expect(sale.lines).toHaveLength(1114);
    expect(sale.invoice.lines).toHaveLength(1114);
    // Σ 2 × (100 + i mod 100 paise) before tax, each line taxed at 18 %.
    expect(sale.invoice.totals.taxableValue).toBe(skus.reduce((a, _s, i) => a + 2 * (100 + (i % 100)), 0));
    expect(await onHandOf(t, storeId, "W-1114")).toBe(1);

    const tooMany = await sell(t, storeId, { lines: [...lines, ...lines].slice(0, 1501), tenders: [{ type: "cash", amount: 1 }] });
    expect(tooMany.status).toBe(400);
    expect((await problem(tooMany)).errors?.[0]?.path).toBe("lines");
  }, 120_000);
});

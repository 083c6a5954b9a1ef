import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup } from "../../../test/helpers";
import { addProducts, key, product, receive, sell } from "../sales/test-fixtures";
import { B2CL_LIMIT_BEFORE_2024_08_PAISE, B2CL_LIMIT_PAISE, b2clLimit } from "./gstr1-sections";

type Doc = { grandTotal: number; totals: { taxableValue: number; taxByKind: Record<string, number> } };

describe("GSTR-1 summary", () => {
  it("files B2B, B2CL, B2CS, CDNR, CDNUR and HSN rows whose totals equal the month's invoices and credit notes", async () => {
    const t = await signup();
    const s = await createStore(t, "G1");
    await addProducts(t, [product("TV", 12_000_000, 18, "8528"), product("SHIRT", 49900, 12, "6109"), product("RICE", 10000, 5, "1006")]);
    await receive(t, s, [
      ["TV", 3, 9_000_000],
      ["SHIRT", 10, 30000],
      ["RICE", 10, 6000],
    ]);
    const ok = async (r: Promise<Response>) => {
      const res = await r;
      if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
      return json(res);
    };
    // ₹1,20,000 + 18 % IGST = ₹1,41,600 to an unregistered buyer in Karnataka: B2CL (above ₹1 lakh).
    const b2cl = await ok(
      sell(t, s, {
        lines: [{ sku: "TV", quantity: 1 }],
        customer: { name: "Ravi", address: "4 MG Road, Bengaluru", stateCode: "29" },
        shipToStateCode: "29",
        tenders: [{ type: "card", amount: 14_160_000, reference: "A1" }],
      }),
    );
    const b2b = await ok(
      sell(t, s, {
        lines: [
          { sku: "SHIRT", quantity: 2 },
          { sku: "RICE", quantity: 1 },
        ],
        customer: { name: "Buyer Pvt Ltd", gstin: "29AAGCB7383J1Z4", address: "12 Residency Road, Bengaluru" },
        shipToStateCode: "29",
        tenders: [{ type: "card", amount: 122300, reference: "A2" }],
      }),
    );
    const b2cs = await ok(
      sell(t, s, {
        lines: [
          { sku: "SHIRT", quantity: 3 },
          { sku: "RICE", quantity: 4 },
        ],
        tenders: [{ type: "cash", amount: 300000 }],
      }),
    );
    const b2csInter = await ok(
      sell(t, s, { lines: [{ sku: "RICE", quantity: 2 }], shipToStateCode: "24", tenders: [{ type: "cash", amount: 30000 }] }),
    );
    const ret = (saleId: string, lines: unknown) =>
      ok(
        call("POST", `/v1/sales/${saleId}/returns`, {
          host: t.host,
          token: t.accessToken,
          body: { lines },
          headers: { "idempotency-key": key() },
        }),
      );
    const cdnur = await ret(b2cl.id, [{ lineId: "1", quantity: 1 }]);
    const cdnr = await ret(b2b.id, [{ lineId: "1", quantity: 1 }]);
    const b2csNote = await ret(b2cs.id, [{ lineId: "2", quantity: 1 }]);

    const month = b2cl.invoice.issuedOn.slice(0, 7);
    const res = await call("GET", `/v1/reports/gstr1?month=${month}`, { host: t.host, token: t.accessToken });
    expect(res.status).toBe(200);
    const g = await json(res);
    const table = (n: string) => g.tables.find((x: { name: string }) => x.name === n).rows as Record<string, unknown>[];
    expect(g.checks).toEqual({ invoicesEqualB2bB2clB2cs: true, notesEqualCdnrCdnurB2cs: true, b2csRowsEqualNet: true, hsnEqualsNet: true });
    expect(g.gstin).toBe("27AAPFU0939F1ZV");
    expect(g.b2clLimit).toBe(B2CL_LIMIT_PAISE);

    const invoices: Doc[] = [b2cl, b2b, b2cs, b2csInter].map((x) => x.invoice);
    const notes: Doc[] = [cdnur, cdnr, b2csNote].map((x) => x.creditNote);
    const total = (ds: Doc[], f: (d: Doc) => number) => ds.reduce((a, d) => a + f(d), 0);
    expect(g.totals.invoices).toMatchObject({
      count: 4,
      value: total(invoices, (d) => d.grandTotal),
      taxable: total(invoices, (d) => d.totals.taxableValue),
      igst: total(invoices, (d) => d.totals.taxByKind.IGST ?? 0),
      cgst: total(invoices, (d) => d.totals.taxByKind.CGST ?? 0),
    });
    expect(g.totals.creditNotes).toMatchObject({
      count: 3,
      value: total(notes, (d) => d.grandTotal),
      taxable: total(notes, (d) => d.totals.taxableValue),
    });

    expect(table("b2b").map((r) => [r.gstin, r.number, r.rateBp])).toEqual([
      ["29AAGCB7383J1Z4", b2b.invoice.number, 500],
      ["29AAGCB7383J1Z4", b2b.invoice.number, 1200],
    ]);
    expect(table("b2cl")).toEqual([
      expect.objectContaining({
        number: b2cl.invoice.number,
        value: 14_160_000,
        placeOfSupply: "29",
        taxable: 12_000_000,
        igst: 2_160_000,
      }),
    ]);
    expect(table("cdnur")).toEqual([
      expect.objectContaining({ urType: "B2CL", number: cdnur.creditNote.number, originalNumber: b2cl.invoice.number }),
    ]);
    expect(table("cdnr")).toEqual([expect.objectContaining({ gstin: "29AAGCB7383J1Z4", number: cdnr.creditNote.number, noteType: "C" })]);
    // B2CS: intra-state (27) net of the note, and the small inter-state sale to Gujarat (24).
    const intra5 = table("b2cs").find((r) => r.placeOfSupply === "27" && r.rateBp === 500)!;
    expect(intra5.taxable).toBe(4 * 10000 - 10000);
    expect(table("b2cs").find((r) => r.placeOfSupply === "24")).toMatchObject({ nature: "INTER", taxable: 20000, igst: 1000 });
    const hsnTaxable = table("hsn").reduce((a, r) => a + (r.taxable as number), 0);
    expect(hsnTaxable).toBe(g.totals.invoices.taxable - g.totals.creditNotes.taxable);
    expect(table("hsn").find((r) => r.hsn === "1006" && r.supplyType === "B2C")).toMatchObject({ quantity: "5", uqc: "NOS" });
    expect(table("docs")).toEqual([
      expect.objectContaining({ first: b2cl.invoice.number, last: b2csInter.invoice.number, count: 4 }),
      expect.objectContaining({ first: cdnur.creditNote.number, last: b2csNote.creditNote.number, count: 3 }),
    ]);

    const csv = await call("GET", `/v1/reports/gstr1?month=${month}&format=csv`, { host: t.host, token: t.accessToken });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toMatch(/^section,GSTIN of recipient,/);
    expect(text).toContain(`b2cl,,${b2cl.invoice.number},${b2cl.invoice.issuedOn},141600.00,29,`);
  });

  it("nets a B2C credit note without an original invoice into B2CS by its month, place of supply and rate, never CDNUR", async () => {
    const t = await signup();
    const s = await createStore(t, "G2");
    await addProducts(t, [product("TV", 12_000_000, 18, "8528"), product("RICE", 10000, 5, "1006")]);
    await receive(t, s, [["RICE", 10, 6000]]);
    const ok = async (r: Promise<Response>) => {
      const res = await r;
      if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
      return json(res);
    };
    const sale = await ok(sell(t, s, { lines: [{ sku: "RICE", quantity: 4 }], tenders: [{ type: "cash", amount: 42000 }] }));
    const back = (body: unknown) =>
      ok(call("POST", `/v1/stores/${s}/returns`, { host: t.host, token: t.accessToken, body, headers: { "idempotency-key": key() } }));
    const intra = await back({ lines: [{ sku: "RICE", quantity: 1, unitPrice: 10000 }], reason: "Receipt lost" });
    // Inter-state and above the B2CL limit: with no B2CL invoice to cite it is still not CDNUR.
    const inter = await back({
      lines: [{ sku: "TV", quantity: 1, unitPrice: 12_000_000 }],
      reason: "Delivered to Karnataka; invoiced by the old system",
      customer: { name: "Ravi", address: "4 MG Road, Bengaluru", stateCode: "29" },
      shipToStateCode: "29",
    });
    expect(inter.creditNote.grandTotal).toBeGreaterThan(B2CL_LIMIT_PAISE);

    const g = await json(
      await call("GET", `/v1/reports/gstr1?month=${sale.invoice.issuedOn.slice(0, 7)}`, { host: t.host, token: t.accessToken }),
    );
    const table = (n: string) => g.tables.find((x: { name: string }) => x.name === n).rows as Record<string, unknown>[];
    expect(g.checks).toEqual({ invoicesEqualB2bB2clB2cs: true, notesEqualCdnrCdnurB2cs: true, b2csRowsEqualNet: true, hsnEqualsNet: true });
    expect(table("cdnur")).toEqual([]);
    expect(table("cdnr")).toEqual([]);
    expect(table("b2cs")).toEqual([
      expect.objectContaining({
        placeOfSupply: "27",
        nature: "INTRA",
        rateBp: 500,
        taxable: 40000 - 10000,
        cgst: 1000 - 250,
        sgst: 1000 - 250,
      }),
      expect.objectContaining({ placeOfSupply: "29", nature: "INTER", rateBp: 1800, taxable: -12_000_000, igst: -2_160_000 }),
    ]);
    expect(g.totals.creditNotes).toMatchObject({ count: 2, value: intra.creditNote.grandTotal + inter.creditNote.grandTotal });
    expect(table("docs")[1]).toMatchObject({
      kind: "Credit note",
      first: intra.creditNote.number,
      last: inter.creditNote.number,
      count: 2,
    });
  });

  it("uses the ₹1 lakh B2CL limit from August 2024 and ₹2.5 lakh before", () => {
    expect(b2clLimit("2024-07")).toBe(B2CL_LIMIT_BEFORE_2024_08_PAISE);
    expect(b2clLimit("2024-08")).toBe(1_00_000_00);
    expect(b2clLimit("2026-11")).toBe(B2CL_LIMIT_PAISE);
  });

  it("refuses a non-GST tenant and a malformed month", async () => {
    const t = await signup({ country: "GB", currency: "GBP", timeZone: "Europe/London", taxRegime: "vat", gstin: undefined });
    expect((await problem(await call("GET", "/v1/reports/gstr1?month=2026-04", { host: t.host, token: t.accessToken }))).code).toBe(
      "unprocessable",
    );
    expect((await problem(await call("GET", "/v1/reports/gstr1?month=2026-13", { host: t.host, token: t.accessToken }))).code).toBe(
      "validation_failed",
    );
  });
});

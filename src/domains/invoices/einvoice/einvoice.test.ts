import { env } from "cloudflare:workers";
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { call, json, problem } from "../../../../test/helpers";
import { cashSale, gstShop, invoiceOf, KARNATAKA_BUYER } from "../test-fixtures";
import { decimal3, rupees, unitRupees } from "./amounts";
import { parseAddress } from "./build";
import schema from "./schema.json";
import { einvoiceKey } from "./verb";

// @cfworker/json-schema interprets the schema (no eval/new Function, which workerd forbids).
const validator = new Validator(schema as object, "2020-12", false);
const errorsOf = (doc: unknown) => validator.validate(doc).errors.map((e) => `${e.instanceLocation} ${e.keyword}`);

const getEInvoice = (host: string, token: string, id: string) => call("GET", `/v1/invoices/${id}/einvoice`, { host, token });

describe("e-invoice JSON (NIC schema 1.1)", () => {
  it("exports an inter-state B2B invoice that validates against the schema, amounts in rupees", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale({ customer: KARNATAKA_BUYER, shipToStateCode: "29" }));
    const res = await getEInvoice(t.host, t.accessToken, inv.id);
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(errorsOf(doc)).toEqual([]);
    const [y, m, d] = (inv.issuedOn as string).split("-");
    expect(doc).toMatchObject({
      Version: "1.1",
      TranDtls: { TaxSch: "GST", SupTyp: "B2B", RegRev: "N" },
      DocDtls: { Typ: "INV", No: inv.number, Dt: `${d}/${m}/${y}` },
      SellerDtls: { Gstin: "27AAPFU0939F1ZV", LglNm: `${t.slug} Traders`, Addr1: "1 MG Road", Loc: "Pune", Pin: 411001, Stcd: "27" },
      BuyerDtls: {
        Gstin: "29AAGCB7383J1Z4",
        LglNm: "Buyer Pvt Ltd",
        Pos: "29",
        Addr1: "12 Residency Road",
        Loc: "Bengaluru",
        Pin: 560025,
        Stcd: "29",
      },
    });
    // RICE 2 × 100.00 @ 5 % IGST; SOAP 3 × 33.33 = 99.99 @ 18 % IGST = 17.9982 → 18.00.
    expect(doc.ItemList).toEqual([
      expect.objectContaining({
        SlNo: "1",
        HsnCd: "1006",
        IsServc: "N",
        Qty: 2,
        Unit: "NOS",
        UnitPrice: 100,
        TotAmt: 200,
        Discount: 0,
        AssAmt: 200,
        GstRt: 5,
        IgstAmt: 10,
        CgstAmt: 0,
        SgstAmt: 0,
        TotItemVal: 210,
      }),
      expect.objectContaining({
        SlNo: "2",
        HsnCd: "3401",
        Qty: 3,
        UnitPrice: 33.33,
        TotAmt: 99.99,
        AssAmt: 99.99,
        GstRt: 18,
        IgstAmt: 18,
        TotItemVal: 117.99,
      }),
    ]);
    expect(doc.ValDtls).toEqual({
      AssVal: 299.99,
      CgstVal: 0,
      SgstVal: 0,
      IgstVal: 28,
      CesVal: 0,
      Discount: 0,
      RndOffAmt: 0.01,
      TotInvVal: 328,
    });
    // Sum check the IRP makes: TotInvVal = AssVal + taxes + RndOffAmt (in paise, exactly).
    const p = (n: number) => Math.round(n * 100);
    expect(p(doc.ValDtls.AssVal) + p(doc.ValDtls.IgstVal) + p(doc.ValDtls.RndOffAmt)).toBe(p(doc.ValDtls.TotInvVal));
    expect(await env.FILES.head(einvoiceKey(t.id, inv.id))).not.toBeNull();
  });

  it("splits CGST and SGST on an intra-state B2B invoice", async () => {
    const { t, storeId } = await gstShop();
    const buyer = { name: "Pune Retail LLP", gstin: "27AAPFU0939F1ZV", address: "8 FC Road, Shivajinagar, Pune 411004" };
    const inv = await invoiceOf(t, storeId, cashSale({ customer: buyer }));
    const doc = await json(await getEInvoice(t.host, t.accessToken, inv.id));
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.BuyerDtls).toMatchObject({ Pos: "27", Addr1: "8 FC Road, Shivajinagar", Loc: "Pune", Pin: 411004 });
    expect(doc.ItemList[0]).toMatchObject({ CgstAmt: 5, SgstAmt: 5, IgstAmt: 0 });
    expect(doc.ValDtls).toMatchObject({ CgstVal: 14, SgstVal: 14, IgstVal: 0 });
  });

  it("answers 422 for a B2C invoice and for a buyer address without a PIN", async () => {
    const { t, storeId } = await gstShop();
    const b2c = await invoiceOf(t, storeId, cashSale());
    const p = await problem(await getEInvoice(t.host, t.accessToken, b2c.id));
    expect([p.status, p.code]).toEqual([422, "unprocessable"]);
    const noPin = await invoiceOf(
      t,
      storeId,
      cashSale({ customer: { ...KARNATAKA_BUYER, address: "12 Residency Road, Bengaluru" }, shipToStateCode: "29" }),
    );
    const q = await problem(await getEInvoice(t.host, t.accessToken, noPin.id));
    expect(q.status).toBe(422);
    expect(q.errors?.map((e) => e.path)).toEqual(["recipient.address"]);
    expect((await call("GET", `/v1/invoices/${b2c.id}/einvoice`, { host: t.host })).status).toBe(401);
  });

  it("has a schema that refuses what the published rules refuse", () => {
    const good = {
      Version: "1.1",
      TranDtls: { TaxSch: "GST", SupTyp: "B2B" },
      DocDtls: { Typ: "INV", No: "S1/2627/1", Dt: "01/04/2026" },
      SellerDtls: { Gstin: "27AAPFU0939F1ZV", LglNm: "Seller", Addr1: "1 MG Road", Loc: "Pune", Pin: 411001, Stcd: "27" },
      BuyerDtls: { Gstin: "29AAGCB7383J1Z4", LglNm: "Buyer", Pos: "29", Addr1: "12 Road", Loc: "Bengaluru", Pin: 560025, Stcd: "29" },
      ItemList: [
        {
          SlNo: "1",
          IsServc: "N",
          HsnCd: "1006",
          Qty: 1,
          Unit: "NOS",
          UnitPrice: 10,
          TotAmt: 10,
          AssAmt: 10,
          GstRt: 5,
          IgstAmt: 0.5,
          TotItemVal: 10.5,
        },
      ],
      ValDtls: { AssVal: 10, IgstVal: 0.5, TotInvVal: 10.5 },
    };
    expect(errorsOf(good)).toEqual([]);
    const broken = (patch: (d: any) => void) => {
      const d = structuredClone(good);
      patch(d);
      return errorsOf(d);
    };
    expect(broken((d) => (d.SellerDtls.Gstin = "27aapfu0939f1zv"))).toContain("#/SellerDtls/Gstin pattern");
    expect(broken((d) => (d.DocDtls.No = "0S1/2627/1"))).toContain("#/DocDtls/No pattern");
    expect(broken((d) => (d.DocDtls.No = "S1/2627/123456789"))).toContain("#/DocDtls/No maxLength");
    expect(broken((d) => (d.DocDtls.Dt = "2026-04-01"))).toContain("#/DocDtls/Dt pattern");
    expect(broken((d) => (d.ItemList[0].HsnCd = "100"))).toContain("#/ItemList/0/HsnCd minLength");
    expect(broken((d) => (d.ItemList[0].Unit = "KG"))).toContain("#/ItemList/0/Unit enum");
    expect(broken((d) => (d.ItemList[0].GstRt = 13))).toContain("#/ItemList/0/GstRt enum");
    expect(broken((d) => (d.ValDtls.AssVal = 10.001))).toContain("#/ValDtls/AssVal multipleOf");
    expect(broken((d) => (d.BuyerDtls.Pos = "290"))).toContain("#/BuyerDtls/Pos maxLength");
    expect(broken((d) => delete d.BuyerDtls.Pin)).toContain("#/BuyerDtls required");
  });

  it("converts paise and decimals to schema numbers exactly", () => {
    expect(rupees(12345)).toBe(123.45);
    expect(rupees(1)).toBe(0.01);
    expect(rupees(-1)).toBe(-0.01);
    expect(rupees(1_000_000_000_00)).toBe(1_000_000_000);
    expect(JSON.stringify(rupees(1010))).toBe("10.1");
    expect(decimal3({ units: 101255, scale: 4 })).toBe(10.126);
    expect(decimal3({ units: 1250, scale: 3 })).toBe(1.25);
    expect(unitRupees(10000, { units: 3, scale: 0 })).toBe(33.333);
    expect(unitRupees(10000, { units: 1500, scale: 3 })).toBe(66.667);
    expect(parseAddress("Plot 4, MIDC, Nashik 422010, IN", "a")).toEqual({ addr1: "Plot 4, MIDC", loc: "Nashik", pin: 422010 });
  });
});

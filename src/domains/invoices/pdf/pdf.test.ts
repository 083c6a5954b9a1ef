import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { call, problem, signup } from "../../../../test/helpers";
import { cashSale, gstShop, invoiceOf, KARNATAKA_BUYER, pdfText } from "../test-fixtures";
import { invoicePdfKey, logoKey } from "./files";
import { RECEIPT_WIDTH_PT } from "./receipt";

/** A 1×1 PNG (RFC 2083), for the logo. */
const PNG_1PX = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const getPdf = (host: string, token: string, id: string, format = "a4") =>
  call("GET", `/v1/invoices/${id}/pdf?format=${format}`, { host, token });

describe("invoice PDF", () => {
  it("draws an A4 tax invoice whose extracted text holds the rule 46 particulars", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(
      t,
      storeId,
      cashSale({ customer: { name: "Asha Rao", address: "4 Lake Road, Pune 411002", stateCode: "27" } }),
    );
    const res = await getPdf(t.host, t.accessToken, inv.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = await pdfText(bytes);
    for (const particular of [
      `${t.slug} Traders`, // (a) supplier name
      "1 MG Road", // (a) supplier address
      "GSTIN: 27AAPFU0939F1ZV", // (a) supplier GSTIN
      inv.number, // (b)
      "Asha Rao", // (e) unregistered recipient
      "1006", // (g) HSN
      "3401",
      "Item RICE", // (h) description
      "2 NOS", // (i) quantity and unit
      "200.00", // (j) taxable value
      "CGST 2.5% 5.00", // (k), (l) rate and amount
      "SGST 9% 9.00",
      "Maharashtra (27)", // (n) place of supply
      "Reverse charge", // (p)
      "HSN/SAC summary",
      "Round off",
      "₹", // the rupee sign needs the embedded font
      inv.amountInWords,
      "Authorised signatory", // (q)
    ]) {
      expect(text, particular).toContain(particular);
    }
    const [y, m, d] = (inv.issuedOn as string).split("-");
    expect(text).toContain(`${d}/${m}/${y}`); // (c)
    const doc = await PDFDocument.load(bytes);
    expect(Math.round(doc.getPage(0).getWidth())).toBe(595);
  });

  it("prints a B2B buyer's GSTIN and IGST on an inter-state invoice", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale({ customer: KARNATAKA_BUYER, shipToStateCode: "29" }));
    const text = await pdfText(await (await getPdf(t.host, t.accessToken, inv.id)).arrayBuffer());
    expect(text).toContain("GSTIN: 29AAGCB7383J1Z4");
    expect(text).toContain("Buyer Pvt Ltd");
    expect(text).toContain("IGST 5% 10.00");
    expect(text).toContain("Karnataka (29)");
  });

  it("draws an 80 mm receipt with the same particulars", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    const res = await getPdf(t.host, t.accessToken, inv.id, "receipt");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getWidth()).toBeCloseTo(RECEIPT_WIDTH_PT, 2);
    const text = await pdfText(bytes);
    for (const s of [
      "27AAPFU0939F1ZV",
      inv.number,
      "1006",
      "Maharashtra (27)",
      inv.amountInWords,
      "Walk-in customer (unregistered)",
      "₹",
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it("stores the PDF in R2 at a stable key, serves it from there, and redraws it when missing", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    const key = invoicePdfKey(t.id, inv.id, "a4");
    expect(key).toBe(`tenants/${t.id}/invoices/${inv.id}.pdf`);
    expect(await env.FILES.head(key)).toBeNull();
    const first = new Uint8Array(await (await getPdf(t.host, t.accessToken, inv.id)).arrayBuffer());
    const stored = await env.FILES.get(key);
    expect(stored?.httpMetadata?.contentType).toBe("application/pdf");
    expect(new Uint8Array(await (stored as R2ObjectBody).arrayBuffer())).toEqual(first);
    // A marker object proves the second answer comes from R2, not a redraw.
    await env.FILES.put(key, "%PDF-cached", { httpMetadata: { contentType: "application/pdf" }, customMetadata: { status: "issued" } });
    expect(new TextDecoder().decode(await (await getPdf(t.host, t.accessToken, inv.id)).arrayBuffer())).toBe("%PDF-cached");
    await env.FILES.delete(key);
    const again = new Uint8Array(await (await getPdf(t.host, t.accessToken, inv.id)).arrayBuffer());
    expect(again).toEqual(first); // same invoice, same bytes (dates pinned to the issue instant)
    expect(await env.FILES.head(invoicePdfKey(t.id, inv.id, "receipt"))).toBeNull();
    await getPdf(t.host, t.accessToken, inv.id, "receipt");
    expect(await env.FILES.head(`tenants/${t.id}/invoices/${inv.id}-receipt.pdf`)).not.toBeNull();
  });

  it("draws the tenant's logo when one is stored in R2", async () => {
    const { t, storeId } = await gstShop();
    await env.FILES.put(logoKey(t.id), PNG_1PX);
    const inv = await invoiceOf(t, storeId, cashSale());
    const bytes = new Uint8Array(await (await getPdf(t.host, t.accessToken, inv.id)).arrayBuffer());
    // Object streams are off, so the image XObject's dictionary is plain text in the file.
    expect(new TextDecoder("latin1").decode(bytes)).toMatch(/\/Subtype\s*\/Image/);
  });

  it("refuses without a token, an unknown id, and another tenant's invoice", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    expect((await call("GET", `/v1/invoices/${inv.id}/pdf`, { host: t.host })).status).toBe(401);
    expect((await problem(await getPdf(t.host, t.accessToken, "inv_nope"))).code).toBe("not_found");
    const other = await signup();
    expect((await getPdf(other.host, other.accessToken, inv.id)).status).toBe(404);
    expect((await getPdf(t.host, other.accessToken, inv.id)).status).toBe(403);
    expect((await problem(await getPdf(t.host, t.accessToken, inv.id, "letter"))).code).toBe("validation_failed");
  });
});

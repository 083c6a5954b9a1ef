/**
 * Fixtures for the invoice tests (imported by *.test.ts only): a GST shop with stock, B2C and B2B
 * sales through the real API, and text extraction from a PDF.
 *
 * Text extraction: pdf-lib writes text with embedded (Identity-H) fonts as glyph ids, so the raw
 * content streams do not hold readable text. unpdf (a serverless build of Mozilla PDF.js, which runs
 * in workerd) decodes the glyphs back to Unicode through the ToUnicode map pdf-lib writes — the same
 * path a PDF viewer's copy/search takes, so a passing test means a reader can find the text.
 */
import { extractText, getDocumentProxy } from "unpdf";
import { createStore, json, signup, type TestTenant } from "../../../test/helpers";
import { addProducts, product, receive, sell } from "../sales/test-fixtures";

/** The text of every page of a PDF, pages joined by newlines. */
export async function pdfText(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

/** A GST tenant (Maharashtra, 27AAPFU0939F1ZV) with store S1 stocked with RICE (5 %, HSN 1006) and SOAP (18 %, 3401). */
export async function gstShop(): Promise<{ t: TestTenant; storeId: string }> {
  const t = await signup();
  const storeId = await createStore(t, "S1");
  await addProducts(t, [product("RICE", 10000, 5, "1006"), product("SOAP", 3333, 18, "3401")]);
  await receive(t, storeId, [
    ["RICE", 50, 6000],
    ["SOAP", 50, 2000],
  ]);
  return { t, storeId };
}

/** A B2B buyer in Karnataka (valid GSTIN check digit), with a PIN in the address. */
export const KARNATAKA_BUYER = { name: "Buyer Pvt Ltd", gstin: "29AAGCB7383J1Z4", address: "12 Residency Road, Bengaluru 560025" };

/** Sells and returns the created sale's invoice (JSON). @throws when the sale is refused. */
export async function invoiceOf(t: TestTenant, storeId: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await sell(t, storeId, body);
  if (res.status !== 201) throw new Error(`sale failed: ${res.status} ${await res.text()}`);
  return (await json(res)).invoice;
}

/** Two RICE and three SOAP, paid in cash (intra-state B2C unless `extra` adds a customer). */
export function cashSale(extra: Record<string, unknown> = {}) {
  return {
    lines: [
      { sku: "RICE", quantity: 2 },
      { sku: "SOAP", quantity: 3 },
    ],
    tenders: [{ type: "cash", amount: 100000 }],
    ...extra,
  };
}

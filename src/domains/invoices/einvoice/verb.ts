/**
 * getEInvoice: the verb behind GET /v1/invoices/{id}/einvoice. Reads the invoice (scoped like
 * GET /v1/invoices/{id}), takes the seller's address from its store, builds the NIC schema 1.1
 * JSON and keeps a copy in R2 at tenants/<tenantId>/invoices/<invoiceId>.einvoice.json.
 */
import type { ServiceContext } from "../../../platform/context";
import { toStoreRecord } from "../../stores/access";
import { getInvoice } from "../verbs";
import { buildEInvoice, type EInvoice, PIN_PATTERN, type PostalAddress, parseAddress } from "./build";

/** "tenants/<tenantId>/invoices/<invoiceId>.einvoice.json". */
export function einvoiceKey(tenantId: string, invoiceId: string): string {
  return `tenants/${tenantId}/invoices/${invoiceId}.einvoice.json`;
}

/** The store's address in the schema's parts, or the invoice's one-line supplier address parsed. */
async function sellerAddress(ctx: ServiceContext, storeId: string, fallback: string): Promise<PostalAddress> {
  const row = await ctx.d1.prepare("SELECT * FROM stores WHERE id = ?").bind(storeId).first<Record<string, unknown>>();
  if (row) {
    const a = toStoreRecord(row).address;
    const pin = [...a.postalCode.matchAll(PIN_PATTERN)][0]?.[1];
    if (pin) return { addr1: a.line1, addr2: a.line2, loc: a.city, pin: Number(pin) };
  }
  return parseAddress(fallback, "supplier.address");
}

/**
 * The e-invoice JSON of a B2B invoice or credit note.
 * @throws DomainError forbidden, not_found, store_forbidden (as getInvoice); unprocessable for a
 *   B2C or non-GST document, or one whose particulars the schema refuses (see buildEInvoice).
 */
export async function getEInvoice({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<EInvoice> {
  const invoice = await getInvoice({ ctx, input });
  const seller =
    invoice.supplyType === "b2b"
      ? await sellerAddress(ctx, invoice.storeId, invoice.supplier.address ?? "")
      : { addr1: "", loc: "", pin: 0 };
  const doc = buildEInvoice(invoice, seller);
  await ctx.env.FILES.put(einvoiceKey(ctx.tenant.id, invoice.id), JSON.stringify(doc), {
    httpMetadata: { contentType: "application/json" },
    customMetadata: { invoiceId: invoice.id, number: invoice.number },
  });
  return doc;
}

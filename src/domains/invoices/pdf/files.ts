/**
 * Invoice PDFs in R2 (env.FILES) at stable keys: made on first request, then served from R2.
 * The key holds the tenant id, so one tenant's file can never be named by another's request.
 * A cached file records the invoice status it was drawn with; a cancelled invoice is redrawn.
 */
import type { InvoiceDocument } from "../../../../durable-objects/pos/documents";
import type { Env } from "../../../platform/env";
import { renderA4 } from "./a4";
import { renderReceipt } from "./receipt";

/** The layouts: A4 tax invoice and 80 mm thermal receipt. */
export const PDF_FORMATS = ["a4", "receipt"] as const;
/** A layout. */
export type PdfFormat = (typeof PDF_FORMATS)[number];

/** "tenants/<tenantId>/invoices/<invoiceId>.pdf" (A4) or "…-receipt.pdf". */
export function invoicePdfKey(tenantId: string, invoiceId: string, format: PdfFormat): string {
  return `tenants/${tenantId}/invoices/${invoiceId}${format === "receipt" ? "-receipt" : ""}.pdf`;
}

/** Where a tenant's logo lives (PNG), if it uploaded one. */
export function logoKey(tenantId: string): string {
  return `tenants/${tenantId}/branding/logo.png`;
}

/** A PDF ready to send. */
export interface PdfFile {
  body: ReadableStream | Uint8Array;
  size: number;
  /** "INV-S1-2026-27-1.pdf": the invoice number with "/" made safe for a file name. */
  filename: string;
  /** True when this request drew the PDF (false: served from R2). */
  generated: boolean;
}

/**
 * The PDF of `invoice` in `format`: from R2 when there (and drawn for the invoice's current status),
 * else drawn, stored and returned.
 */
export async function invoicePdf(env: Env, tenantId: string, invoice: InvoiceDocument, format: PdfFormat): Promise<PdfFile> {
  const key = invoicePdfKey(tenantId, invoice.id, format);
  const filename = `${invoice.number.replace(/\//g, "-")}${format === "receipt" ? "-receipt" : ""}.pdf`;
  const cached = await env.FILES.get(key);
  if (cached && cached.customMetadata?.status === invoice.status) {
    return { body: cached.body, size: cached.size, filename, generated: false };
  }
  if (cached) await cached.body.cancel();
  const logo = await env.FILES.get(logoKey(tenantId));
  const logoPng = logo ? new Uint8Array(await logo.arrayBuffer()) : null;
  const bytes = format === "receipt" ? await renderReceipt(invoice, { logoPng }) : await renderA4(invoice, { logoPng });
  await env.FILES.put(key, bytes, {
    httpMetadata: { contentType: "application/pdf" },
    customMetadata: { invoiceId: invoice.id, number: invoice.number, status: invoice.status },
  });
  return { body: bytes, size: bytes.byteLength, filename, generated: true };
}

/** The HTTP response for a PDF (inline, so a phone opens it; `cacheControl` differs for shared links). */
export function pdfResponse(file: PdfFile, cacheControl = "private, max-age=0"): Response {
  return new Response(file.body, {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(file.size),
      "content-disposition": `inline; filename="${file.filename}"`,
      "cache-control": cacheControl,
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * Routes that need neither a login nor a tenant host: a shared invoice PDF opened from a signed,
 * expiring link (share.ts). Mounted in src/app.ts OUTSIDE /v1, so the tenant middleware does not
 * run; the tenant comes from the verified token instead.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../platform/http/router";
import { invoicePdf, PDF_FORMATS, pdfResponse } from "./pdf/files";
import { sharedInvoice } from "./share";

/** /public/invoices/{token}.pdf */
export const publicInvoiceRoutes = createRouter();

const problem = { "application/problem+json": { schema: z.object({ code: z.string() }).passthrough() } };

publicInvoiceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/invoices/{token}",
    operationId: "getSharedInvoicePdf",
    tags: ["Invoices"],
    summary: "A shared invoice PDF (signed, expiring token ending in .pdf); no login",
    request: {
      params: z.object({ token: z.string().min(10).max(300) }),
      query: z.object({ format: z.enum(PDF_FORMATS).default("a4") }),
    },
    responses: {
      200: { description: "The PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } },
      403: { description: "The tenant is suspended", content: problem },
      404: { description: "The link is invalid or expired", content: problem },
    },
  }),
  async (c) => {
    const { tenantId, invoice } = await sharedInvoice(c.env, c.req.valid("param").token);
    // The link is a bearer credential: no shared caches, no referrer leaking it onwards.
    const res = pdfResponse(await invoicePdf(c.env, tenantId, invoice, c.req.valid("query").format), "private, no-store");
    res.headers.set("referrer-policy", "no-referrer");
    return res as never;
  },
);

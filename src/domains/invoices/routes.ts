/**
 * Invoice routes: an invoice or credit note by id (JSON, with every rule 46 particular) and a list.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse, PageQuery, pageOf, writeErrors } from "../../platform/http/router";
import { CancelInvoiceBody, InvoiceOut } from "../sales/schemas";
import { cancelInvoice } from "./cancel";
import { getEInvoice } from "./einvoice/verb";
import { invoicePdf, PDF_FORMATS, pdfResponse } from "./pdf/files";
import { SHARE_LINK_DEFAULT_TTL_SECONDS, SHARE_LINK_MAX_TTL_SECONDS, SHARE_LINK_MIN_TTL_SECONDS, shareInvoice } from "./share";
import { getInvoice, listInvoices } from "./verbs";

/** /v1/invoices… */
export const invoiceRoutes = createRouter();
// "/v1/invoices/*" also matches "/v1/invoices": one registration.
invoiceRoutes.use("/v1/invoices/*", requireAuth(), requireFeature("pos"));
const security = [{ bearer: [] }];
const tags = ["Invoices"];

invoiceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/invoices",
    operationId: "listInvoices",
    tags,
    security,
    summary: "Invoices and credit notes of the stores you may act in",
    request: { query: PageQuery.extend({ storeId: z.string().max(64).optional(), kind: z.enum(["invoice", "credit_note"]).optional() }) },
    responses: { 200: jsonResponse(pageOf(InvoiceOut), "A page"), ...authErrors },
  }),
  async (c) => {
    const out = await listInvoices({ ctx: ctxOf(c), input: c.req.valid("query") });
    return c.json(out as unknown as { items: z.infer<typeof InvoiceOut>[]; nextCursor: string | null }, 200);
  },
);

invoiceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/invoices/{id}",
    operationId: "getInvoice",
    tags,
    security,
    summary: "An invoice or credit note with its rule 46 particulars",
    request: { params: z.object({ id: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(InvoiceOut, "The invoice"), ...authErrors },
  }),
  async (c) => {
    const out = await getInvoice({ ctx: ctxOf(c), input: { id: c.req.valid("param").id } });
    return c.json(out as unknown as z.infer<typeof InvoiceOut>, 200);
  },
);

const IdParam = z.object({ id: z.string().min(1).max(64) });
const binary = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: "binary" }) } },
});

invoiceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/invoices/{id}/pdf",
    operationId: "getInvoicePdf",
    tags,
    security,
    summary: "The invoice as a PDF: A4 tax invoice or 80 mm thermal receipt (made once, then served from R2)",
    request: { params: IdParam, query: z.object({ format: z.enum(PDF_FORMATS).default("a4") }) },
    responses: { 200: binary("The PDF", "application/pdf"), ...authErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const invoice = await getInvoice({ ctx, input: { id: c.req.valid("param").id } });
    return pdfResponse(await invoicePdf(ctx.env, ctx.tenant.id, invoice, c.req.valid("query").format)) as never;
  },
);

invoiceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/invoices/{id}/einvoice",
    operationId: "getInvoiceEInvoice",
    tags,
    security,
    summary: "A B2B invoice or credit note as NIC e-invoice JSON (schema 1.1); 422 for B2C",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(z.looseObject({ Version: z.literal("1.1") }).openapi("EInvoice"), "The e-invoice JSON"),
      ...writeErrors,
    },
  }),
  async (c) => c.json(await getEInvoice({ ctx: ctxOf(c), input: { id: c.req.valid("param").id } }), 200),
);

const ShareBody = z
  .object({
    expiresInSeconds: z
      .number()
      .int()
      .min(SHARE_LINK_MIN_TTL_SECONDS)
      .max(SHARE_LINK_MAX_TTL_SECONDS)
      .optional()
      .openapi({ description: `Link lifetime; default ${SHARE_LINK_DEFAULT_TTL_SECONDS} s (7 days)` }),
  })
  .openapi("InvoiceShareInput");

invoiceRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/invoices/{id}/share",
    operationId: "shareInvoice",
    tags,
    security,
    summary: "A signed, expiring link to the invoice PDF that opens without a login (for WhatsApp or email)",
    request: { params: IdParam, body: { required: false, content: { "application/json": { schema: ShareBody } } } },
    responses: {
      201: jsonResponse(z.object({ url: z.string().url(), expiresAt: z.string() }).openapi("InvoiceShareLink"), "The link"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const body = (c.req.valid("json") as z.infer<typeof ShareBody> | undefined) ?? {};
    const origin = new URL(c.req.url).origin;
    const out = await shareInvoice({
      ctx: ctxOf(c),
      input: { id: c.req.valid("param").id, origin, expiresInSeconds: body.expiresInSeconds },
    });
    return c.json(out, 201);
  },
);

invoiceRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/invoices/{id}/cancel",
    operationId: "cancelInvoice",
    tags,
    security,
    summary: "Cancel a tax invoice on its day of issue: it keeps its number, stock goes back, tenders are refunded (later: use a return)",
    request: { params: IdParam, body: jsonBody(CancelInvoiceBody) },
    responses: { 200: jsonResponse(InvoiceOut, "The invoice, marked cancelled"), ...writeErrors },
  }),
  async (c) => {
    const out = await cancelInvoice({
      ctx: ctxOf(c),
      input: { id: c.req.valid("param").id, reason: c.req.valid("json").reason, idempotencyKey: c.req.header("idempotency-key") },
    });
    return c.json(out as unknown as z.infer<typeof InvoiceOut>, 200);
  },
);

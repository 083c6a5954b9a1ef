/**
 * Invoice routes: an invoice or credit note by id (JSON, with every rule 46 particular) and a list.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonResponse, PageQuery, pageOf } from "../../platform/http/router";
import { InvoiceOut } from "../sales/schemas";
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

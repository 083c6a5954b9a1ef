/**
 * /v1/reports/*: sales, GSTR-1, stock and customers reports as JSON, CSV or XLSX, and the download
 * of exports written to R2. Reading needs reports.read (checked by each verb) and the "reports"
 * feature of the tenant's plan; store-limited actors see only their stores (scope.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter } from "../../platform/http/router";
import { addAnalyticsReports } from "./analytics-routes";
import { CustomersQuery, customersReport } from "./customers";
import { downloadExport } from "./exports";
import { Gstr1Query, gstr1Report } from "./gstr1";
import { answer, ReportOut, responses, simple } from "./respond";
import { SalesQuery, salesReport } from "./sales";
import { FormatQuery } from "./scope";
import { StockReportQuery, stockReport } from "./stock";

/** Report routes. */
export const reportRoutes = createRouter();
// One registration: Hono's "/v1/reports/*" also matches "/v1/reports".
reportRoutes.use("/v1/reports/*", requireAuth(), requireFeature("reports"));
const security = [{ bearer: [] }];
const tags = ["Reports"];

const Gstr1Out = z
  .looseObject({
    report: z.literal("gstr1"),
    period: z.string(),
    tables: z.array(z.looseObject({ name: z.string() })),
    checks: z.record(z.string(), z.boolean()),
  })
  .openapi("Gstr1Report");

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/sales",
    operationId: "salesReport",
    tags,
    security,
    summary: "Sales by day, week, month, store, product, category, cashier, customer or tender",
    request: { query: SalesQuery.extend(FormatQuery.shape) },
    responses: responses(ReportOut, "The sales report"),
  }),
  async (c) => {
    const { format, delivery, ...input } = c.req.valid("query");
    return (await answer(c, format, delivery, simple(await salesReport({ ctx: ctxOf(c), input })))) as never;
  },
);

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/gstr1",
    operationId: "gstr1Report",
    tags,
    security,
    summary: "GSTR-1 style summary of a month: B2B, B2CL, B2CS, CDNR, CDNUR, HSN, documents",
    request: { query: Gstr1Query.extend(FormatQuery.shape) },
    responses: responses(Gstr1Out, "The GSTR-1 summary"),
  }),
  async (c) => {
    const { format, delivery, ...input } = c.req.valid("query");
    const r = await gstr1Report({ ctx: ctxOf(c), input });
    return (await answer(c, format, delivery, {
      json: r,
      report: "gstr1",
      fileName: `gstr1-${r.gstin ?? "none"}-${r.period}`,
      tables: r.tables,
      digits: r.digits,
    })) as never;
  },
);

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/stock",
    operationId: "stockReport",
    tags,
    security,
    summary: "Stock valuation at cost per store (or SKU), or low stock",
    request: { query: StockReportQuery.extend(FormatQuery.shape) },
    responses: responses(ReportOut, "The stock report"),
  }),
  async (c) => {
    const { format, delivery, ...input } = c.req.valid("query");
    return (await answer(c, format, delivery, simple(await stockReport({ ctx: ctxOf(c), input })))) as never;
  },
);

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/customers",
    operationId: "customersReport",
    tags,
    security,
    summary: "Top customers by net sales, with repeat rate",
    request: { query: CustomersQuery.extend(FormatQuery.shape) },
    responses: responses(ReportOut, "The customers report"),
  }),
  async (c) => {
    const { format, delivery, ...input } = c.req.valid("query");
    return (await answer(c, format, delivery, simple(await customersReport({ ctx: ctxOf(c), input })))) as never;
  },
);

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/exports/{id}",
    operationId: "downloadReportExport",
    tags,
    security,
    summary: "Download a report export written to storage",
    request: { params: z.object({ id: z.string().min(1).max(64) }) },
    responses: {
      200: {
        description: "The file",
        content: {
          "text/csv": { schema: z.string() },
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string() },
        },
      },
      ...authErrors,
    },
  }),
  async (c) => (await downloadExport({ ctx: ctxOf(c), input: { id: c.req.valid("param").id } })) as never,
);

addAnalyticsReports(reportRoutes);

/**
 * The stock and customer analytics reports under /v1/reports: stock movement summary, stock ageing
 * and dead stock, expiring batches, RFM segments and udhaar receivables. Registered on the report
 * router (routes.ts), so they share its auth and feature middleware and its answer formats.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv, ServiceContext } from "../../platform/context";
import { ctxOf } from "../../platform/http/middleware";
import { AgeingQuery, ageingReport } from "./ageing";
import { ExpiringQuery, expiringReport } from "./expiring";
import { MovementQuery, movementReport } from "./movement";
import { ReceivablesQuery, receivablesReport } from "./receivables";
import { answer, ReportOut, responses, simple } from "./respond";
import { RfmQuery, rfmReport } from "./rfm";
import type { ReportResult } from "./sales";
import { FormatQuery } from "./scope";

const security = [{ bearer: [] }];
const tags = ["Reports"];

/** Adds the analytics reports to `router`. */
export function addAnalyticsReports(router: OpenAPIHono<AppEnv>): void {
  const add = <Q extends typeof MovementQuery | typeof AgeingQuery | typeof ExpiringQuery | typeof RfmQuery | typeof ReceivablesQuery>(
    name: string,
    operationId: string,
    summary: string,
    query: Q,
    verb: (a: { ctx: ServiceContext; input: never }) => Promise<ReportResult>,
  ) =>
    router.openapi(
      createRoute({
        method: "get",
        path: `/v1/reports/${name}`,
        operationId,
        tags,
        security,
        summary,
        request: { query: query.extend(FormatQuery.shape) },
        responses: responses(ReportOut, summary),
      }),
      async (c) => {
        const { format, delivery, ...input } = c.req.valid("query") as { format: "json" | "csv" | "xlsx"; delivery?: "inline" | "link" };
        return (await answer(c, format, delivery, simple(await verb({ ctx: ctxOf(c), input: input as never })))) as never;
      },
    );
  add(
    "stock-movement",
    "stockMovementReport",
    "Stock movement per store and SKU: opening, receipts, sales, returns, adjustments, transfers, closing",
    MovementQuery,
    movementReport,
  );
  add(
    "stock-ageing",
    "stockAgeingReport",
    "Stock ageing and dead stock: days since last receipt and sale per store and SKU",
    AgeingQuery,
    ageingReport,
  );
  add("expiring-batches", "expiringBatchesReport", "Batches on hand expiring before a day", ExpiringQuery, expiringReport);
  add("rfm", "rfmReport", "Customers by recency, frequency and monetary quintiles, with named segments", RfmQuery, rfmReport);
  add(
    "receivables",
    "receivablesReport",
    "Udhaar receivables per store and customer with ageing buckets",
    ReceivablesQuery,
    receivablesReport,
  );
}

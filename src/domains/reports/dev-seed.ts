/**
 * POST /v1/dev/reports/seed (development and test only; 404 elsewhere): bulk-writes synthetic
 * report facts into the caller's tenant database for bench/reports.mjs, which measures reports
 * over a million sale lines — far more than the HTTP checkout can make in a bench run. Rows are
 * generated inside SQLite by a recursive CTE (one statement per table per call), four lines per
 * invoice (8 units, ₹800 + 12 % GST, cost ₹420), every 25th document a credit note, spread over `days` days from `startDay`, in the
 * same shape facts.ts writes. Owners only.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import { ctxOf, requireAuth } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse } from "../../platform/http/router";
import { assertDevelopment } from "../tenants/platform";
import { Day } from "./scope";

/** Lines per synthetic document. */
const LINES_PER_DOC = 4;
/** Largest chunk of one call: keeps a statement well inside D1's per-query time limit. */
export const MAX_SEED_LINES = 200_000;

const SeedBody = z.object({
  storeId: z.string().min(1).max(64),
  offset: z.number().int().min(0).max(100_000_000).default(0),
  lines: z.number().int().min(LINES_PER_DOC).max(MAX_SEED_LINES).multipleOf(LINES_PER_DOC),
  startDay: Day,
  days: z.number().int().min(1).max(1000),
});

/** Dev-only report routes. */
export const reportDevRoutes = createRouter();
reportDevRoutes.use("/v1/dev/reports/*", async (c, next) => {
  assertDevelopment(c.env.ENVIRONMENT);
  await next();
});
reportDevRoutes.use("/v1/dev/reports/*", requireAuth());

reportDevRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/dev/reports/seed",
    operationId: "devSeedReportFacts",
    tags: ["Development"],
    security: [{ bearer: [] }],
    summary: "Bulk synthetic report facts for benchmarks (development only, owners)",
    request: { body: jsonBody(SeedBody) },
    responses: { 200: jsonResponse(z.object({ lines: z.number().int(), docs: z.number().int() }), "Rows written"), ...authErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    assertCan(ctx.actor.role, "tenant.manage");
    const b = c.req.valid("json");
    const docs = b.lines / LINES_PER_DOC;
    const first = b.offset / LINES_PER_DOC;
    // d = document number; credit notes every 25th; day spreads documents evenly over the range.
    const docCte = `WITH RECURSIVE n(d) AS (SELECT ?1 UNION ALL SELECT d + 1 FROM n WHERE d < ?1 + ?2 - 1)`;
    const kind = "CASE WHEN d % 25 = 24 THEN 'credit_note' ELSE 'invoice' END";
    const day = "date(?3, '+' || (d % ?4) || ' days')";
    const customer = "CASE WHEN d % 3 = 0 THEN NULL ELSE '+9190' || printf('%08d', d % 20000) END";
    await ctx.d1.batch([
      ctx.d1
        .prepare(
          `${docCte}, l(d, k) AS (SELECT d, 1 FROM n UNION ALL SELECT d, k + 1 FROM l WHERE k < ${LINES_PER_DOC})
           INSERT INTO report_sale_lines (id, doc_id, kind, sale_id, store_id, day, line_id, sku, variant_id, category_id, hsn, uqc, tax_rate_bp,
             cashier, customer_key, supply_type, place_of_supply, quantity, qty_units, qty_scale, gross, discount, taxable, cgst, sgst, utgst,
             igst, cess, vat, tax_total, line_total)
           SELECT 'bd' || d || ':' || k, 'bd' || d, ${kind}, 'bs' || d, ?5, ${day}, k, 'SKU' || ((d * 7 + k) % 2000), NULL,
             'cat' || ((d + k) % 40), '6109', 'NOS', 1200, 'usr_bench' || (d % 8), ${customer}, 'b2c', '27',
             1 + (k % 3), 1 + (k % 3), 0, 10000 * (1 + k % 3), 0, 10000 * (1 + k % 3), 600 * (1 + k % 3), 600 * (1 + k % 3), 0, 0, 0, 0,
             1200 * (1 + k % 3), 11200 * (1 + k % 3)
           FROM l WHERE 1 ON CONFLICT (id) DO NOTHING`,
        )
        .bind(first, docs, b.startDay, b.days, b.storeId),
      ctx.d1
        .prepare(
          `${docCte} INSERT INTO report_sale_docs (id, kind, source_id, sale_id, store_id, day, issued_at, number, cashier, customer_key, customer_name,
             supplier_gstin, recipient_gstin, supply_type, place_of_supply, inter_state, quantity, gross, discount, taxable, tax_total, line_total,
             cogs, round_off, grand_total)
           SELECT 'bd' || d, ${kind}, 'bs' || d, 'bs' || d, ?5, ${day}, ${day} || 'T06:00:00.000Z', 'B/' || d, 'usr_bench' || (d % 8), ${customer}, NULL,
             '27AAPFU0939F1ZV', NULL, 'b2c', '27', 0, 8, 80000, 0, 80000, 9600, 89600, 42000, 0, 89600
           FROM n WHERE 1 ON CONFLICT (id) DO NOTHING`,
        )
        .bind(first, docs, b.startDay, b.days, b.storeId),
      ctx.d1
        .prepare(
          `${docCte} INSERT INTO report_tenders (id, doc_id, kind, store_id, day, type, amount)
           SELECT 'bd' || d || ':0', 'bd' || d, CASE WHEN d % 25 = 24 THEN 'refund' ELSE 'payment' END, ?5, ${day},
             CASE d % 3 WHEN 0 THEN 'cash' WHEN 1 THEN 'upi' ELSE 'card' END, 89600
           FROM n WHERE 1 ON CONFLICT (id) DO NOTHING`,
        )
        .bind(first, docs, b.startDay, b.days, b.storeId),
      ctx.d1
        .prepare(
          `${docCte} INSERT INTO report_costs (entry_id, kind, document_id, store_id, sku, quantity, cost, day)
           SELECT 'be' || d, CASE WHEN d % 25 = 24 THEN 'return' ELSE 'sale' END, 'bs' || d, ?5, 'SKU' || (d % 2000), 8, 42000, ${day}
           FROM n WHERE 1 ON CONFLICT (entry_id) DO NOTHING`,
        )
        .bind(first, docs, b.startDay, b.days, b.storeId),
    ]);
    return c.json({ lines: b.lines, docs }, 200);
  },
);

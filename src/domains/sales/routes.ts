/**
 * Sales routes: checkout in a store, a sale by id, returns. Handlers validate, call one verb and
 * answer; the verbs check role and store. Writes need an Idempotency-Key (a till retries on a flaky
 * network; a retried sale must stay one sale).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { invoiceRoutes } from "../invoices/routes";
import { getSaleRecord } from "../invoices/verbs";
import { checkoutSale } from "./checkout";
import { exchangeSale } from "./exchanges";
import { returnSale } from "./returns";
import { CheckoutBody, ExchangeBody, ExchangeOut, ReturnBody, ReturnOut, SaleOut, SaleWithReturnsOut } from "./schemas";
import { returnRoutes } from "./unreceipted-routes";

/** /v1/stores/{storeId}/sales, /v1/sales/… and (mounted here) /v1/invoices/…, /v1/stores/{storeId}/returns, /v1/returns/… */
export const salesRoutes = createRouter();
salesRoutes.route("/", invoiceRoutes);
salesRoutes.route("/", returnRoutes);
/**
 * Refuses a write without an Idempotency-Key. Needed besides idempotency({required: true}) because
 * storeRoutes' optional idempotency on "/v1/stores/*" takes the request first (it runs once).
 */
const keyRequired: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "POST" && !c.req.header("idempotency-key")) throw new DomainError("idempotency_key_required");
  await next();
};
// One registration per prefix: Hono's "/x/*" also matches "/x".
for (const prefix of ["/v1/stores/:storeId/sales/*", "/v1/sales/*"]) {
  salesRoutes.use(prefix, requireAuth(), requireFeature("pos"), idempotency({ store: "tenant", required: true }), keyRequired);
}
const security = [{ bearer: [] }];
const tags = ["Sales"];
const requiredKey = z.object({
  "idempotency-key": z.string().min(8).max(200).openapi({ description: "Required: the same key and body replay the first answer" }),
});

salesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/sales",
    operationId: "createSale",
    tags,
    security,
    summary: "Sell: priced and taxed on the server; stock, invoice number and events commit together",
    request: { params: z.object({ storeId: z.string().min(1).max(64) }), headers: requiredKey, body: jsonBody(CheckoutBody) },
    responses: { 201: jsonResponse(SaleOut, "The sale, its invoice and the change due"), ...writeErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const sale = await checkoutSale({
      ctx,
      input: { storeId: c.req.valid("param").storeId, body: c.req.valid("json"), idempotencyKey: c.req.header("idempotency-key") },
    });
    return c.json(sale as unknown as z.infer<typeof SaleOut>, 201);
  },
);

salesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/sales/{saleId}",
    operationId: "getSale",
    tags,
    security,
    summary: "A sale with its invoice and returns",
    request: { params: z.object({ saleId: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(SaleWithReturnsOut, "The sale"), ...authErrors },
  }),
  async (c) => {
    const out = await getSaleRecord({ ctx: ctxOf(c), input: { saleId: c.req.valid("param").saleId } });
    return c.json(out as unknown as z.infer<typeof SaleWithReturnsOut>, 200);
  },
);

salesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/sales/{saleId}/returns",
    operationId: "returnSale",
    tags,
    security,
    summary: "Return lines of a sale (restock or write off), refund, and issue a credit note",
    request: { params: z.object({ saleId: z.string().min(1).max(64) }), headers: requiredKey, body: jsonBody(ReturnBody) },
    responses: { 201: jsonResponse(ReturnOut, "The return and its credit note"), ...writeErrors },
  }),
  async (c) => {
    const ret = await returnSale({
      ctx: ctxOf(c),
      input: { saleId: c.req.valid("param").saleId, body: c.req.valid("json"), idempotencyKey: c.req.header("idempotency-key") },
    });
    return c.json(ret as unknown as z.infer<typeof ReturnOut>, 201);
  },
);

salesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/sales/{saleId}/exchanges",
    operationId: "exchangeSale",
    tags,
    security,
    summary: "Exchange: a return (credit note) and a new sale (invoice) in one atomic step; tenders settle the difference",
    request: { params: z.object({ saleId: z.string().min(1).max(64) }), headers: requiredKey, body: jsonBody(ExchangeBody) },
    responses: { 201: jsonResponse(ExchangeOut, "The return with its credit note and the new sale with its invoice"), ...writeErrors },
  }),
  async (c) => {
    const out = await exchangeSale({
      ctx: ctxOf(c),
      input: { saleId: c.req.valid("param").saleId, body: c.req.valid("json"), idempotencyKey: c.req.header("idempotency-key") },
    });
    return c.json(out as unknown as z.infer<typeof ExchangeOut>, 201);
  },
);

/**
 * Routes of returns as documents of their own: a return without a receipt in a store
 * (POST /v1/stores/{storeId}/returns, Idempotency-Key required, like a sale's return) and any
 * return by id (GET /v1/returns/{returnId}, with or without a sale). Mounted by routes.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { getReturn } from "./get-return";
import { returnWithoutReceipt } from "./unreceipted";
import { AnyReturnOut, UnreceiptedReturnBody, UnreceiptedReturnOut } from "./unreceipted-schemas";

/** /v1/stores/{storeId}/returns and /v1/returns/{returnId}. */
export const returnRoutes = createRouter();
// "/x/*" also matches "/x": one registration per prefix. The idempotency middleware refuses a
// missing key even when storeRoutes' optional one took the request first.
returnRoutes.use("/v1/stores/:storeId/returns/*", requireAuth(), requireFeature("pos"), idempotency({ store: "tenant", required: true }));
returnRoutes.use("/v1/returns/*", requireAuth(), requireFeature("pos"));
const security = [{ bearer: [] }];
const tags = ["Sales"];
const requiredKey = z.object({
  "idempotency-key": z.string().min(8).max(200).openapi({ description: "Required: the same key and body replay the first answer" }),
});

returnRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/returns",
    operationId: "returnWithoutReceipt",
    tags,
    security,
    summary:
      "Return without a receipt: goods back with no sale to return against; priced and taxed as a sale, credit note citing no invoice",
    request: { params: z.object({ storeId: z.string().min(1).max(64) }), headers: requiredKey, body: jsonBody(UnreceiptedReturnBody) },
    responses: { 201: jsonResponse(UnreceiptedReturnOut, "The return and its credit note"), ...writeErrors },
  }),
  async (c) => {
    const ret = await returnWithoutReceipt({
      ctx: ctxOf(c),
      input: { storeId: c.req.valid("param").storeId, body: c.req.valid("json"), idempotencyKey: c.req.header("idempotency-key") },
    });
    return c.json(ret as unknown as z.infer<typeof UnreceiptedReturnOut>, 201);
  },
);

returnRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/returns/{returnId}",
    operationId: "getReturn",
    tags,
    security,
    summary: "A return with its credit note: against a sale, or without a receipt (saleId null, reason)",
    request: { params: z.object({ returnId: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(AnyReturnOut, "The return"), ...authErrors },
  }),
  async (c) => {
    const out = await getReturn({ ctx: ctxOf(c), input: { returnId: c.req.valid("param").returnId } });
    return c.json(out as unknown as z.infer<typeof AnyReturnOut>, 200);
  },
);

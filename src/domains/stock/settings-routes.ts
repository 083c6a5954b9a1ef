/** GET/PATCH /v1/settings/stock: the tenant's valuation method and negative-stock rule (owner/admin). */
import { createRoute } from "@hono/zod-openapi";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import * as S from "./schemas";
import { getStockSettings, updateStockSettings } from "./settings";

/** Mounted by stockRoutes. */
export const settingsRoutes = createRouter();
settingsRoutes.use("/v1/settings/stock", requireAuth(), requireFeature("inventory"), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];
const tags = ["Stock"];

settingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/settings/stock",
    operationId: "getStockSettings",
    tags,
    security,
    summary: "The tenant's stock valuation method and negative-stock rule",
    responses: { 200: jsonResponse(S.StockSettingsOut, "Stock settings"), ...authErrors },
  }),
  async (c) => c.json(await getStockSettings({ ctx: ctxOf(c) }), 200),
);

settingsRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/settings/stock",
    operationId: "updateStockSettings",
    tags,
    security,
    summary:
      "Change the valuation method (only before stock has moved in any store) or allow negative stock; every store's ledger is configured at once",
    request: { headers: idempotencyHeader, body: jsonBody(S.StockSettingsPatchBody) },
    responses: { 200: jsonResponse(S.StockSettingsUpdateOut, "Updated"), ...writeErrors },
  }),
  async (c) => c.json(await updateStockSettings({ ctx: ctxOf(c), input: c.req.valid("json") }), 200),
);

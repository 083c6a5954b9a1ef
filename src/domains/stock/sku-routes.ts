/**
 * Reads that prove or span stores: a SKU's stock across the tenant's stores (from the
 * projection), and a store's balance check (issue 3: "balances always equal the sum of the
 * entries — a check command proves it"; scripts/stock-check.mjs runs it over every store).
 */
import { createRoute } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonResponse } from "../../platform/http/router";
import { stockAcrossStores } from "./across-stores";
import { storeLedger } from "./ledger";
import * as S from "./schemas";

/** Mounted by stockRoutes; /v1/stores/{storeId}/stock/* routes get stockRoutes' middleware. */
export const skuRoutes = createRouter();
// One registration: Hono's "/v1/stock/*" also matches "/v1/stock".
skuRoutes.use("/v1/stock/*", requireAuth(), requireFeature("inventory"));
const security = [{ bearer: [] }];
const tags = ["Stock"];

skuRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stock/{sku}",
    operationId: "getSkuStockAcrossStores",
    tags,
    security,
    summary: "A SKU's on-hand and value per store and batch, with totals, over the stores you may act in (from the stock projection)",
    request: { params: S.SkuParam },
    responses: { 200: jsonResponse(S.StockAcrossStoresOut, "Stock across stores"), ...authErrors },
  }),
  async (c) => c.json(await stockAcrossStores({ ctx: ctxOf(c), sku: c.req.valid("param").sku }), 200),
);

skuRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/stock/check",
    operationId: "checkStockBalances",
    tags,
    security,
    summary: "Prove the store's balances equal the sum of its ledger entries (and reserved equals the active holds)",
    request: { params: S.StoreParam },
    responses: { 200: jsonResponse(S.BalanceCheckOut, "The check; ok is false when any balance disagrees"), ...authErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    assertCan(ctx.actor.role, "stock.read");
    const { storeId } = c.req.valid("param");
    const ledger = await storeLedger(ctx, storeId);
    return c.json({ storeId, ...(await ledger.checkBalances()) }, 200);
  },
);

/**
 * Per-SKU stock settings of a store: the low-stock threshold and reorder point (issue 3: a
 * `stock.low` event fires once when on-hand falls to or below the threshold, else the reorder
 * point) and the negative-stock override. They live in the store's ledger (sku_settings); the
 * stock unit comes from the catalog and is not set here.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { authErrors, createRouter, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { type CatalogStockSku, canonicalSku, catalogSkus } from "./catalog-skus";
import { openLedgerRead, openLedgerWrite } from "./handlers";
import { auditStock, unwrap } from "./ledger";
import * as S from "./schemas";

/** Mounted by stockRoutes, whose /v1/stores/{storeId}/stock/* middleware (auth, feature, idempotency) applies. */
export const skuSettingsRoutes = createRouter();
const security = [{ bearer: [] }];
const tags = ["Stock"];
const Params = S.StoreParam.extend({ sku: z.string().min(1).max(64).openapi({ example: "RICE-LOOSE" }) });
const Threshold = z.number().int().min(0).max(1_000_000_000).nullable().optional();

/** PUT body: each field given is set (null clears it); fields left out keep their value. Quantities in the SKU's stock unit. */
export const SkuSettingsBody = z
  .object({
    lowThreshold: Threshold.openapi({ description: "stock.low fires once when on-hand falls to or below this", example: 5 }),
    reorderPoint: Threshold.openapi({ description: "Used as the low line when there is no lowThreshold", example: 10 }),
    allowNegative: z
      .boolean()
      .nullable()
      .optional()
      .openapi({ description: "Override of the tenant's negative-stock rule; null = follow it" }),
  })
  .strict()
  .refine((b) => b.lowThreshold !== undefined || b.reorderPoint !== undefined || b.allowNegative !== undefined, "name at least one setting")
  .openapi("SkuStockSettingsInput");

/** A SKU's stock settings in one store. */
export const SkuSettingsOut = z
  .object({
    sku: z.string(),
    unit: z.string().openapi({ description: "The stock unit the quantities are in (from the catalog)" }),
    lowThreshold: z.number().int().nullable(),
    reorderPoint: z.number().int().nullable(),
    allowNegative: z.boolean().nullable(),
    lowArmed: z.boolean().openapi({ description: "false while on-hand is at or below the low line (stock.low already sent)" }),
    serialTracked: z.boolean(),
  })
  .openapi("SkuStockSettings");

/** The catalog's stock item named in the path. @throws DomainError not_found (not in the catalog), validation_failed (not a stock item). */
async function stockItem(ctx: ServiceContext, sku: string): Promise<CatalogStockSku> {
  const item = (await catalogSkus(ctx, [sku])).get(canonicalSku(sku));
  if (!item) throw new DomainError("not_found", `No SKU ${sku} in the catalog`);
  if (item.kind !== "stock")
    throw new DomainError("validation_failed", `${item.sku} is not a stock item (${item.kind})`, {
      fields: [{ path: "sku", message: "not a stock item" }],
    });
  return item;
}

skuSettingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/stock/skus/{sku}/settings",
    operationId: "getSkuStockSettings",
    tags,
    security,
    summary: "A SKU's low-stock threshold, reorder point and negative-stock override in this store",
    request: { params: Params },
    responses: { 200: jsonResponse(SkuSettingsOut, "Settings (defaults when none were set)"), ...authErrors },
  }),
  async (c) => {
    const { storeId, sku } = c.req.valid("param");
    const { ctx, ledger } = await openLedgerRead(c, storeId);
    const item = await stockItem(ctx, sku);
    return c.json(unwrap(await ledger.getSkuSettings(item.sku)), 200);
  },
);

skuSettingsRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/stores/{storeId}/stock/skus/{sku}/settings",
    operationId: "setSkuStockSettings",
    tags,
    security,
    summary: "Set a SKU's low-stock threshold, reorder point or negative-stock override in this store",
    request: { params: Params, headers: idempotencyHeader, body: jsonBody(SkuSettingsBody) },
    responses: { 200: jsonResponse(SkuSettingsOut, "The settings now"), ...writeErrors },
  }),
  async (c) => {
    const { storeId, sku } = c.req.valid("param");
    const body = c.req.valid("json");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "sku_settings");
    const item = await stockItem(ctx, sku);
    const canonical = item.sku;
    const before = unwrap(await ledger.getSkuSettings(canonical));
    const after = unwrap(await ledger.setSkuSettings({ ...body, ...by, sku: canonical, unit: item.stockUnit }));
    await auditStock(ctx, {
      action: "stock.sku_settings_updated",
      entityType: "stock_sku_settings",
      entityId: `${storeId}:${canonical}`,
      before,
      after,
      summary: { storeId, sku: canonical, ...body },
    });
    return c.json(after, 200);
  },
);

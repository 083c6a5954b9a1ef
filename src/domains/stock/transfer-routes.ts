/**
 * Transfer and cycle-count routes of a store. A transfer lives at the sending store
 * (request, approve, dispatch, cancel before dispatch) and, once dispatched, also at the
 * receiving store (receive, partial receipts, cancel in transit). The two ledgers reach each
 * other through crash-safe deliveries (durable-objects/ledger/deliveries.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { authErrors, createRouter, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { requireStockSkus } from "./catalog-skus";
import { openLedgerRead, openLedgerWrite } from "./handlers";
import { auditStock, configuredLedger, unwrap } from "./ledger";
import * as S from "./schemas";

/** Mounted by stockRoutes (which applies auth, feature and idempotency middleware). */
export const transferRoutes = createRouter();
const security = [{ bearer: [] }];
const tags = ["Stock transfers and counts"];
const TransferParams = S.StoreParam.extend({ transferId: z.string().min(1).max(128) });
const CountParams = S.StoreParam.extend({ countId: z.string().min(1).max(128) });

/**
 * Checks the destination and configures its ledger with the tenant's stock settings before any
 * transfer message can reach it (its first stock may come by transfer, not by an HTTP call), and
 * tells it the catalog's stock unit of each SKU (`units`), which it may never have received.
 * @throws DomainError validation_failed when the destination is not a store of this tenant.
 */
async function requireDestination(ctx: ServiceContext, storeId: string, units: Record<string, string>): Promise<void> {
  const row = await ctx.d1.prepare("SELECT status FROM stores WHERE id = ?").bind(storeId).first<{ status: string }>();
  if (!row)
    throw new DomainError("validation_failed", "No such store in this tenant", { fields: [{ path: "toStoreId", message: "not found" }] });
  if (row.status !== "active") throw new DomainError("conflict", "The destination store is closed");
  const dest = await configuredLedger(ctx, storeId);
  // "each" is the ledger's default unit: only the other units (loose goods in g, ml, cm) need telling.
  for (const [sku, unit] of Object.entries(units)) {
    if (unit !== "each") unwrap(await dest.setSkuSettings({ actor: ctx.actor.id, sku, unit }));
  }
}

transferRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/transfers",
    operationId: "requestStockTransfer",
    tags,
    security,
    summary: "Request a transfer from this store to another",
    request: { params: S.StoreParam, headers: idempotencyHeader, body: jsonBody(S.TransferBody) },
    responses: { 201: jsonResponse(S.TransferOut.shape.outbound.unwrap(), "Requested"), ...writeErrors },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "transfer");
    const { lines, units } = await requireStockSkus(ctx, body.lines);
    await requireDestination(ctx, body.toStoreId, units);
    const out = unwrap(await ledger.requestTransfer({ ...body, lines, ...by }));
    await auditStock(ctx, {
      action: "stock.transfer_requested",
      entityType: "stock_transfer",
      entityId: out.transferId,
      after: body,
      summary: { storeId, toStoreId: body.toStoreId },
    });
    return c.json(out, 201);
  },
);

const ACTIONS = {
  approve: { summary: "Approve a requested transfer (sending store)", verb: "approveTransfer" },
  dispatch: { summary: "Dispatch an approved transfer: stock leaves, in transit (sending store)", verb: "dispatchTransfer" },
  receive: { summary: "Receive (part of) a transfer (receiving store); omit lines to receive all in transit", verb: "receiveTransfer" },
  cancel: { summary: "Cancel: before dispatch at the sender; in transit at either store, the rest goes back", verb: "cancelTransfer" },
} as const;

for (const [action, spec] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, (typeof ACTIONS)[keyof typeof ACTIONS]][]) {
  transferRoutes.openapi(
    createRoute({
      method: "post",
      path: `/v1/stores/{storeId}/stock/transfers/{transferId}/${action}`,
      operationId: `${action}StockTransfer`,
      tags,
      security,
      summary: spec.summary,
      request: {
        params: TransferParams,
        headers: idempotencyHeader,
        body: { required: false, content: { "application/json": { schema: S.TransferReceiveBody } } },
      },
      responses: { 200: jsonResponse(S.TransferOut, "The transfer as this store sees it"), ...writeErrors },
    }),
    async (c) => {
      const { storeId, transferId } = c.req.valid("param");
      const body = c.req.valid("json") ?? {};
      const { ctx, ledger, by } = await openLedgerWrite(c, storeId, `transfer_${action}`);
      const input = { ...by, transferId };
      if (action === "receive") unwrap(await ledger.receiveTransfer({ ...input, lines: body.lines }));
      else unwrap(await ledger[spec.verb as Exclude<(typeof ACTIONS)[keyof typeof ACTIONS]["verb"], "receiveTransfer">](input));
      const out = unwrap(await ledger.getTransfer(transferId));
      await auditStock(ctx, {
        action: `stock.transfer_${action}`,
        entityType: "stock_transfer",
        entityId: transferId,
        after: out,
        summary: { storeId },
      });
      return c.json(out, 200);
    },
  );
}

transferRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/stock/transfers/{transferId}",
    operationId: "getStockTransfer",
    tags,
    security,
    summary: "A transfer as this store sees it",
    request: { params: TransferParams },
    responses: { 200: jsonResponse(S.TransferOut, "The transfer"), ...authErrors },
  }),
  async (c) => {
    const { storeId, transferId } = c.req.valid("param");
    const { ledger } = await openLedgerRead(c, storeId);
    return c.json(unwrap(await ledger.getTransfer(transferId)), 200);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/counts",
    operationId: "createStockCount",
    tags,
    security,
    summary: "Open a count sheet: a snapshot of expected on-hand (all SKUs, or those named)",
    request: { params: S.StoreParam, headers: idempotencyHeader, body: jsonBody(S.CountBody) },
    responses: { 201: jsonResponse(S.CountOut, "Opened"), ...writeErrors },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "count");
    const out = unwrap(await ledger.createCount({ ...c.req.valid("json"), ...by }));
    await auditStock(ctx, {
      action: "stock.count_opened",
      entityType: "stock_count",
      entityId: out.countId,
      summary: { storeId, lines: out.lines.length },
    });
    return c.json(out, 201);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/counts/{countId}/lines",
    operationId: "enterStockCounts",
    tags,
    security,
    summary: "Enter counted quantities",
    request: { params: CountParams, headers: idempotencyHeader, body: jsonBody(S.CountLinesBody) },
    responses: { 200: jsonResponse(S.CountOut, "The sheet"), ...writeErrors },
  }),
  async (c) => {
    const { storeId, countId } = c.req.valid("param");
    const { ledger, by } = await openLedgerWrite(c, storeId, "count_lines");
    const out = unwrap(await ledger.enterCounts({ ...c.req.valid("json"), countId, ...by }));
    return c.json(out, 200);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/counts/{countId}/post",
    operationId: "postStockCount",
    tags,
    security,
    summary: "Post the variances of counted lines as count entries",
    request: { params: CountParams, headers: idempotencyHeader },
    responses: { 200: jsonResponse(S.CountOut, "Posted"), ...writeErrors },
  }),
  async (c) => {
    const { storeId, countId } = c.req.valid("param");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "count_post");
    const out = unwrap(await ledger.postCount({ ...by, countId }));
    await auditStock(ctx, {
      action: "stock.count_posted",
      entityType: "stock_count",
      entityId: countId,
      after: out,
      summary: { storeId, entries: out.entries.length },
    });
    return c.json(out, 200);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/stock/counts/{countId}",
    operationId: "getStockCount",
    tags,
    security,
    summary: "A count sheet",
    request: { params: CountParams },
    responses: { 200: jsonResponse(S.CountOut, "The sheet"), ...authErrors },
  }),
  async (c) => {
    const { storeId, countId } = c.req.valid("param");
    const { ledger } = await openLedgerRead(c, storeId);
    return c.json(unwrap(await ledger.getCount(countId)), 200);
  },
);

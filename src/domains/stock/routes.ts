/**
 * Stock routes of a store: receipts, adjustments, reservations, stock and movements
 * (transfers and counts are in transfer-routes.ts, mounted here). Each handler: check the role,
 * find the store within the actor's stores, call ONE ledger verb on the store's Durable Object,
 * audit the write, answer. The ledger refuses what would oversell (409 insufficient_stock with
 * the shortfall per SKU) and writes nothing then.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { assertCan } from "../../platform/auth/roles";
import { DomainError } from "../../platform/errors";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination";
import { authErrors, createRouter, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { requireStockSkus } from "./catalog-skus";
import { openLedgerRead, openLedgerWrite } from "./handlers";
import { auditStock, storeLedger, unwrap } from "./ledger";
import * as S from "./schemas";
import { registerSerials, releaseSerials, serialsOf } from "./serials";
import { settingsRoutes } from "./settings-routes";
import { skuRoutes } from "./sku-routes";
import { skuSettingsRoutes } from "./sku-settings-routes";
import { transferRoutes } from "./transfer-routes";

/** /v1/stores/{storeId}/stock… */
export const stockRoutes = createRouter();
// One registration: Hono's "/x/*" also matches "/x", so GET …/stock passes through it too.
stockRoutes.use("/v1/stores/:storeId/stock/*", requireAuth(), requireFeature("inventory"), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];
const tags = ["Stock"];

stockRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/receipts",
    operationId: "receiveStock",
    tags,
    security,
    summary: "Receive goods: unit cost, batch and expiry, serials",
    request: { params: S.StoreParam, headers: idempotencyHeader, body: jsonBody(S.ReceiptBody) },
    responses: { 201: jsonResponse(S.PostedOut, "Posted"), ...writeErrors },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "receipt");
    const { lines, units } = await requireStockSkus(ctx, body.lines);
    // Serials are unique per tenant: register them first; give them back if the ledger refuses.
    const registered = await registerSerials(ctx, storeId, serialsOf(lines));
    const result = await ledger.receive({ ...body, lines, units, ...by });
    if (!result.ok) await releaseSerials(ctx, registered);
    const out = unwrap(result);
    await auditStock(ctx, {
      action: "stock.received",
      entityType: "stock_document",
      entityId: out.documentId,
      after: body,
      summary: { storeId, lines: body.lines.length },
    });
    return c.json(out, 201);
  },
);

stockRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/adjustments",
    operationId: "adjustStock",
    tags,
    security,
    summary: "Adjust stock with a reason (damage, theft, correction, expiry write-off)",
    request: { params: S.StoreParam, headers: idempotencyHeader, body: jsonBody(S.AdjustmentBody) },
    responses: { 201: jsonResponse(S.PostedOut, "Posted"), ...writeErrors },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "adjustment");
    const { lines, units } = await requireStockSkus(ctx, body.lines);
    const out = unwrap(await ledger.adjust({ ...body, lines, units, ...by }));
    await auditStock(ctx, {
      action: "stock.adjusted",
      entityType: "stock_document",
      entityId: out.documentId,
      after: body,
      summary: { storeId, reason: body.reason },
    });
    return c.json(out, 201);
  },
);

stockRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/stock/reservations",
    operationId: "reserveStock",
    tags,
    security,
    summary: "Hold stock for a while; released automatically when it lapses",
    request: { params: S.StoreParam, headers: idempotencyHeader, body: jsonBody(S.ReservationBody) },
    responses: { 201: jsonResponse(S.ReservationOut, "Reserved"), ...writeErrors },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { ctx, ledger, by } = await openLedgerWrite(c, storeId, "reserve");
    const { lines } = await requireStockSkus(ctx, body.lines);
    const out = unwrap(await ledger.reserve({ ...body, lines, ...by }));
    await auditStock(ctx, {
      action: "stock.reserved",
      entityType: "stock_reservation",
      entityId: out.reservationId,
      after: out,
      summary: { storeId },
    });
    return c.json(out, 201);
  },
);

for (const action of ["release", "commit"] as const) {
  stockRoutes.openapi(
    createRoute({
      method: "post",
      path: `/v1/stores/{storeId}/stock/reservations/{reservationId}/${action}`,
      operationId: `${action}StockReservation`,
      tags,
      security,
      summary: action === "release" ? "Release a reservation" : "Commit a reservation as a sale of the reserved batches",
      request: {
        params: S.StoreParam.extend({ reservationId: z.string().min(1).max(128) }),
        headers: idempotencyHeader,
        body: { required: false, content: { "application/json": { schema: S.ReservationCommitBody } } },
      },
      responses: { 200: jsonResponse(S.ReservationOut, action === "release" ? "Released" : "Committed"), ...writeErrors },
    }),
    async (c) => {
      const { storeId, reservationId } = c.req.valid("param");
      const body = c.req.valid("json") ?? {};
      const { ctx, ledger, by } = await openLedgerWrite(c, storeId, action);
      const input = { ...by, reservationId, saleId: body.saleId };
      const out = unwrap(action === "release" ? await ledger.releaseReservation(input) : await ledger.commitReservation(input));
      await auditStock(ctx, {
        action: `stock.reservation_${action === "release" ? "released" : "committed"}`,
        entityType: "stock_reservation",
        entityId: reservationId,
        after: out,
        summary: { storeId },
      });
      return c.json(out, 200);
    },
  );
}

stockRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/stock",
    operationId: "getStoreStock",
    tags,
    security,
    summary: "Stock per SKU and batch (filters: sku, batch, low, expiring before), or on-hand as of a past instant",
    request: { params: S.StoreParam, query: S.StockQuery },
    responses: { 200: jsonResponse(z.union([S.StockOut, S.StockAsOfOut]), "Stock"), ...authErrors },
  }),
  async (c) => {
    const { storeId } = c.req.valid("param");
    const q = c.req.valid("query");
    const { ledger } = await openLedgerRead(c, storeId);
    if (q.asOf) return c.json(unwrap(await ledger.stockAsOf(q.asOf, q.sku)), 200);
    const low = q.low === undefined ? undefined : q.low === "true";
    return c.json(unwrap(await ledger.getStock({ sku: q.sku, batch: q.batch, low, expiringBefore: q.expiringBefore })), 200);
  },
);

stockRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/stock/movements",
    operationId: "listStockMovements",
    tags,
    security,
    summary: "Ledger entries, newest first (filters: sku, batch, kind, document, from/to), a page at a time",
    request: { params: S.StoreParam, query: S.MovementsQuery },
    responses: { 200: jsonResponse(S.MovementsOut, "A page of movements"), ...authErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    assertCan(ctx.actor.role, "stock.read");
    const { storeId } = c.req.valid("param");
    const { cursor, ...q } = c.req.valid("query");
    const seq = decodeCursor(cursor);
    if (seq !== undefined && !/^\d+$/.test(seq)) {
      throw new DomainError("validation_failed", "cursor is not one this API issued", { fields: [{ path: "cursor", message: "invalid" }] });
    }
    const ledger = await storeLedger(ctx, storeId);
    const page = unwrap(await ledger.movements({ ...q, cursor: seq }));
    return c.json({ items: page.items, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null }, 200);
  },
);

stockRoutes.route("/", transferRoutes);
stockRoutes.route("/", skuRoutes);
stockRoutes.route("/", settingsRoutes);
stockRoutes.route("/", skuSettingsRoutes);

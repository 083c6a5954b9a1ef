/**
 * Routes whose bodies are files, not JSON (the app's JSON-body middleware exempts /media and
 * /import paths): product images and CSV imports. Neither uses the generic Idempotency-Key
 * middleware, which buffers the body as text: images are idempotent by content hash, imports by
 * their own Idempotency-Key record and by upserting on SKU.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DomainError } from "../../platform/errors";
import { ctxOf } from "../../platform/http/middleware";
import { authErrors, createRouter, idempotencyHeader, jsonResponse, writeErrors } from "../../platform/http/router";
import { getImport, resumeImport, runImport, startImport } from "./import";
import { getMedia, MAX_MEDIA_BYTES, uploadMedia } from "./media";
import { read as auth, IdParam, security, tags } from "./route-common";
import { ImportOut, MediaOut } from "./schemas";

/** /v1/products/{id}/media… and /v1/products/import(s)…. */
export const fileRoutes = createRouter();

fileRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/products/{id}/media",
    operationId: "uploadProductMedia",
    tags,
    security,
    middleware: auth,
    summary: `Upload a product image (raw body, Content-Type image/png|jpeg|gif|webp|avif, at most ${MAX_MEDIA_BYTES} bytes); the same bytes again answer the same image`,
    request: { params: IdParam, body: { required: true, content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } } } },
    responses: {
      201: jsonResponse(MediaOut, "Image stored"),
      200: jsonResponse(MediaOut, "The same image was stored before"),
      413: { description: "Too large" },
      415: { description: "Not an accepted image" },
      ...writeErrors,
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const length = Number(c.req.header("content-length") ?? "0");
    // Refuse by the declared length before reading the body; the verb checks the bytes read too.
    if (length > MAX_MEDIA_BYTES) throw new DomainError("payload_too_large", `An image may be at most ${MAX_MEDIA_BYTES} bytes`);
    const { media, created } = await uploadMedia({
      ctx,
      productId: c.req.valid("param").id,
      input: { contentType: c.req.header("content-type") ?? "", body: await c.req.arrayBuffer() },
    });
    return c.json(media, created ? 201 : 200);
  },
);

fileRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/products/{id}/media/{mediaId}",
    operationId: "getProductMedia",
    tags,
    security,
    middleware: auth,
    summary: "The image bytes",
    request: {
      params: IdParam.extend({
        mediaId: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "mediaId", in: "path" } }),
      }),
    },
    responses: {
      200: { description: "The image", content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } } },
      ...authErrors,
    },
  }),
  async (c) => {
    const { id, mediaId } = c.req.valid("param");
    const m = await getMedia({ ctx: ctxOf(c), productId: id, mediaId });
    return new Response(m.body, {
      headers: { "content-type": m.contentType, "content-length": String(m.size), etag: m.etag, "cache-control": "private, max-age=86400" },
    }) as never;
  },
);

fileRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/products/import",
    operationId: "importProducts",
    tags,
    security,
    middleware: auth,
    summary: "Import products from CSV (text/csv body): answered 202 at once; poll the import for progress and line-numbered errors",
    request: { headers: idempotencyHeader, body: { required: true, content: { "text/csv": { schema: z.string() } } } },
    responses: {
      202: jsonResponse(ImportOut, "Import accepted"),
      200: jsonResponse(ImportOut, "The import this Idempotency-Key started"),
      413: { description: "Too large" },
      415: { description: "Not text/csv" },
      ...writeErrors,
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const length = c.req.header("content-length");
    const { import: imp, replayed } = await startImport({
      ctx,
      input: {
        body: c.req.raw.body,
        length: length ? Number(length) : null,
        contentType: c.req.header("content-type") ?? "",
        idempotencyKey: c.req.header("idempotency-key"),
      },
    });
    if (!replayed)
      c.executionCtx.waitUntil(
        runImport(ctx, imp.id).catch((err) => console.error(JSON.stringify({ level: "error", importId: imp.id, message: String(err) }))),
      );
    c.header("location", `/v1/products/imports/${imp.id}`);
    return c.json(imp, replayed ? 200 : 202);
  },
);

fileRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/products/imports/{id}",
    operationId: "getProductImport",
    tags,
    security,
    middleware: auth,
    summary: "Progress of a CSV import: rows done/failed/total and the first errors with line numbers",
    request: { params: IdParam },
    responses: { 200: jsonResponse(ImportOut, "The import"), ...authErrors },
  }),
  async (c) => c.json(await getImport({ ctx: ctxOf(c), id: c.req.valid("param").id }), 200),
);

fileRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/products/imports/{id}/resume",
    operationId: "resumeProductImport",
    tags,
    security,
    middleware: auth,
    summary: "Continue an import whose worker stopped (status queued or running) from its last committed chunk",
    request: { params: IdParam },
    responses: { 202: jsonResponse(ImportOut, "Resuming"), ...writeErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const imp = await resumeImport({ ctx, id: c.req.valid("param").id });
    c.executionCtx.waitUntil(
      runImport(ctx, imp.id).catch((err) => console.error(JSON.stringify({ level: "error", importId: imp.id, message: String(err) }))),
    );
    return c.json(imp, 202);
  },
);

/**
 * Catalog routes: products (create, read, list/search, change), the till's SKU and barcode
 * lookups; categories, store price lists, media and CSV imports are mounted from their files.
 * Handlers validate, call one verb, return its output.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../platform/http/middleware";
import {
  authErrors,
  createRouter,
  idempotencyHeader,
  jsonBody,
  jsonResponse,
  PageQuery,
  pageOf,
  writeErrors,
} from "../../platform/http/router";
import { categoryRoutes } from "./category-routes";
import { createProduct } from "./create-product";
import { fileRoutes } from "./file-routes";
import { getProduct, listProducts } from "./list-products";
import { lookupBarcode, lookupSku } from "./lookup";
import { IdParam, read, security, tags, write } from "./route-common";
import { ProductInput, ProductOut, ProductPatch, SkuLookupOut } from "./schemas";
import { updateProduct } from "./update-product";

/** Every catalog route. Mount with app.route("/", catalogRoutes). */
export const catalogRoutes = createRouter();

catalogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/products",
    operationId: "createProduct",
    tags,
    security,
    middleware: write,
    summary: "Create a product with its variants (SKUs)",
    request: { headers: idempotencyHeader, body: jsonBody(ProductInput) },
    responses: { 201: jsonResponse(ProductOut, "Product created"), ...writeErrors },
  }),
  async (c) => c.json(await createProduct({ ctx: ctxOf(c), input: c.req.valid("json") }), 201),
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/products",
    operationId: "listProducts",
    tags,
    security,
    middleware: read,
    summary: "List products; q searches name, brand, SKU and barcode by word prefix",
    request: {
      query: PageQuery.extend({
        q: z.string().max(200).optional().openapi({ example: "cotton tsh" }),
        categoryId: z.string().max(64).optional(),
        kind: z.enum(["stock", "service", "non_stock"]).optional(),
        status: z.enum(["active", "archived"]).optional(),
      }),
    },
    responses: { 200: jsonResponse(pageOf(ProductOut), "A page of products"), ...authErrors },
  }),
  async (c) => c.json(await listProducts({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/products/{id}",
    operationId: "getProduct",
    tags,
    security,
    middleware: read,
    summary: "Read a product",
    request: { params: IdParam },
    responses: { 200: jsonResponse(ProductOut, "The product"), ...authErrors },
  }),
  async (c) => c.json(await getProduct({ ctx: ctxOf(c), id: c.req.valid("param").id }), 200),
);

catalogRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/products/{id}",
    operationId: "updateProduct",
    tags,
    security,
    middleware: write,
    summary: "Change a product; variants listed are upserted by SKU (full definitions)",
    request: { params: IdParam, headers: idempotencyHeader, body: jsonBody(ProductPatch) },
    responses: { 200: jsonResponse(ProductOut, "The changed product"), ...writeErrors },
  }),
  async (c) => c.json(await updateProduct({ ctx: ctxOf(c), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
);

const StoreQuery = z.object({ storeId: z.string().max(64).optional().openapi({ description: "Apply this store's price list" }) });

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/skus/{sku}",
    operationId: "lookupSku",
    tags,
    security,
    middleware: read,
    summary: "What the till needs to sell a SKU: price (store override applied), tax, HSN/SAC, unit, kind",
    request: {
      params: z.object({
        sku: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "sku", in: "path" } }),
      }),
      query: StoreQuery,
    },
    responses: { 200: jsonResponse(SkuLookupOut, "The SKU"), ...authErrors },
  }),
  async (c) =>
    c.json(await lookupSku({ ctx: ctxOf(c), input: { sku: c.req.valid("param").sku, storeId: c.req.valid("query").storeId } }), 200),
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/barcodes/{code}",
    operationId: "lookupBarcode",
    tags,
    security,
    middleware: read,
    summary: "The SKU a scanned barcode stands for, and how many stock units one scan is",
    request: {
      params: z.object({
        code: z
          .string()
          .min(1)
          .max(32)
          .openapi({ param: { name: "code", in: "path" } }),
      }),
      query: StoreQuery,
    },
    responses: { 200: jsonResponse(SkuLookupOut, "The scanned item"), ...authErrors },
  }),
  async (c) =>
    c.json(await lookupBarcode({ ctx: ctxOf(c), input: { code: c.req.valid("param").code, storeId: c.req.valid("query").storeId } }), 200),
);

catalogRoutes.route("/", categoryRoutes);
catalogRoutes.route("/", fileRoutes);

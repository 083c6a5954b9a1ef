/** Routes of the category tree and of store price lists. */
import { createRoute } from "@hono/zod-openapi";
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
import { createCategory, deleteCategory, listCategories, updateCategory } from "./categories";
import { listStorePrices, setStorePrices } from "./price-lists";
import { IdParam, read, StoreParam, security, tags, write } from "./route-common";
import { CategoryInput, CategoryOut, CategoryPatch, StorePriceOut, StorePricesInput } from "./schemas";

/** /v1/categories and /v1/price-lists/{storeId}. */
export const categoryRoutes = createRouter();

categoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/categories",
    operationId: "createCategory",
    tags,
    security,
    middleware: write,
    summary: "Create a category (parentId null = a root)",
    request: { headers: idempotencyHeader, body: jsonBody(CategoryInput) },
    responses: { 201: jsonResponse(CategoryOut, "Category created"), ...writeErrors },
  }),
  async (c) => c.json(await createCategory({ ctx: ctxOf(c), input: c.req.valid("json") }), 201),
);

categoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/categories",
    operationId: "listCategories",
    tags,
    security,
    middleware: read,
    summary: "List categories (build the tree from parentId)",
    request: { query: PageQuery },
    responses: { 200: jsonResponse(pageOf(CategoryOut), "A page of categories"), ...authErrors },
  }),
  async (c) => c.json(await listCategories({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

categoryRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/categories/{id}",
    operationId: "updateCategory",
    tags,
    security,
    middleware: write,
    summary: "Rename or move a category",
    request: { params: IdParam, headers: idempotencyHeader, body: jsonBody(CategoryPatch) },
    responses: { 200: jsonResponse(CategoryOut, "The category"), ...writeErrors },
  }),
  async (c) => c.json(await updateCategory({ ctx: ctxOf(c), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
);

categoryRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/categories/{id}",
    operationId: "deleteCategory",
    tags,
    security,
    middleware: write,
    summary: "Delete an empty category",
    request: { params: IdParam, headers: idempotencyHeader },
    responses: { 204: { description: "Deleted" }, ...writeErrors },
  }),
  async (c) => {
    await deleteCategory({ ctx: ctxOf(c), id: c.req.valid("param").id });
    return c.body(null, 204);
  },
);

categoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/price-lists/{storeId}",
    operationId: "setStorePrices",
    tags,
    security,
    middleware: write,
    summary: "Set (or, with price null, remove) store price overrides per SKU",
    request: { params: StoreParam, headers: idempotencyHeader, body: jsonBody(StorePricesInput) },
    responses: { 200: jsonResponse(pageOf(StorePriceOut), "The store's price list (first page)"), ...writeErrors },
  }),
  async (c) => c.json(await setStorePrices({ ctx: ctxOf(c), storeId: c.req.valid("param").storeId, input: c.req.valid("json") }), 200),
);

categoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/price-lists/{storeId}",
    operationId: "listStorePrices",
    tags,
    security,
    middleware: read,
    summary: "A store's price overrides",
    request: { params: StoreParam, query: PageQuery },
    responses: { 200: jsonResponse(pageOf(StorePriceOut), "A page of overrides"), ...authErrors },
  }),
  async (c) => c.json(await listStorePrices({ ctx: ctxOf(c), storeId: c.req.valid("param").storeId, input: c.req.valid("query") }), 200),
);

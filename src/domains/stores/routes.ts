/** Store routes: create, list, read, update, staff of a store. */
import { createRoute, z } from "@hono/zod-openapi";
import { isValidGstin } from "../../platform/gst/gstin";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth } from "../../platform/http/middleware";
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
import { isValidTimeZone } from "../tenants/schemas";
import { createStore, getStore, listStores, storeStaff, updateStore } from "./verbs";

/** /v1/stores */
export const storeRoutes = createRouter();
// "/v1/stores/*" also matches "/v1/stores" in Hono: one registration, so middleware runs once.
storeRoutes.use("/v1/stores/*", requireAuth(), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];

const Address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/),
});
const StoreFields = z.object({
  // The code opens every invoice number ("BLR1/2627/42"), which may hold at most 16 characters
  // (CGST Rules, rule 46(b)); 6 letters or digits leave room for the year and the sequence.
  code: z
    .string()
    .regex(/^[A-Z0-9]{1,6}$/, "1–6 capital letters or digits (it opens invoice numbers)")
    .openapi({ example: "BLR1" }),
  name: z.string().min(1).max(200).openapi({ example: "Indiranagar" }),
  type: z.enum(["shop", "warehouse"]),
  address: Address,
  stateCode: z
    .string()
    .regex(/^\d{2}$/)
    .nullable()
    .optional()
    .openapi({ example: "29" }),
  gstin: z.string().refine(isValidGstin, "not a valid GSTIN (format or check digit)").nullable().optional(),
  timeZone: z.string().refine(isValidTimeZone, "not an IANA time zone").optional(),
});
const StoreOut = StoreFields.extend({
  id: z.string(),
  stateCode: z.string().nullable(),
  gstin: z.string().nullable(),
  timeZone: z.string(),
  status: z.enum(["active", "closed"]),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi("Store");
const StoreId = z.object({ storeId: z.string() });

storeRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores",
    operationId: "createStore",
    tags: ["Stores"],
    security,
    summary: "Create a shop or warehouse",
    request: { headers: idempotencyHeader, body: jsonBody(StoreFields) },
    responses: { 201: jsonResponse(StoreOut, "Created"), ...writeErrors },
  }),
  async (c) => c.json(await createStore({ ctx: ctxOf(c), input: c.req.valid("json") }), 201),
);

storeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores",
    operationId: "listStores",
    tags: ["Stores"],
    security,
    summary: "List the stores you may act in",
    request: { query: PageQuery },
    responses: { 200: jsonResponse(pageOf(StoreOut), "A page of stores"), ...authErrors },
  }),
  async (c) => c.json(await listStores({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

storeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}",
    operationId: "getStore",
    tags: ["Stores"],
    security,
    summary: "Read a store",
    request: { params: StoreId },
    responses: { 200: jsonResponse(StoreOut, "The store"), ...authErrors },
  }),
  async (c) => c.json(await getStore({ ctx: ctxOf(c), storeId: c.req.valid("param").storeId }), 200),
);

storeRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/stores/{storeId}",
    operationId: "updateStore",
    tags: ["Stores"],
    security,
    summary: "Update a store",
    request: {
      params: StoreId,
      headers: idempotencyHeader,
      body: jsonBody(
        StoreFields.extend({ status: z.enum(["active", "closed"]) })
          .partial()
          .refine((v) => Object.keys(v).length > 0, "name at least one field"),
      ),
    },
    responses: { 200: jsonResponse(StoreOut, "Updated"), ...writeErrors },
  }),
  async (c) => c.json(await updateStore({ ctx: ctxOf(c), storeId: c.req.valid("param").storeId, input: c.req.valid("json") }), 200),
);

storeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/staff",
    operationId: "listStoreStaff",
    tags: ["Stores"],
    security,
    summary: "Staff who may act in this store (assign with PATCH /v1/users/{id} storeIds)",
    request: { params: StoreId },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string(), allStores: z.boolean() })),
        }),
        "Staff",
      ),
      ...authErrors,
    },
  }),
  async (c) => c.json({ items: await storeStaff({ ctx: ctxOf(c), storeId: c.req.valid("param").storeId }) }, 200),
);

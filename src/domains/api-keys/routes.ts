/** API key routes (feature api_keys). */
import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "../../platform/auth/roles";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
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
import { createApiKey, listApiKeys, revokeApiKey } from "./verbs";

/** /v1/api-keys */
export const apiKeyRoutes = createRouter();
// "/v1/api-keys/*" also matches "/v1/api-keys" in Hono: one registration, so middleware runs once.
apiKeyRoutes.use("/v1/api-keys/*", requireAuth(), requireFeature("api_keys"), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];
const ApiKeyOut = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(ROLES),
    storeIds: z.array(z.string()).nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

apiKeyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/api-keys",
    operationId: "createApiKey",
    tags: ["API keys"],
    security,
    summary: "Create an API key; the key is in this answer only",
    request: {
      headers: idempotencyHeader,
      body: jsonBody(
        z.object({ name: z.string().min(1).max(100), role: z.enum(ROLES), storeIds: z.array(z.string()).max(500).nullable().optional() }),
      ),
    },
    responses: { 201: jsonResponse(ApiKeyOut.extend({ key: z.string() }), "Created"), ...writeErrors },
  }),
  async (c) => c.json(await createApiKey({ ctx: ctxOf(c), input: c.req.valid("json") }), 201),
);

apiKeyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/api-keys",
    operationId: "listApiKeys",
    tags: ["API keys"],
    security,
    summary: "List API keys (prefixes only)",
    request: { query: PageQuery },
    responses: { 200: jsonResponse(pageOf(ApiKeyOut), "A page of keys"), ...authErrors },
  }),
  async (c) => c.json(await listApiKeys({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

apiKeyRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/api-keys/{id}",
    operationId: "revokeApiKey",
    tags: ["API keys"],
    security,
    summary: "Revoke an API key",
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: jsonResponse(ApiKeyOut, "Revoked"), ...writeErrors },
  }),
  async (c) => c.json(await revokeApiKey({ ctx: ctxOf(c), id: c.req.valid("param").id }), 200),
);

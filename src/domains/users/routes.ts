/** Staff routes: invitations, list, update (role, stores, status). */
import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "../../platform/auth/roles";
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
import { inviteUser, listUsers, updateUser } from "./verbs";

/** /v1/users */
export const userRoutes = createRouter();
// "/v1/users/*" also matches "/v1/users" in Hono: one registration, so middleware runs once.
userRoutes.use("/v1/users/*", requireAuth(), idempotency({ store: "tenant" }));

const security = [{ bearer: [] }];
const StoreIds = z.array(z.string().min(1).max(64)).max(500).nullable();
const UserOut = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    storeIds: StoreIds,
    status: z.enum(["active", "invited", "disabled"]),
    emailVerified: z.boolean(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("User");

userRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/users/invitations",
    operationId: "inviteUser",
    tags: ["Users"],
    security,
    summary: "Invite a member of staff with a role and, optionally, the stores they may act in",
    request: {
      headers: idempotencyHeader,
      body: jsonBody(
        z.object({ email: z.email().max(254), name: z.string().min(1).max(200), role: z.enum(ROLES), storeIds: StoreIds.optional() }),
      ),
    },
    responses: { 201: jsonResponse(UserOut, "Invited; the link goes by email"), ...writeErrors },
  }),
  async (c) => c.json(await inviteUser({ ctx: ctxOf(c), input: c.req.valid("json") }), 201),
);

userRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/users",
    operationId: "listUsers",
    tags: ["Users"],
    security,
    summary: "List the tenant's users",
    request: { query: PageQuery },
    responses: { 200: jsonResponse(pageOf(UserOut), "A page of users"), ...authErrors },
  }),
  async (c) => c.json(await listUsers({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

userRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/users/{id}",
    operationId: "updateUser",
    tags: ["Users"],
    security,
    summary: "Change a user's name, role, stores (staff assignment) or status",
    request: {
      params: z.object({ id: z.string() }),
      headers: idempotencyHeader,
      body: jsonBody(
        z
          .object({ name: z.string().min(1).max(200), role: z.enum(ROLES), storeIds: StoreIds, status: z.enum(["active", "disabled"]) })
          .partial()
          .refine((v) => Object.keys(v).length > 0, "name at least one field"),
      ),
    },
    responses: { 200: jsonResponse(UserOut, "Updated"), ...writeErrors },
  }),
  async (c) => c.json(await updateUser({ ctx: ctxOf(c), userId: c.req.valid("param").id, input: c.req.valid("json") }), 200),
);

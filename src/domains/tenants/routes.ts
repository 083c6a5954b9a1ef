/** Routes of signup (platform host, no tenant yet). */
import { createRoute, z } from "@hono/zod-openapi";
import { idempotency } from "../../platform/http/idempotency";
import { createRouter, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { SignupInput, TenantOut, TokenPair, toTenantOut } from "./schemas";
import { signupTenant } from "./signup";

/** /v1/signup */
export const signupRoutes = createRouter();

signupRoutes.use("/v1/signup", idempotency({ store: "platform" }));

signupRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/signup",
    operationId: "signup",
    tags: ["Tenants"],
    summary: "Sign up a business: creates the tenant, its database and its owner",
    request: { headers: idempotencyHeader, body: jsonBody(SignupInput) },
    responses: {
      201: jsonResponse(z.object({ tenant: TenantOut, ownerId: z.string(), hostname: z.string(), tokens: TokenPair }), "Tenant created"),
      ...writeErrors,
      503: { description: "No tenant database is free (tenant_pool_exhausted)" },
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const { tenant, ownerId, tokens } = await signupTenant({ env: c.env, input, requestId: c.get("requestId") });
    return c.json({ tenant: toTenantOut(tenant), ownerId, hostname: `${tenant.slug}.${c.env.PLATFORM_DOMAIN}`, tokens }, 201);
  },
);

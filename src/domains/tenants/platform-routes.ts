/** /v1/platform/* — control-plane administration for platform admins. */
import { createRoute, z } from "@hono/zod-openapi";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { createRouter, jsonBody, jsonResponse, PageQuery, pageOf, writeErrors } from "../../platform/http/router";
import { PLANS } from "../../platform/tenancy/plans";
import { upgradeAllTenants } from "../../platform/tenancy/resolve";
import { loginPlatformAdmin, requirePlatformAdmin, updateTenantAdmin } from "./platform";
import { TenantOut, toTenantOut } from "./schemas";
import { rowToTenant } from "./signup";

/** Platform admin routes. */
export const platformRoutes = createRouter();
platformRoutes.use("/v1/platform/*", async (c, next) =>
  new URL(c.req.url).pathname === "/v1/platform/auth/login" ? next() : requirePlatformAdmin()(c, next),
);
const security = [{ bearer: [] }];
const tags = ["Platform"];
const TenantId = z.object({ id: z.string() });
const PlatformTenant = TenantOut.extend({
  databaseBinding: z.string().nullable(),
  schemaVersion: z.string().nullable(),
  featureOverrides: z.string(),
}).openapi("PlatformTenant");

function platformTenant(r: Record<string, unknown>) {
  const t = rowToTenant(r);
  return { ...toTenantOut(t), databaseBinding: t.databaseBinding, schemaVersion: t.schemaVersion, featureOverrides: t.featureOverrides };
}

platformRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/platform/auth/login",
    operationId: "platformLogin",
    tags,
    summary: "Log in as a platform administrator",
    request: { body: jsonBody(z.object({ email: z.email(), password: z.string().min(1).max(200) })) },
    responses: {
      200: jsonResponse(z.object({ accessToken: z.string(), expiresIn: z.number().int() }), "A platform token"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const { email, password } = c.req.valid("json");
    return c.json(await loginPlatformAdmin(c.env, email, password, c.req.header("cf-connecting-ip") ?? "local"), 200);
  },
);

platformRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/platform/tenants",
    operationId: "platformListTenants",
    tags,
    security,
    summary: "List tenants",
    request: { query: PageQuery.extend({ status: z.enum(["active", "suspended", "provisioning"]).optional() }) },
    responses: { 200: jsonResponse(pageOf(PlatformTenant), "A page of tenants"), ...writeErrors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const rows = await c.env.PLATFORM_DB.prepare("SELECT * FROM tenants WHERE id > ? AND (?2 IS NULL OR status = ?2) ORDER BY id LIMIT ?3")
      .bind(decodeCursor(q.cursor) ?? "", q.status ?? null, q.limit + 1)
      .all<Record<string, unknown>>();
    return c.json(toPage(rows.results.map(platformTenant), q.limit), 200);
  },
);

for (const [action, status] of [
  ["suspend", "suspended"],
  ["resume", "active"],
] as const) {
  platformRoutes.openapi(
    createRoute({
      method: "post",
      path: `/v1/platform/tenants/{id}/${action}`,
      operationId: `platform${action[0]?.toUpperCase()}${action.slice(1)}Tenant`,
      tags,
      security,
      summary: `${action === "suspend" ? "Suspend" : "Resume"} a tenant`,
      request: { params: TenantId },
      responses: { 200: jsonResponse(TenantOut, "Updated"), ...writeErrors },
    }),
    async (c) =>
      c.json(toTenantOut(await updateTenantAdmin(c.env, c.req.valid("param").id, { status }, c.get("platformAdminId") ?? "")), 200),
  );
}

platformRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/platform/tenants/{id}",
    operationId: "platformUpdateTenant",
    tags,
    security,
    summary: "Change a tenant's plan or feature overrides",
    request: {
      params: TenantId,
      body: jsonBody(
        z
          .object({ plan: z.enum(Object.keys(PLANS) as [keyof typeof PLANS]), featureOverrides: z.record(z.string(), z.boolean()) })
          .partial()
          .refine((v) => Object.keys(v).length > 0, "name at least one field"),
      ),
    },
    responses: { 200: jsonResponse(TenantOut, "Updated"), ...writeErrors },
  }),
  async (c) =>
    c.json(toTenantOut(await updateTenantAdmin(c.env, c.req.valid("param").id, c.req.valid("json"), c.get("platformAdminId") ?? "")), 200),
);

platformRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/platform/migrations/run",
    operationId: "platformRunMigrations",
    tags,
    security,
    summary: "Upgrade every tenant database to the newest bundled schema now",
    responses: {
      200: jsonResponse(
        z.object({ results: z.array(z.object({ slug: z.string(), applied: z.array(z.string()), error: z.string().optional() })) }),
        "Per-tenant results",
      ),
      ...writeErrors,
    },
  }),
  async (c) => c.json({ results: await upgradeAllTenants(c.env) }, 200),
);

platformRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/platform/events",
    operationId: "platformEvents",
    tags,
    security,
    summary: "Operator events (pool exhausted, broken databases, tenant changes), newest first",
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(z.object({ id: z.string(), type: z.string(), detail: z.string(), occurredAt: z.string() })) }),
        "Events",
      ),
      ...writeErrors,
    },
  }),
  async (c) => {
    const rows = await c.env.PLATFORM_DB.prepare(
      "SELECT id, type, detail, occurred_at FROM platform_events ORDER BY occurred_at DESC LIMIT 200",
    ).all<Record<string, string>>();
    return c.json(
      { items: rows.results.map((r) => ({ id: r.id ?? "", type: r.type ?? "", detail: r.detail ?? "", occurredAt: r.occurred_at ?? "" })) },
      200,
    );
  },
);

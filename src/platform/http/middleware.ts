/**
 * Middleware every request passes through: request id and structured log, JSON-only bodies,
 * tenant resolution, authentication, plan features. Each is a factory so options stay explicit.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { authenticateRequest } from "../auth/authenticate";
import { type AppEnv, type ServiceContext, serviceContext } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { type Feature, featureEnabled } from "../tenancy/plans";
import { openTenantDatabase, resolveTenant } from "../tenancy/resolve";
import { problemResponse } from "./problem";

/** Largest JSON body accepted: 1 MiB (bulk imports have their own routes and limits). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Takes the caller's X-Request-Id when well-formed (else makes one), echoes it on the response,
 * and writes one structured log line per request — method, path, status, duration, tenant —
 * never headers or bodies, so no secret reaches the logs.
 */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const requestId = given && REQUEST_ID.test(given) ? given : newId("request");
    c.set("requestId", requestId);
    const started = Date.now();
    await next();
    c.res.headers.set("x-request-id", requestId);
    if (c.env.ENVIRONMENT !== "test") {
      console.log(
        JSON.stringify({
          level: "info",
          requestId,
          method: c.req.method,
          path: new URL(c.req.url).pathname,
          status: c.res.status,
          ms: Date.now() - started,
          tenant: c.get("tenant")?.slug,
        }),
      );
    }
  };
}

/** Refuses bodies over `maxBytes` (413) and non-JSON bodies on writes (415), except `exempt` paths. */
export function jsonBodies(opts: { maxBytes?: number; exempt?: RegExp } = {}): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: opts.maxBytes ?? MAX_JSON_BODY_BYTES,
    onError: (c) =>
      problemResponse(c as Context<AppEnv>, "payload_too_large", `The body exceeds ${opts.maxBytes ?? MAX_JSON_BODY_BYTES} bytes`),
  });
  return async (c, next) => {
    const m = c.req.method;
    if (m !== "POST" && m !== "PUT" && m !== "PATCH") return next();
    const path = new URL(c.req.url).pathname;
    if (opts.exempt?.test(path)) return next();
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    const hasBody = c.req.header("content-length") !== "0" && c.req.raw.body !== null;
    if (hasBody && type !== "application/json") return problemResponse(c, "unsupported_media_type");
    return limit(c, next);
  };
}

/**
 * Resolves the tenant from Host or X-Tenant and opens its database (upgrading its schema lazily).
 * Answers 404 tenant_not_found when none is named, 403 tenant_suspended when suspended.
 */
export function requireTenant(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenant = await resolveTenant(c.env, c.req.header("host") ?? new URL(c.req.url).host, c.req.header("x-tenant"));
    if (!tenant) throw new DomainError("tenant_not_found", "Name the tenant by its host or the X-Tenant header");
    if (tenant.status === "suspended") throw new DomainError("tenant_suspended");
    c.set("tenant", tenant);
    c.set("tenantD1", await openTenantDatabase(c.env, tenant));
    await next();
  };
}

/** Requires a valid access token or API key of the resolved tenant; sets the actor. */
export function requireAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get("actor")) return next(); // already authenticated by an overlapping registration
    const tenant = c.get("tenant");
    const d1 = c.get("tenantD1");
    if (!tenant || !d1) throw new DomainError("tenant_not_found");
    c.set("actor", await authenticateRequest(c.env, tenant, d1, c.req.header("authorization"), c.req.header("x-api-key")));
    await next();
  };
}

/** Answers 403 feature_disabled unless the tenant's plan (or an override) enables `feature`. */
export function requireFeature(feature: Feature): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenant = c.get("tenant");
    if (!tenant || !featureEnabled(tenant.plan, tenant.featureOverrides, feature)) {
      throw new DomainError("feature_disabled", `The ${feature} feature is not enabled on this tenant's plan`);
    }
    await next();
  };
}

/** The ServiceContext of an authenticated tenant request. @throws DomainError unauthenticated if middleware did not run. */
export function ctxOf(c: Context<AppEnv>): ServiceContext {
  const tenant = c.get("tenant");
  const d1 = c.get("tenantD1");
  const actor = c.get("actor");
  if (!tenant || !d1 || !actor) throw new DomainError("unauthenticated");
  return serviceContext(c.env, tenant, d1, actor, c.get("requestId"));
}

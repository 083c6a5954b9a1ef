/**
 * Platform administration (control plane): admin login, tenant list, suspend/resume, plan and
 * feature overrides, eager schema upgrades, operator events. Platform admins are not tenant
 * users; their tokens carry tid "platform" and are refused on every tenant route.
 */
import type { MiddlewareHandler } from "hono";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../../platform/auth/password";
import { signAccessToken, verifyAccessToken } from "../../platform/auth/tokens";
import type { AppEnv } from "../../platform/context";
import type { Env } from "../../platform/env";
import { DomainError } from "../../platform/errors";
import { limitLogin } from "../auth/login";
import { rowToTenant } from "./signup";

/** The `tid` claim of platform-admin tokens. */
export const PLATFORM_TENANT_ID = "platform";
/** Platform-admin token lifetime: 1 hour (no refresh token; log in again). */
export const PLATFORM_TOKEN_TTL_SECONDS = 3600;

/** Logs a platform admin in. @throws DomainError rate_limited, invalid_credentials. */
export async function loginPlatformAdmin(
  env: Env,
  email: string,
  password: string,
  clientIp: string,
): Promise<{ accessToken: string; expiresIn: number }> {
  await limitLogin(env, `platform-ip:${clientIp}`);
  const row = await env.PLATFORM_DB.prepare("SELECT id, password_hash FROM platform_admins WHERE email = ?")
    .bind(email.toLowerCase())
    .first<{ id: string; password_hash: string }>();
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!row || !ok) throw new DomainError("invalid_credentials");
  const accessToken = await signAccessToken(
    env,
    { sub: row.id, tid: PLATFORM_TENANT_ID, role: "platform_admin", stores: null },
    PLATFORM_TOKEN_TTL_SECONDS,
  );
  return { accessToken, expiresIn: PLATFORM_TOKEN_TTL_SECONDS };
}

/** Requires a platform-admin token whose admin still exists; sets platformAdminId. */
export function requirePlatformAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new DomainError("unauthenticated");
    const claims = await verifyAccessToken(c.env, token);
    if (claims.tid !== PLATFORM_TENANT_ID || claims.role !== "platform_admin")
      throw new DomainError("forbidden", "Platform administrators only");
    const admin = await c.env.PLATFORM_DB.prepare("SELECT id FROM platform_admins WHERE id = ?").bind(claims.sub).first();
    if (!admin) throw new DomainError("invalid_token");
    c.set("platformAdminId", claims.sub);
    await next();
  };
}

/** Sets a tenant's status (active ↔ suspended), plan or feature overrides. @throws DomainError not_found. */
export async function updateTenantAdmin(
  env: Env,
  tenantId: string,
  change: { status?: "active" | "suspended"; plan?: string; featureOverrides?: Record<string, boolean> },
  adminId: string,
) {
  const before = await env.PLATFORM_DB.prepare("SELECT * FROM tenants WHERE id = ? AND status != 'provisioning'")
    .bind(tenantId)
    .first<Record<string, unknown>>();
  if (!before) throw new DomainError("not_found", "Tenant not found");
  const t = rowToTenant(before);
  const next = {
    status: change.status ?? t.status,
    plan: change.plan ?? t.plan,
    featureOverrides: change.featureOverrides ? JSON.stringify(change.featureOverrides) : t.featureOverrides,
  };
  await env.PLATFORM_DB.batch([
    env.PLATFORM_DB.prepare("UPDATE tenants SET status = ?, plan = ?, feature_overrides = ? WHERE id = ?").bind(
      next.status,
      next.plan,
      next.featureOverrides,
      tenantId,
    ),
    env.PLATFORM_DB.prepare("INSERT INTO platform_events (id, type, detail, occurred_at) VALUES (?, ?, ?, ?)").bind(
      `evt_${crypto.randomUUID().replace(/-/g, "")}`,
      "tenant.updated",
      JSON.stringify({ tenantId, by: adminId, change }),
      new Date().toISOString(),
    ),
  ]);
  return rowToTenant({ ...before, status: next.status, plan: next.plan, feature_overrides: next.featureOverrides });
}

/** Guard used by dev routes: refuse outside development and tests. */
export function assertDevelopment(environment: string): void {
  if (environment !== "development" && environment !== "test") throw new DomainError("not_found", "Not available in this environment");
}

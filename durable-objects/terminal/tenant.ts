/**
 * The tenant side of a terminal connection, seen from inside the store's Durable Object. A socket
 * frame reaches the object directly (no Worker request runs), yet a sale must be priced and taxed
 * from the catalog in the tenant's D1 database exactly as the HTTP checkout does. The object has
 * the Worker's bindings, so it finds the tenant in the control plane (PLATFORM_DB), opens the
 * tenant's pooled database binding, and builds the same ServiceContext a request would get.
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { tenants } from "../../src/db/platform";
import { authenticateRequest } from "../../src/platform/auth/authenticate";
import { can } from "../../src/platform/auth/roles";
import { type Actor, type ServiceContext, serviceContext } from "../../src/platform/context";
import type { Env } from "../../src/platform/env";
import { DomainError } from "../../src/platform/errors";
import { newId } from "../../src/platform/ids";
import { featureEnabled } from "../../src/platform/tenancy/plans";
import { openTenantDatabase } from "../../src/platform/tenancy/resolve";

/** The role a paired terminal acts with when no cashier has signed in on it. */
export const TERMINAL_ROLE = "cashier" as const;

/** The actor of a terminal without a signed-in cashier: limited to its own store. */
export function terminalActor(terminalId: string, storeId: string): Actor {
  // Actor.type has no "terminal": a device credential is, like an API key, a non-human credential.
  return { type: "api_key", id: terminalId, role: TERMINAL_ROLE, storeIds: [storeId] };
}

/**
 * A ServiceContext for `actor` in tenant `tenantId`.
 * @throws DomainError tenant_not_found, tenant_suspended, feature_disabled (pos).
 */
export async function tenantContext(env: Env, tenantId: string, actor: Actor): Promise<ServiceContext> {
  const tenant = await drizzle(env.PLATFORM_DB).select().from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!tenant) throw new DomainError("tenant_not_found");
  if (tenant.status === "suspended") throw new DomainError("tenant_suspended");
  if (!featureEnabled(tenant.plan, tenant.featureOverrides, "pos"))
    throw new DomainError("feature_disabled", "The pos feature is not enabled");
  const d1 = await openTenantDatabase(env, tenant);
  return serviceContext(env, tenant, d1, actor, newId("request"));
}

/**
 * The cashier behind an access token, if they may sell in `storeId`.
 * @throws DomainError invalid_token, tenant_mismatch, store_forbidden, forbidden.
 */
export async function cashierActor(ctx: ServiceContext, token: string, storeId: string): Promise<Actor> {
  const actor = await authenticateRequest(ctx.env, ctx.tenant, ctx.d1, `Bearer ${token}`, undefined);
  if (actor.storeIds !== null && !actor.storeIds.includes(storeId)) throw new DomainError("store_forbidden");
  if (!can(actor.role, "sales.create")) throw new DomainError("forbidden", `A ${actor.role} may not sell`);
  return actor;
}

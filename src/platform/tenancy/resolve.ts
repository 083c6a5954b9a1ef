/**
 * Which tenant a request is for: from the Host (a verified hostname, or `<slug>.<PLATFORM_DOMAIN>`)
 * or, for API clients on the platform host, the X-Tenant header with the slug.
 */
import { and, eq, inArray, or } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { hostnames, tenants } from "../../db/platform";
import { type Env, tenantDatabase } from "../env";
import { DomainError } from "../errors";
import { migrateTenantDatabase } from "./migrate";
import { TENANT_MIGRATIONS, type TenantMigration } from "./migrations.gen";

/** A tenant row of the control plane. */
export type Tenant = typeof tenants.$inferSelect;

/** Lower-cases a Host header value and strips its port: "Demo.localhost:8787" → "demo.localhost". */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

/**
 * The slug named by a platform subdomain, or null when `host` is not `<slug>.<platformDomain>`.
 * Only one label is accepted, so "a.b.localhost" names no tenant.
 */
export function slugFromHost(host: string, platformDomain: string): string | null {
  const suffix = `.${platformDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return null;
  const label = host.slice(0, -suffix.length);
  return /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(label) ? label : null;
}

/**
 * Resolves the tenant of a request.
 * @returns the tenant, or null when the request names none (a platform route on the bare host).
 * @throws DomainError tenant_not_found when the host or header names a tenant that does not exist
 *   (or a custom domain not yet verified); tenant_mismatch when host and X-Tenant disagree.
 */
export async function resolveTenant(env: Env, hostHeader: string, tenantHeader: string | undefined): Promise<Tenant | null> {
  const host = normalizeHost(hostHeader);
  const hostSlug = slugFromHost(host, env.PLATFORM_DOMAIN);
  const headerSlug = tenantHeader?.trim().toLowerCase() || null;
  // One round trip for every way a request can name its tenant (custom hostname, platform
  // subdomain, X-Tenant); which one wins is decided below, in the order the rules give.
  const slugs = [hostSlug, headerSlug].filter((x): x is string => x !== null);
  const rows = await drizzle(env.PLATFORM_DB)
    .select({ tenant: tenants, hostname: hostnames.hostname, state: hostnames.state })
    .from(tenants)
    .leftJoin(hostnames, and(eq(hostnames.tenantId, tenants.id), eq(hostnames.hostname, host)))
    .where(slugs.length ? or(eq(hostnames.hostname, host), inArray(tenants.slug, slugs)) : eq(hostnames.hostname, host))
    .all();
  const bySlug = (slug: string) => rows.find((r) => r.tenant.slug === slug)?.tenant ?? null;

  let byHost: Tenant | null = null;
  const routed = rows.find((r) => r.hostname === host);
  if (routed) {
    if (routed.state !== "verified") throw new DomainError("tenant_not_found", `${host} is not verified yet`);
    byHost = routed.tenant;
  } else if (hostSlug) {
    byHost = bySlug(hostSlug);
    if (!byHost) throw new DomainError("tenant_not_found", `No tenant is served at ${host}`);
  }
  if (!headerSlug) return byHost;
  if (byHost) {
    if (byHost.slug !== headerSlug) throw new DomainError("tenant_mismatch", "X-Tenant names a different tenant than the host");
    return byHost;
  }
  const byHeader = bySlug(headerSlug);
  if (!byHeader) throw new DomainError("tenant_not_found", `No tenant has the slug ${headerSlug}`);
  return byHeader;
}

/**
 * The tenant's D1 database, brought up to the newest schema first if a deploy added migrations
 * since this tenant was last seen (the lazy half of schema upgrades; the eager half is
 * upgradeAllTenants). `migrations` defaults to the bundled ones; tests pass a longer list to
 * stand for a newer deploy.
 * @throws DomainError tenant_not_found for a tenant still provisioning or with no database.
 */
export async function openTenantDatabase(env: Env, tenant: Tenant, migrations: TenantMigration[] = TENANT_MIGRATIONS): Promise<D1Database> {
  const db = tenant.databaseBinding ? tenantDatabase(env, tenant.databaseBinding) : undefined;
  if (!db || tenant.status === "provisioning") throw new DomainError("tenant_not_found", "This tenant is not ready");
  if (tenant.schemaVersion !== (migrations.at(-1)?.name ?? "none")) {
    const { version } = await migrateTenantDatabase(db, migrations);
    await env.PLATFORM_DB.prepare("UPDATE tenants SET schema_version = ? WHERE id = ?").bind(version, tenant.id).run();
    tenant.schemaVersion = version;
  }
  return db;
}

/**
 * Eagerly upgrades every tenant database to the newest bundled schema (run by the platform
 * admin route and the ops command `npm run tenants:migrate`).
 * @returns per tenant: its slug, the migrations applied, or the error met.
 */
export async function upgradeAllTenants(
  env: Env,
  migrations: TenantMigration[] = TENANT_MIGRATIONS,
): Promise<{ slug: string; applied: string[]; error?: string }[]> {
  const all = await drizzle(env.PLATFORM_DB).select().from(tenants).all();
  const out: { slug: string; applied: string[]; error?: string }[] = [];
  for (const t of all) {
    const db = t.databaseBinding ? tenantDatabase(env, t.databaseBinding) : undefined;
    if (!db) continue;
    try {
      const { applied, version } = await migrateTenantDatabase(db, migrations);
      await env.PLATFORM_DB.prepare("UPDATE tenants SET schema_version = ? WHERE id = ?").bind(version, t.id).run();
      out.push({ slug: t.slug, applied });
    } catch (err) {
      out.push({ slug: t.slug, applied: [], error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, signup } from "../../../test/helpers";
import { rowToTenant } from "../../domains/tenants/signup";
import { migrateTenantDatabase } from "./migrate";
import { TENANT_MIGRATIONS } from "./migrations.gen";
import { openTenantDatabase, upgradeAllTenants } from "./resolve";

const probe = { name: "9999_probe", statements: ["CREATE TABLE probe (id TEXT PRIMARY KEY)"] };
const withProbe = [...TENANT_MIGRATIONS, probe];

async function tenantDb(id: string): Promise<D1Database> {
  const b = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(id).first<{ b: string }>();
  return (env as unknown as Record<string, D1Database>)[b?.b ?? ""] as D1Database;
}
const hasProbe = async (db: D1Database) => (await db.prepare("SELECT name FROM sqlite_master WHERE name = 'probe'").first()) !== null;

describe("tenant schema upgrades", () => {
  it("bundles exactly the SQL in migrations/tenant", () => {
    // Compare as text without white space, semicolons and drizzle's breakpoint markers.
    const norm = (sql: string) => sql.replace(/--> statement-breakpoint/g, "").replace(/[\s;]+/g, "");
    const files = env.TENANT_MIGRATION_FILES.map((m) => ({ name: m.name.replace(/\.sql$/, ""), sql: norm(m.queries.join("")) }));
    const bundled = TENANT_MIGRATIONS.map((m) => ({ name: m.name, sql: norm(m.statements.join("")) }));
    expect(bundled).toEqual(files);
  });

  it("reaches every tenant database eagerly and records the version", async () => {
    const tenants = await Promise.all([signup(), signup(), signup()]);
    const results = await upgradeAllTenants(env, withProbe);
    for (const t of tenants) {
      expect(results.find((r) => r.slug === t.slug)?.applied).toEqual(["9999_probe"]);
      expect(await hasProbe(await tenantDb(t.id))).toBe(true);
    }
    const versions = await env.PLATFORM_DB.prepare("SELECT DISTINCT schema_version AS v FROM tenants").all<{ v: string }>();
    expect(versions.results.map((r) => r.v)).toEqual(["9999_probe"]);
    // Running again applies nothing.
    expect((await upgradeAllTenants(env, withProbe)).every((r) => r.applied.length === 0)).toBe(true);
  });

  it("reaches a tenant lazily on its first request after a deploy", async () => {
    const t = await signup();
    const row = await env.PLATFORM_DB.prepare("SELECT * FROM tenants WHERE id = ?").bind(t.id).first<Record<string, unknown>>();
    const db = await openTenantDatabase(env, rowToTenant(row ?? {}), withProbe);
    expect(await hasProbe(db)).toBe(true);
    const v = await env.PLATFORM_DB.prepare("SELECT schema_version AS v FROM tenants WHERE id = ?").bind(t.id).first<{ v: string }>();
    expect(v?.v).toBe("9999_probe");
    // The normal request path brings a stale stamp back to the bundled schema without harm.
    await env.PLATFORM_DB.prepare("UPDATE tenants SET schema_version = NULL WHERE id = ?").bind(t.id).run();
    expect((await call("GET", "/v1/me", { host: t.host, token: t.accessToken })).status).toBe(200);
  });

  it("applies a migration once when two requests race", async () => {
    const t = await signup();
    const db = await tenantDb(t.id);
    const [a, b] = await Promise.all([migrateTenantDatabase(db, withProbe), migrateTenantDatabase(db, withProbe)]);
    expect([...a.applied, ...b.applied]).toEqual(["9999_probe"]);
  });
});

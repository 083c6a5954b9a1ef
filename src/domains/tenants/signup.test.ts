import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup, uniqueSlug } from "../../../test/helpers";

describe("POST /v1/signup", () => {
  it("creates a tenant with its own database and answers a working token pair", async () => {
    const t = await signup();
    const row = await env.PLATFORM_DB.prepare("SELECT status, database_binding FROM tenants WHERE id = ?")
      .bind(t.id)
      .first<{ status: string; database_binding: string }>();
    expect(row?.status).toBe("active");
    expect(row?.database_binding).toMatch(/^TENANT_DB_\d+$/);
    const me = await call("GET", "/v1/me", { host: t.host, token: t.accessToken });
    expect(me.status).toBe(200);
    expect((await json(me)).email).toBe(t.ownerEmail);
  });

  it("refuses a taken slug with 409 slug_taken", async () => {
    const t = await signup();
    const res = await call("POST", "/v1/signup", {
      body: {
        slug: t.slug,
        legalName: "X",
        country: "GB",
        currency: "GBP",
        timeZone: "Europe/London",
        taxRegime: "none",
        owner: { name: "A", email: "a@b.example", password: "long enough pw" },
      },
    });
    expect((await problem(res)).code).toBe("slug_taken");
    expect(res.status).toBe(409);
  });

  it("names the failing fields of an invalid body", async () => {
    const res = await call("POST", "/v1/signup", {
      body: { slug: "X!", country: "India", taxRegime: "gst", gstin: "27AAPFU0939F1ZA", owner: {} },
    });
    const p = await problem(res);
    expect(res.status).toBe(400);
    expect(p.contentType).toBe("application/problem+json");
    const paths = p.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["slug", "country", "owner.email"]));
  });

  it("gives two concurrent signups two different databases", async () => {
    const [a, b] = await Promise.all([signup({ slug: uniqueSlug("ca") }), signup({ slug: uniqueSlug("cb") })]);
    const rows = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id IN (?, ?)")
      .bind(a.id, b.id)
      .all<{ b: string }>();
    expect(new Set(rows.results.map((r) => r.b)).size).toBe(2);
  });
});

describe("signup failures", () => {
  it("answers 503 tenant_pool_exhausted when no database is free, with an operator event, and writes no tenant", async () => {
    await signup(); // make sure the pool is registered
    await env.PLATFORM_DB.prepare("UPDATE database_pool SET state = 'claimed', tenant_id = 'ten_other' WHERE state = 'free'").run();
    const before = await env.PLATFORM_DB.prepare("SELECT count(*) AS n FROM tenants").first<{ n: number }>();
    const slug = uniqueSlug("full");
    const res = await call("POST", "/v1/signup", {
      body: {
        slug,
        legalName: "Full",
        country: "GB",
        currency: "GBP",
        timeZone: "Europe/London",
        taxRegime: "vat",
        owner: { name: "A", email: "a@full.example", password: "long enough pw" },
      },
    });
    expect(res.status).toBe(503);
    expect((await problem(res)).code).toBe("tenant_pool_exhausted");
    const after = await env.PLATFORM_DB.prepare("SELECT count(*) AS n FROM tenants").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    const event = await env.PLATFORM_DB.prepare("SELECT type FROM platform_events WHERE type = 'tenant_pool.exhausted'").first();
    expect(event).not.toBeNull();
    await env.PLATFORM_DB.prepare("UPDATE database_pool SET state = 'free', tenant_id = NULL WHERE tenant_id = 'ten_other'").run();
  });

  it("leaves nothing behind when the claimed database cannot be prepared, and the slug stays free", async () => {
    await signup();
    const next = await env.PLATFORM_DB.prepare(
      "SELECT binding FROM database_pool WHERE state = 'free' ORDER BY CAST(substr(binding, 11) AS INTEGER) LIMIT 1",
    ).first<{ binding: string }>();
    const binding = next?.binding ?? "";
    // Sabotage the next database: a table in the way of the tenant schema.
    const db = (env as unknown as Record<string, D1Database>)[binding] as D1Database;
    await db.prepare("CREATE TABLE users (conflicting TEXT)").run();
    const slug = uniqueSlug("fail");
    const body = {
      slug,
      legalName: "F",
      country: "GB",
      currency: "GBP",
      timeZone: "Europe/London",
      taxRegime: "none",
      owner: { name: "A", email: "a@fail.example", password: "long enough pw" },
    };
    const res = await call("POST", "/v1/signup", { body });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await env.PLATFORM_DB.prepare("SELECT 1 FROM tenants WHERE slug = ?").bind(slug).first()).toBeNull();
    expect(await env.PLATFORM_DB.prepare("SELECT 1 FROM hostnames WHERE hostname LIKE ?").bind(`${slug}.%`).first()).toBeNull();
    const pool = await env.PLATFORM_DB.prepare("SELECT state, tenant_id FROM database_pool WHERE binding = ?")
      .bind(binding)
      .first<{ state: string; tenant_id: string | null }>();
    expect(pool).toEqual({ state: "broken", tenant_id: null });
    // The same signup now succeeds on another database.
    const retry = await call("POST", "/v1/signup", { body });
    expect(retry.status).toBe(201);
    expect((await json(retry)).tenant.slug).toBe(slug);
  });
});

describe("tenant resolution", () => {
  it("serves a tenant by its platform subdomain and by X-Tenant, and suspends it for every route", async () => {
    const t = await signup();
    expect((await call("GET", "/v1/me", { host: `${t.slug}.localhost:8787`, token: t.accessToken })).status).toBe(200);
    expect((await call("GET", "/v1/me", { headers: { "x-tenant": t.slug }, token: t.accessToken })).status).toBe(200);
    await env.PLATFORM_DB.prepare("UPDATE tenants SET status = 'suspended' WHERE id = ?").bind(t.id).run();
    const res = await call("GET", "/v1/me", { host: t.host, token: t.accessToken });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe("tenant_suspended");
    expect((await call("POST", "/v1/auth/login", { host: t.host, body: { email: t.ownerEmail, password: t.ownerPassword } })).status).toBe(
      403,
    );
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup, uniqueSlug } from "../../../test/helpers";

describe("POST /v1/signup", () => {
  it("creates a tenant with its own database and answers a working token pair", async () => {
    const t = await signup();
    const row = await env.PLATFORM_DB.prepare("SELECT status, database_binding FROM tenants WHERE id = ?").bind(t.id).first<{ status: string; database_binding: string }>();
    expect(row?.status).toBe("active");
    expect(row?.database_binding).toMatch(/^TENANT_DB_\d+$/);
    const me = await call("GET", "/v1/me", { host: t.host, token: t.accessToken });
    expect(me.status).toBe(200);
    expect((await json(me)).email).toBe(t.ownerEmail);
  });

  it("refuses a taken slug with 409 slug_taken", async () => {
    const t = await signup();
    const res = await call("POST", "/v1/signup", {
      body: { slug: t.slug, legalName: "X", country: "GB", currency: "GBP", timeZone: "Europe/London", taxRegime: "none", owner: { name: "A", email: "a@b.example", password: "long enough pw" } },
    });
    expect((await problem(res)).code).toBe("slug_taken");
    expect(res.status).toBe(409);
  });

  it("names the failing fields of an invalid body", async () => {
    const res = await call("POST", "/v1/signup", { body: { slug: "X!", country: "India", taxRegime: "gst", gstin: "27AAPFU0939F1ZA", owner: {} } });
    const p = await problem(res);
    expect(res.status).toBe(400);
    expect(p.contentType).toBe("application/problem+json");
    const paths = p.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["slug", "country", "owner.email"]));
  });

  it("gives two concurrent signups two different databases", async () => {
    const [a, b] = await Promise.all([signup({ slug: uniqueSlug("ca") }), signup({ slug: uniqueSlug("cb") })]);
    const rows = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id IN (?, ?)").bind(a.id, b.id).all<{ b: string }>();
    expect(new Set(rows.results.map((r) => r.b)).size).toBe(2);
  });
});

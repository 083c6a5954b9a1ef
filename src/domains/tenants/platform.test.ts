import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";
import { hashPassword } from "../../platform/auth/password";

async function adminToken(): Promise<string> {
  await env.PLATFORM_DB.prepare("INSERT OR IGNORE INTO platform_admins (id, email, password_hash) VALUES ('adm_1', 'ops@edgetill.test', ?)")
    .bind(await hashPassword("platform admin pw"))
    .run();
  const res = await call("POST", "/v1/platform/auth/login", { body: { email: "ops@edgetill.test", password: "platform admin pw" } });
  return (await json(res)).accessToken;
}

describe("platform administration", () => {
  it("lists, suspends and resumes tenants", async () => {
    const t = await signup();
    const token = await adminToken();
    const list = await json(await call("GET", "/v1/platform/tenants?limit=200", { token }));
    expect(list.items.map((x: { slug: string }) => x.slug)).toContain(t.slug);
    expect((await call("POST", `/v1/platform/tenants/${t.id}/suspend`, { token })).status).toBe(200);
    expect((await problem(await call("GET", "/v1/me", { host: t.host, token: t.accessToken }))).code).toBe("tenant_suspended");
    expect((await call("POST", `/v1/platform/tenants/${t.id}/resume`, { token })).status).toBe(200);
    expect((await call("GET", "/v1/me", { host: t.host, token: t.accessToken })).status).toBe(200);
  });

  it("turns features on and off by plan and override", async () => {
    const t = await signup({ plan: "starter" });
    const token = await adminToken();
    expect((await call("GET", "/v1/domains", { host: t.host, token: t.accessToken })).status).toBe(403);
    await call("PATCH", `/v1/platform/tenants/${t.id}`, { token, body: { featureOverrides: { custom_domains: true } } });
    expect((await call("GET", "/v1/domains", { host: t.host, token: t.accessToken })).status).toBe(200);
  });

  it("refuses tenant tokens and anonymous callers on platform routes, and platform tokens on tenant routes", async () => {
    const t = await signup();
    expect((await call("GET", "/v1/platform/tenants", { token: t.accessToken })).status).toBe(403);
    expect((await call("GET", "/v1/platform/tenants")).status).toBe(401);
    const token = await adminToken();
    expect((await call("GET", "/v1/me", { host: t.host, token })).status).toBe(403);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";

describe("API keys", () => {
  it("shows a key once, stores only its hash, authenticates with it, and stops at revocation", async () => {
    const t = await signup();
    const created = await json(
      await call("POST", "/v1/api-keys", { host: t.host, token: t.accessToken, body: { name: "shopify sync", role: "store_manager" } }),
    );
    expect(created.key).toMatch(/^et_/);
    const binding =
      (await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>())?.b ?? "";
    const db = (env as unknown as Record<string, D1Database>)[binding] as D1Database;
    const stored = await db.prepare("SELECT * FROM api_keys WHERE id = ?").bind(created.id).first<Record<string, string>>();
    expect(JSON.stringify(stored)).not.toContain(created.key);

    expect((await call("GET", "/v1/stores", { host: t.host, token: created.key })).status).toBe(200);
    expect((await call("GET", "/v1/stores", { host: t.host, headers: { "x-api-key": created.key } })).status).toBe(200);
    const listed = await json(await call("GET", "/v1/api-keys", { host: t.host, token: t.accessToken }));
    expect(JSON.stringify(listed)).not.toContain(created.key);

    expect((await call("DELETE", `/v1/api-keys/${created.id}`, { host: t.host, token: t.accessToken })).status).toBe(200);
    const after = await call("GET", "/v1/stores", { host: t.host, token: created.key });
    expect(after.status).toBe(401);
  });

  it("refuses a key of one tenant on another", async () => {
    const a = await signup();
    const b = await signup();
    const { key } = await json(
      await call("POST", "/v1/api-keys", { host: a.host, token: a.accessToken, body: { name: "k", role: "cashier" } }),
    );
    expect((await call("GET", "/v1/stores", { host: b.host, token: key })).status).toBe(401);
  });

  it("answers 403 feature_disabled on a plan without API keys", async () => {
    const t = await signup({ plan: "starter" });
    const res = await call("POST", "/v1/api-keys", { host: t.host, token: t.accessToken, body: { name: "k", role: "cashier" } });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe("feature_disabled");
  });
});

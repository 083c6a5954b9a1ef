import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";
import { cloudflareHostnameProvider } from "./hostname-provider";

describe("custom domains", () => {
  it("routes a custom domain only once its TXT record is verified", async () => {
    const t = await signup();
    const added = await call("POST", "/v1/domains", { host: t.host, token: t.accessToken, body: { hostname: "shop.sharma.example" } });
    expect(added.status).toBe(201);
    const d = await json(added);
    expect(d.state).toBe("pending");
    expect(d.verification.name).toBe("_edgetill.shop.sharma.example");

    // Pending: the domain does not route yet.
    expect((await call("GET", "/v1/me", { host: "shop.sharma.example", token: t.accessToken })).status).toBe(404);
    // Verify before publishing: still pending.
    expect((await json(await call("POST", "/v1/domains/shop.sharma.example/verify", { host: t.host, token: t.accessToken }))).state).toBe(
      "pending",
    );
    // Publish the TXT record (local DNS stand-in), verify, and it routes.
    await call("PUT", "/v1/dev/dns", {
      host: t.host,
      token: t.accessToken,
      body: { name: d.verification.name, value: d.verification.value },
    });
    expect((await json(await call("POST", "/v1/domains/shop.sharma.example/verify", { host: t.host, token: t.accessToken }))).state).toBe(
      "verified",
    );
    const me = await call("GET", "/v1/me", { host: "shop.sharma.example", token: t.accessToken });
    expect(me.status).toBe(200);
    expect((await json(me)).tenant.slug).toBe(t.slug);
  });

  it("refuses a hostname another tenant holds", async () => {
    const a = await signup();
    const b = await signup();
    await call("POST", "/v1/domains", { host: a.host, token: a.accessToken, body: { hostname: "taken.example.com" } });
    const res = await call("POST", "/v1/domains", { host: b.host, token: b.accessToken, body: { hostname: "taken.example.com" } });
    expect((await problem(res)).code).toBe("hostname_taken");
    // And b cannot see or verify a's domain.
    expect((await call("POST", "/v1/domains/taken.example.com/verify", { host: b.host, token: b.accessToken })).status).toBe(404);
  });
});

describe("Cloudflare for SaaS adapter", () => {
  // Recorded shapes of the Cloudflare API v4 custom hostname answers (no network in tests).
  const created = {
    success: true,
    errors: [],
    result: {
      id: "0d89c70d-ad9f-4843-b99f-6cc0252067e9",
      hostname: "shop.example.com",
      status: "pending",
      ssl: { status: "pending_validation", method: "txt", type: "dv" },
      ownership_verification: { type: "txt", name: "_cf-custom-hostname.shop.example.com", value: "5cc07c04-ea62-4a5a-95f0-419334a875a4" },
    },
  };
  const active = { ...created, result: { ...created.result, status: "active", ssl: { status: "active", method: "txt", type: "dv" } } };

  it("registers a hostname and reports verified once Cloudflare says active", async () => {
    const seen: { url: string; method: string; auth: string | null }[] = [];
    let answer: unknown = created;
    const fetcher = (async (url: string, init: RequestInit) => {
      seen.push({ url, method: init.method ?? "GET", auth: new Headers(init.headers).get("authorization") });
      return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    const p = cloudflareHostnameProvider({ apiToken: "test-token", zoneId: "zone123", fetcher });
    const reg = await p.register("shop.example.com", "ignored");
    expect(reg.providerId).toBe(created.result.id);
    expect(reg.record).toEqual({
      type: "TXT",
      name: "_cf-custom-hostname.shop.example.com",
      value: created.result.ownership_verification.value,
    });
    expect(seen[0]).toEqual({
      url: "https://api.cloudflare.com/client/v4/zones/zone123/custom_hostnames",
      method: "POST",
      auth: "Bearer test-token",
    });
    expect(await p.check("shop.example.com", "", reg.providerId)).toBe("pending");
    answer = active;
    expect(await p.check("shop.example.com", "", reg.providerId)).toBe("verified");
  });
});

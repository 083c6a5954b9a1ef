import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, signup, staff, type TestTenant } from "../../../test/helpers";
import { EVENT_CATALOGUE } from "../../platform/events/catalogue";
import { consumeEvents } from "../../platform/events/consumer";
import { type Fetcher, retryDueWebhooks, WEBHOOK_MAX_ATTEMPTS, webhookConsumer } from "./deliver";
import { verifySignature } from "./signature";
import { assertDeliverableUrl } from "./verbs";

/** A local fake endpoint: records each request and answers from `statuses` (last one repeats). */
function fakeEndpoint(statuses: number[]) {
  const requests: { url: string; headers: Headers; body: string }[] = [];
  const fetcher: Fetcher = async (url, init) => {
    requests.push({ url, headers: new Headers(init.headers), body: String(init.body) });
    const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
    return new Response(status === 200 ? "ok" : "nope", { status });
  };
  return { fetcher, requests };
}

let n = 0;
function lowEvent(tenantId: string) {
  n++;
  return {
    eventId: `evt_wh_${Date.now()}_${n}`,
    tenantId,
    storeId: "str_wh",
    type: "stock.low",
    version: 1,
    occurredAt: new Date().toISOString(),
    payload: EVENT_CATALOGUE["stock.low"].example,
  };
}

async function deliver(fetcher: Fetcher, bodies: unknown[], nowMs?: () => number) {
  const batch = createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `w${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await consumeEvents(batch, env, [webhookConsumer(fetcher, nowMs)]);
  return getQueueResult(batch, ctx);
}

async function tenantDb(t: TestTenant): Promise<D1Database> {
  const b = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
  return (env as unknown as Record<string, D1Database>)[b?.b ?? ""] as D1Database;
}

async function createHook(t: TestTenant, eventTypes = ["stock.low"]) {
  const res = await call("POST", "/v1/webhooks", {
    host: t.host,
    token: t.accessToken,
    body: { url: "https://hooks.example.test/edgetill", eventTypes },
  });
  expect(res.status).toBe(201);
  return json(res);
}

/** Hex HMAC-SHA256 computed straight on WebCrypto, independent of the signing code. */
async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("webhook endpoints", () => {
  it("shows the signing secret once and never lists it", async () => {
    const t = await signup();
    const hook = await createHook(t);
    expect(hook.secret).toMatch(/^whsec_/);
    const list = await json(await call("GET", "/v1/webhooks", { host: t.host, token: t.accessToken }));
    expect(list.items).toEqual([
      { id: hook.id, url: hook.url, eventTypes: ["stock.low"], description: null, createdAt: hook.createdAt, deletedAt: null },
    ]);
    expect(JSON.stringify(list)).not.toContain(hook.secret);
    const audit = await json(await call("GET", `/v1/audit?entityId=${hook.id}`, { host: t.host, token: t.accessToken }));
    expect(audit.items[0].action).toBe("webhook.created");
    expect(JSON.stringify(audit)).not.toContain(hook.secret);
  });

  it("refuses unknown event types, non-http urls, roles without webhooks.manage, other tenants and plans without webhooks", async () => {
    const t = await signup();
    const bad = (body: unknown) => call("POST", "/v1/webhooks", { host: t.host, token: t.accessToken, body });
    expect((await bad({ url: "https://x.example/h", eventTypes: ["nope.never"] })).status).toBe(400);
    expect((await bad({ url: "ftp://x.example/h", eventTypes: ["*"] })).status).toBe(400);
    const manager = await staff(t, "store_manager");
    expect((await call("GET", "/v1/webhooks", { host: t.host, token: manager.token })).status).toBe(403);
    expect((await call("GET", "/v1/webhooks", { host: t.host })).status).toBe(401);
    const other = await signup();
    expect((await call("GET", "/v1/webhooks", { host: other.host, token: t.accessToken })).status).toBe(403);
    const starter = await signup({ plan: "starter" });
    expect((await call("GET", "/v1/webhooks", { host: starter.host, token: starter.accessToken })).status).toBe(403);
  });

  it("allows only public https urls in production", () => {
    expect(() => assertDeliverableUrl("http://hooks.example.com/x", "production")).toThrow();
    expect(() => assertDeliverableUrl("https://localhost/x", "production")).toThrow();
    expect(() => assertDeliverableUrl("https://10.1.2.3/x", "production")).toThrow();
    expect(() => assertDeliverableUrl("https://user:pw@hooks.example.com/x", "production")).toThrow();
    expect(() => assertDeliverableUrl("https://hooks.example.com/x", "production")).not.toThrow();
  });
});

describe("webhook delivery", () => {
  it("signs each delivery so it verifies with the documented scheme on plain WebCrypto", async () => {
    const t = await signup();
    const hook = await createHook(t);
    const endpoint = fakeEndpoint([200]);
    const event = lowEvent(t.id);
    const r = await deliver(endpoint.fetcher, [event]);
    expect(r.explicitAcks).toHaveLength(1);
    expect(endpoint.requests).toHaveLength(1);
    const req = endpoint.requests[0]!;
    expect(req.url).toBe("https://hooks.example.test/edgetill");
    expect(JSON.parse(req.body)).toEqual(event);
    expect(req.headers.get("edgetill-event-id")).toBe(event.eventId);
    // Edgetill-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
    const sig = req.headers.get("edgetill-signature") ?? "";
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
    expect(m).not.toBeNull();
    const [, ts, v1] = m!;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(await hmacHex(hook.secret, `${ts}.${req.body}`)).toBe(v1);
    expect(await hmacHex("whsec_wrong", `${ts}.${req.body}`)).not.toBe(v1);
    // The receiver helper agrees, and refuses a tampered body or a stale timestamp.
    expect(await verifySignature(hook.secret, sig, req.body, Number(ts))).toBe(true);
    expect(await verifySignature(hook.secret, sig, `${req.body} `, Number(ts))).toBe(false);
    expect(await verifySignature(hook.secret, sig, req.body, Number(ts) + 3600)).toBe(false);
  });

  it("retries a failing endpoint with backoff and logs every attempt", async () => {
    const t = await signup();
    const hook = await createHook(t, ["*"]);
    const endpoint = fakeEndpoint([500, 200]);
    const t0 = Date.now();
    const event = lowEvent(t.id);
    await deliver(endpoint.fetcher, [event], () => t0);
    const log1 = await json(await call("GET", `/v1/webhooks/${hook.id}/deliveries`, { host: t.host, token: t.accessToken }));
    expect(log1.items).toHaveLength(1);
    expect(log1.items[0]).toMatchObject({ eventId: event.eventId, status: "pending", nextAttemptAt: new Date(t0 + 60_000).toISOString() });
    expect(log1.items[0].attempts).toMatchObject([{ attempt: 1, statusCode: 500, error: "HTTP 500" }]);

    // A redelivered event makes no new attempt; nothing is due before the backoff.
    await deliver(endpoint.fetcher, [event], () => t0);
    const db = await tenantDb(t);
    expect(await retryDueWebhooks(db, endpoint.fetcher, t0 + 30_000)).toBe(0);
    expect(endpoint.requests).toHaveLength(1);

    expect(await retryDueWebhooks(db, endpoint.fetcher, t0 + 61_000)).toBe(1);
    const log2 = await json(await call("GET", `/v1/webhooks/${hook.id}/deliveries`, { host: t.host, token: t.accessToken }));
    expect(log2.items[0]).toMatchObject({ status: "succeeded", nextAttemptAt: null });
    expect(log2.items[0].attempts.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(endpoint.requests[1]!.body).toBe(endpoint.requests[0]!.body);
  });

  it("gives up after the last retry, and stops delivering to a deleted endpoint", async () => {
    const t = await signup();
    const hook = await createHook(t);
    const down = fakeEndpoint([503]);
    const t0 = Date.now();
    await deliver(down.fetcher, [lowEvent(t.id)], () => t0);
    const db = await tenantDb(t);
    for (let i = 1; i < WEBHOOK_MAX_ATTEMPTS; i++) await retryDueWebhooks(db, down.fetcher, t0 + i * 3 * 86_400_000);
    const log = await json(await call("GET", `/v1/webhooks/${hook.id}/deliveries`, { host: t.host, token: t.accessToken }));
    expect(log.items[0].status).toBe("failed");
    expect(log.items[0].attempts).toHaveLength(WEBHOOK_MAX_ATTEMPTS);

    expect((await call("DELETE", `/v1/webhooks/${hook.id}`, { host: t.host, token: t.accessToken })).status).toBe(200);
    const after = fakeEndpoint([200]);
    await deliver(after.fetcher, [lowEvent(t.id)]);
    expect(after.requests).toHaveLength(0);
    expect((await call("DELETE", `/v1/webhooks/${hook.id}`, { host: t.host, token: t.accessToken })).status).toBe(404);
  });

  it("sends an endpoint only the types it subscribed to", async () => {
    const t = await signup();
    await createHook(t, ["stock.transfer_approved"]);
    const endpoint = fakeEndpoint([200]);
    await deliver(endpoint.fetcher, [lowEvent(t.id)]);
    expect(endpoint.requests).toHaveLength(0);
  });
});

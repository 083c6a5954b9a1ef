/**
 * Idempotency-Key for writes a client may retry (the IETF httpapi draft
 * "The Idempotency-Key HTTP Header Field"). The same key with the same request replays the first
 * answer; the same key with another request answers 422; a key whose first request is still in
 * flight answers 409. Keys are scoped to the actor, so two clients cannot collide. Answers of
 * 409, 429 and 5xx are not kept (the state may change; the client should be able to retry).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { sha256Hex } from "../crypto";
import { DomainError } from "../errors";

/** How long a stored answer is replayed: 24 hours (Stripe's window). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const KEPT = (status: number) => status < 500 && status !== 409 && status !== 429;

/**
 * @param opts.store "tenant" keeps keys in the tenant database (after requireAuth);
 *   "platform" in the control plane (signup, before a tenant exists).
 * @param opts.required answer 400 idempotency_key_required when the header is missing.
 */
export function idempotency(opts: { store: "tenant" | "platform"; required?: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "POST" && c.req.method !== "PATCH" && c.req.method !== "PUT" && c.req.method !== "DELETE") return next();
    const key = c.req.header("idempotency-key");
    // Hono's "/x/*" also matches "/x", so overlapping registrations must not run this twice; a
    // later registration that requires the key still refuses a request without one.
    if (c.get("idempotencyTaken")) {
      if (opts.required && !key) throw new DomainError("idempotency_key_required");
      return next();
    }
    c.set("idempotencyTaken", true);
    if (!key) {
      if (opts.required) throw new DomainError("idempotency_key_required");
      return next();
    }
    if (key.length < 8 || key.length > 200) {
      throw new DomainError("validation_failed", "Idempotency-Key must be 8 to 200 characters", {
        fields: [{ path: "Idempotency-Key", message: "8 to 200 characters" }],
      });
    }
    const db = opts.store === "tenant" ? c.get("tenantD1") : c.env.PLATFORM_DB;
    if (!db) throw new DomainError("tenant_not_found");
    const scope = opts.store === "tenant" ? (c.get("actor")?.id ?? "anonymous") : "platform";
    const id = `${scope}:${key}`;
    const body = await c.req.text();
    const requestHash = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${body}`);
    const now = Date.now();

    // Expired keys are forgotten so the key can be used afresh; forgetting and claiming go in one
    // round trip (a D1 batch runs in order, atomically).
    const [, claimed] = await db.batch([
      db
        .prepare("DELETE FROM idempotency_keys WHERE key = ? AND created_at < ?")
        .bind(id, new Date(now - IDEMPOTENCY_TTL_MS).toISOString()),
      db
        .prepare("INSERT OR IGNORE INTO idempotency_keys (key, request_hash, created_at) VALUES (?, ?, ?)")
        .bind(id, requestHash, new Date(now).toISOString()),
    ]);
    if (claimed?.meta.changes === 0) {
      const prior = await db
        .prepare("SELECT request_hash, status, response FROM idempotency_keys WHERE key = ?")
        .bind(id)
        .first<{ request_hash: string; status: number | null; response: string | null }>();
      if (prior && prior.request_hash !== requestHash) throw new DomainError("idempotency_key_reused");
      if (!prior || prior.status === null) throw new DomainError("idempotency_in_progress");
      const headers = new Headers({ "content-type": "application/json", "idempotent-replayed": "true" });
      if (prior.status >= 400) headers.set("content-type", "application/problem+json");
      return new Response(prior.response, { status: prior.status, headers }) as unknown as void;
    }

    try {
      await next();
    } catch (err) {
      await db.prepare("DELETE FROM idempotency_keys WHERE key = ?").bind(id).run();
      throw err;
    }
    const status = c.res.status;
    if (KEPT(status)) {
      const text = await c.res.clone().text();
      await db.prepare("UPDATE idempotency_keys SET status = ?, response = ? WHERE key = ?").bind(status, text, id).run();
    } else {
      await db.prepare("DELETE FROM idempotency_keys WHERE key = ?").bind(id).run();
    }
  };
}

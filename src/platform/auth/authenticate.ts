/**
 * Turns request credentials into an Actor. Access tokens must be EdDSA-signed by us, unexpired,
 * and issued for this tenant (a token of tenant A on tenant B's host or X-Tenant is refused);
 * the user must still exist and be active, and its current role and stores are read from the
 * tenant database so a demotion takes effect at once. API keys are looked up by hash.
 */
import type { Actor } from "../context";
import type { Env } from "../env";
import { DomainError } from "../errors";
import type { Tenant } from "../tenancy/resolve";
import { API_KEY_MARKER, hashApiKey } from "./api-keys";
import type { Role } from "./roles";
import { verifyAccessToken } from "./tokens";

function parseStores(json: string | null): string[] | null {
  return json ? (JSON.parse(json) as string[]) : null;
}

/**
 * @param authorization the Authorization header ("Bearer <jwt or api key>").
 * @param apiKeyHeader the X-API-Key header, an alternative for API keys.
 * @throws DomainError unauthenticated (no credentials), invalid_token, tenant_mismatch.
 */
export async function authenticateRequest(
  env: Env,
  tenant: Tenant,
  d1: D1Database,
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): Promise<Actor> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const credential = bearer ?? apiKeyHeader;
  if (!credential) throw new DomainError("unauthenticated");

  if (credential.startsWith(API_KEY_MARKER)) {
    const row = await d1
      .prepare("SELECT id, role, store_ids, revoked_at FROM api_keys WHERE key_hash = ?")
      .bind(await hashApiKey(credential))
      .first<{ id: string; role: Role; store_ids: string | null; revoked_at: string | null }>();
    if (!row || row.revoked_at) throw new DomainError("invalid_token");
    await d1.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?").bind(new Date().toISOString(), row.id).run();
    return { type: "api_key", id: row.id, role: row.role, storeIds: parseStores(row.store_ids) };
  }

  const claims = await verifyAccessToken(env, credential);
  if (claims.tid !== tenant.id) throw new DomainError("tenant_mismatch");
  const user = await d1
    .prepare("SELECT id, role, store_ids, status FROM users WHERE id = ?")
    .bind(claims.sub)
    .first<{ id: string; role: Role; store_ids: string | null; status: string }>();
  if (!user || user.status !== "active") throw new DomainError("invalid_token");
  return { type: "user", id: user.id, role: user.role, storeIds: parseStores(user.store_ids) };
}

/**
 * Sessions: an access token (short-lived JWT) plus an opaque refresh token. Refresh tokens are
 * stored as SHA-256 hashes, belong to a family (one login), and rotate on every use; presenting
 * a used or revoked token revokes the whole family (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 */

import type { Role } from "../../platform/auth/roles";
import { DEFAULT_ACCESS_TTL_SECONDS, signAccessToken } from "../../platform/auth/tokens";
import { randomToken, sha256Hex } from "../../platform/crypto";
import type { Env } from "../../platform/env";
import { DomainError } from "../../platform/errors";
import { newId, nowIso } from "../../platform/ids";

/** Refresh-token lifetime: 30 days. */
export const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A token pair as answered by signup, login and refresh. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  tokenType: "Bearer";
}

/** The subject a session is issued to. */
export interface SessionUser {
  id: string;
  role: Role;
  storeIds: string[] | null;
}

/** Access-token lifetime from ACCESS_TOKEN_TTL_SECONDS, or 15 minutes. */
export function accessTtl(env: Env): number {
  const n = Number(env.ACCESS_TOKEN_TTL_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_ACCESS_TTL_SECONDS;
}

/** Statement inserting a refresh token of `familyId` and the token to hand out. */
async function refreshStatement(d1: D1Database, userId: string, familyId: string): Promise<{ token: string; stmt: D1PreparedStatement }> {
  const token = randomToken(32);
  const stmt = d1
    .prepare("INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)")
    .bind(newId("token"), familyId, userId, await sha256Hex(token), new Date(Date.now() + REFRESH_TTL_MS).toISOString());
  return { token, stmt };
}

/** Starts a new session (a new refresh-token family) for `user` of tenant `tenantId`. */
export async function issueSession(env: Env, d1: D1Database, tenantId: string, user: SessionUser): Promise<TokenPair> {
  const { token, stmt } = await refreshStatement(d1, user.id, newId("family"));
  await stmt.run();
  const ttl = accessTtl(env);
  const accessToken = await signAccessToken(env, { sub: user.id, tid: tenantId, role: user.role, stores: user.storeIds }, ttl);
  return { accessToken, refreshToken: token, expiresIn: ttl, tokenType: "Bearer" };
}

/**
 * Rotates a refresh token: marks it used and issues the next of its family.
 * @throws DomainError invalid_token when unknown, expired, used (then the family is revoked),
 *   revoked, or the user is no longer active.
 */
export async function rotateSession(env: Env, d1: D1Database, tenantId: string, presented: string): Promise<TokenPair> {
  const hash = await sha256Hex(presented);
  const row = await d1
    .prepare(
      `SELECT t.id, t.family_id, t.user_id, t.expires_at, t.used_at, t.revoked_at, u.role, u.store_ids, u.status
       FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    )
    .bind(hash)
    .first<{
      id: string;
      family_id: string;
      user_id: string;
      expires_at: string;
      used_at: string | null;
      revoked_at: string | null;
      role: Role;
      store_ids: string | null;
      status: string;
    }>();
  if (!row) throw new DomainError("invalid_token");
  if (row.used_at || row.revoked_at) {
    await revokeFamily(d1, row.family_id);
    throw new DomainError("invalid_token", "This refresh token was already used; every session of its family is revoked");
  }
  if (row.expires_at < nowIso() || row.status !== "active") throw new DomainError("invalid_token");
  // Conditional update: of two concurrent uses of one token only one wins; the loser revokes the family.
  const { token, stmt } = await refreshStatement(d1, row.user_id, row.family_id);
  const [used] = await d1.batch([
    d1.prepare("UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL").bind(nowIso(), row.id),
    stmt,
  ]);
  if (!used || used.meta.changes !== 1) {
    await revokeFamily(d1, row.family_id);
    throw new DomainError("invalid_token");
  }
  const storeIds = row.store_ids ? (JSON.parse(row.store_ids) as string[]) : null;
  const ttl = accessTtl(env);
  const accessToken = await signAccessToken(env, { sub: row.user_id, tid: tenantId, role: row.role, stores: storeIds }, ttl);
  return { accessToken, refreshToken: token, expiresIn: ttl, tokenType: "Bearer" };
}

/** Revokes every refresh token of a family. */
export async function revokeFamily(d1: D1Database, familyId: string): Promise<void> {
  await d1.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL").bind(nowIso(), familyId).run();
}

/** Logs out the session a refresh token belongs to (its family). Unknown tokens are ignored. */
export async function endSession(d1: D1Database, presented: string): Promise<void> {
  const row = await d1
    .prepare("SELECT family_id FROM refresh_tokens WHERE token_hash = ?")
    .bind(await sha256Hex(presented))
    .first<{ family_id: string }>();
  if (row) await revokeFamily(d1, row.family_id);
}

/** Revokes every session of a user (password reset, disable). */
export async function revokeUserSessions(d1: D1Database, userId: string): Promise<void> {
  await d1.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL").bind(nowIso(), userId).run();
}

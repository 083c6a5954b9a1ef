/**
 * Single-use tokens sent to a person — email verification, password reset, staff invitation —
 * delivered through the Notifier. Stored as SHA-256 hashes with a purpose and an expiry, and
 * consumed with a conditional UPDATE so a token works once even under concurrent use.
 */
import { randomToken, sha256Hex } from "../../platform/crypto";
import { DomainError } from "../../platform/errors";
import { newId, nowIso } from "../../platform/ids";

/** What a one-time token is for. */
export type OneTimePurpose = "verify_email" | "reset_password" | "invitation";

/** Lifetimes: verification 48 h, reset 1 h (OWASP Forgot Password Cheat Sheet), invitation 7 days. */
export const ONE_TIME_TTL_MS: Record<OneTimePurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  invitation: 7 * 24 * 3600_000,
};

/** A new token for `userId` and the statement that stores it (to batch with the change it belongs to). */
export async function oneTimeToken(
  d1: D1Database,
  userId: string,
  purpose: OneTimePurpose,
): Promise<{ token: string; stmt: D1PreparedStatement }> {
  const token = randomToken(32);
  const stmt = d1
    .prepare("INSERT INTO one_time_tokens (id, user_id, purpose, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)")
    .bind(newId("token"), userId, purpose, await sha256Hex(token), new Date(Date.now() + ONE_TIME_TTL_MS[purpose]).toISOString());
  return { token, stmt };
}

/**
 * Consumes a token of `purpose`. @returns the user id it was issued for.
 * @throws DomainError invalid_token when unknown, of another purpose, expired or already used.
 */
export async function consumeOneTimeToken(d1: D1Database, token: string, purpose: OneTimePurpose): Promise<string> {
  const row = await d1
    .prepare(
      `UPDATE one_time_tokens SET used_at = ?1 WHERE token_hash = ?2 AND purpose = ?3 AND used_at IS NULL AND expires_at > ?1
       RETURNING user_id`,
    )
    .bind(nowIso(), await sha256Hex(token), purpose)
    .first<{ user_id: string }>();
  if (!row) throw new DomainError("invalid_token", "This link is invalid, expired or already used");
  return row.user_id;
}

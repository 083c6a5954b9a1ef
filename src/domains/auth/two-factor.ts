/**
 * Two-factor sign-in with TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, ±1 step of
 * clock drift) through the otpauth library, plus ten single-use recovery codes stored hashed.
 * Owners and admins may turn it on.
 */
import { Secret, TOTP } from "otpauth";
import { randomToken, sha256Hex } from "../../platform/crypto";
import { DomainError } from "../../platform/errors";
import { newId, nowIso } from "../../platform/ids";

/** TOTP parameters (RFC 6238 defaults, which authenticator apps expect). */
export const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** Accepted clock drift in steps either side (RFC 6238 §5.2 recommends at most one). */
export const TOTP_WINDOW = 1;
/** How many recovery codes are issued when two-factor sign-in is turned on. */
export const RECOVERY_CODE_COUNT = 10;

/** A TOTP for a base32 secret. */
export function totpFor(secretBase32: string, label = "user"): TOTP {
  return new TOTP({ issuer: "Edgetill", label, ...TOTP_PARAMS, secret: Secret.fromBase32(secretBase32) });
}

/** Whether `code` is valid now for `secretBase32`. */
export function validTotp(secretBase32: string, code: string): boolean {
  return totpFor(secretBase32).validate({ token: code.replace(/\s/g, ""), window: TOTP_WINDOW }) !== null;
}

/** Starts setup: stores a new secret (not yet enabled). @returns the secret and an otpauth:// URI for a QR code. */
export async function setupTwoFactor(d1: D1Database, userId: string, email: string): Promise<{ secret: string; otpauthUri: string }> {
  const secret = new Secret({ size: 20 }).base32;
  await d1
    .prepare("UPDATE users SET totp_secret = ?, totp_enabled_at = NULL, updated_at = ? WHERE id = ?")
    .bind(secret, nowIso(), userId)
    .run();
  return { secret, otpauthUri: totpFor(secret, email).toString() };
}

/**
 * Turns two-factor sign-in on after the user proves the app works with a current code.
 * @returns the recovery codes, shown once.
 * @throws DomainError unprocessable when setup was not started; invalid_credentials for a wrong code.
 */
export async function enableTwoFactor(d1: D1Database, userId: string, code: string, auditStmt: D1PreparedStatement): Promise<string[]> {
  const row = await d1.prepare("SELECT totp_secret FROM users WHERE id = ?").bind(userId).first<{ totp_secret: string | null }>();
  if (!row?.totp_secret) throw new DomainError("unprocessable", "Start two-factor setup first");
  if (!validTotp(row.totp_secret, code)) throw new DomainError("invalid_credentials", "The code is wrong or expired");
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomToken(8));
  const inserts = await Promise.all(
    codes.map(async (c) =>
      d1.prepare("INSERT INTO recovery_codes (id, user_id, code_hash) VALUES (?, ?, ?)").bind(newId("token"), userId, await sha256Hex(c)),
    ),
  );
  await d1.batch([
    d1.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(userId),
    ...inserts,
    d1.prepare("UPDATE users SET totp_enabled_at = ?, updated_at = ? WHERE id = ?").bind(nowIso(), nowIso(), userId),
    auditStmt,
  ]);
  return codes;
}

/** Turns two-factor sign-in off and drops the recovery codes. */
export async function disableTwoFactor(d1: D1Database, userId: string, auditStmt: D1PreparedStatement): Promise<void> {
  await d1.batch([
    d1.prepare("UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, updated_at = ? WHERE id = ?").bind(nowIso(), userId),
    d1.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(userId),
    auditStmt,
  ]);
}

/**
 * Checks the second factor at login: a TOTP code, or else an unused recovery code (consumed).
 * @throws DomainError two_factor_required when neither is given or valid.
 */
export async function checkSecondFactor(d1: D1Database, userId: string, totpCode?: string, recoveryCode?: string): Promise<void> {
  if (totpCode) {
    const row = await d1.prepare("SELECT totp_secret FROM users WHERE id = ?").bind(userId).first<{ totp_secret: string | null }>();
    if (row?.totp_secret && validTotp(row.totp_secret, totpCode)) return;
  }
  if (recoveryCode) {
    const used = await d1
      .prepare("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
      .bind(nowIso(), userId, await sha256Hex(recoveryCode.trim()))
      .run();
    if (used.meta.changes === 1) return;
  }
  throw new DomainError("two_factor_required");
}

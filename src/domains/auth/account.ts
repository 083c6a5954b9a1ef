/**
 * Account verbs reached through a one-time token: email verification, password reset, accepting
 * a staff invitation. Password reset answers the same whether or not the account exists
 * (OWASP Forgot Password Cheat Sheet), and a reset or accepted invitation ends old sessions.
 */

import { auditStatement } from "../../platform/audit";
import { hashPassword } from "../../platform/auth/password";
import type { Env } from "../../platform/env";
import { newId, nowIso } from "../../platform/ids";
import type { OutgoingMessage } from "../../platform/notify";
import type { Tenant } from "../../platform/tenancy/resolve";
import { notifierFor } from "../notifications/providers";
import { notify } from "../notifications/send";
import { limitLogin } from "./login";
import { consumeOneTimeToken, ONE_TIME_TTL_MS, oneTimeToken } from "./one-time";
import { revokeUserSessions } from "./session";

/** The audit entry of an account change the user makes on themselves through a one-time token. */
function auditRow(d1: D1Database, userId: string, action: string, requestId: string): Promise<D1PreparedStatement> {
  return auditStatement({ d1, requestId, actor: { type: "user", id: userId } }, { action, entityType: "user", entityId: userId });
}

/** Marks the user's email verified. @throws DomainError invalid_token. */
export async function verifyEmail(d1: D1Database, token: string, requestId: string): Promise<void> {
  const userId = await consumeOneTimeToken(d1, token, "verify_email");
  await d1.batch([
    d1
      .prepare("UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email_verified_at IS NULL")
      .bind(nowIso(), nowIso(), userId),
    await auditRow(d1, userId, "user.email_verified", requestId),
  ]);
}

/**
 * Sends an account message (verification, invitation) through the environment's provider
 * (src/domains/notifications/providers.ts: the real provider when its secrets are bound, the dev
 * outbox in development and tests). A delivery failure is logged, not thrown: the account change it
 * belongs to is already saved, and the person can ask for the link again.
 */
export async function sendAccountMessage(env: Env, d1: D1Database, message: OutgoingMessage): Promise<void> {
  try {
    await notifierFor(env, d1).send(message);
  } catch (err) {
    console.error(JSON.stringify({ level: "error", event: "account_message.failed", template: message.template, reason: String(err) }));
  }
}

/** Sends a new verification link to an unverified user. */
export async function sendVerification(env: Env, d1: D1Database, userId: string, email: string): Promise<void> {
  const t = await oneTimeToken(d1, userId, "verify_email");
  await t.stmt.run();
  await sendAccountMessage(env, d1, {
    channel: "email",
    recipient: email,
    template: "verify_email",
    subject: "Verify your email for Edgetill",
    body: `Confirm your email: POST /v1/auth/verify-email {"token":"${t.token}"}`,
  });
}

/**
 * Sends a reset link when the account exists and is active; does nothing visible otherwise.
 * Rate-limited per account like login. @throws DomainError rate_limited.
 */
export async function requestPasswordReset(env: Env, tenant: Tenant, d1: D1Database, email: string): Promise<void> {
  const normalized = email.toLowerCase();
  await limitLogin(env, `reset:${tenant.id}:${normalized}`);
  const user = await d1.prepare("SELECT id FROM users WHERE email = ? AND status = 'active'").bind(normalized).first<{ id: string }>();
  if (!user) return;
  const t = await oneTimeToken(d1, user.id, "reset_password");
  await t.stmt.run();
  // Through the template system (key password.reset, critical: sent even to an opted-out address).
  // There is no reset page yet, so the "link" is the API call that confirms the reset.
  await notify(d1, notifierFor(env, d1), {
    dedupeKey: `password.reset:${newId("token")}`,
    templateKey: "password.reset",
    channel: "email",
    recipient: normalized,
    userId: user.id,
    variables: {
      link: `POST /v1/auth/password-reset/confirm {"token":"${t.token}","password":"…"}`,
      validMinutes: ONE_TIME_TTL_MS.reset_password / 60_000,
    },
  });
}

/** Sets a new password from a reset token and ends every session of the user. @throws DomainError invalid_token. */
export async function confirmPasswordReset(d1: D1Database, token: string, password: string, requestId: string): Promise<void> {
  const userId = await consumeOneTimeToken(d1, token, "reset_password");
  await d1.batch([
    d1.prepare("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?").bind(await hashPassword(password), nowIso(), userId),
    await auditRow(d1, userId, "user.password_reset", requestId),
  ]);
  await revokeUserSessions(d1, userId);
}

/**
 * Accepts a staff invitation: sets the password, activates the user, and counts the email as
 * verified (the token arrived by that email). @returns the user id. @throws DomainError invalid_token.
 */
export async function acceptInvitation(
  d1: D1Database,
  token: string,
  password: string,
  name: string | undefined,
  requestId: string,
): Promise<string> {
  const userId = await consumeOneTimeToken(d1, token, "invitation");
  await d1.batch([
    d1
      .prepare(
        `UPDATE users SET password_hash = ?, status = 'active', email_verified_at = COALESCE(email_verified_at, ?), name = COALESCE(?, name), updated_at = ?
         WHERE id = ? AND status = 'invited'`,
      )
      .bind(await hashPassword(password), nowIso(), name ?? null, nowIso(), userId),
    await auditRow(d1, userId, "user.invitation_accepted", requestId),
  ]);
  return userId;
}

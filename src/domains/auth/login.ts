/**
 * loginUser: email + password (+ a TOTP or recovery code when two-factor sign-in is on) → a new
 * session. Rate-limited per client IP and per account with the LOGIN_LIMITER binding; a missing
 * account costs the same PBKDF2 work as a wrong password, so timing does not reveal accounts.
 */

import { auditStatement } from "../../platform/audit";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../../platform/auth/password";
import type { Role } from "../../platform/auth/roles";
import type { Env } from "../../platform/env";
import { DomainError } from "../../platform/errors";
import type { Tenant } from "../../platform/tenancy/resolve";
import { issueSession, type TokenPair } from "./session";
import { checkSecondFactor } from "./two-factor";

/** Login input, validated by the route. */
export interface LoginInput {
  email: string;
  password: string;
  totpCode?: string;
  recoveryCode?: string;
}

/**
 * Applies the login rate limit to `key`.
 * @throws DomainError rate_limited when the limiter says no.
 */
export async function limitLogin(env: Env, key: string): Promise<void> {
  const { success } = await env.LOGIN_LIMITER.limit({ key });
  if (!success) throw new DomainError("rate_limited");
}

/**
 * @throws DomainError rate_limited, invalid_credentials (wrong email or password — the same
 *   answer for both), two_factor_required (password right, code missing or wrong).
 */
export async function loginUser({
  env,
  tenant,
  d1,
  input,
  clientIp,
  requestId,
}: {
  env: Env;
  tenant: Tenant;
  d1: D1Database;
  input: LoginInput;
  clientIp: string;
  requestId: string;
}): Promise<TokenPair> {
  const email = input.email.toLowerCase();
  await limitLogin(env, `ip:${clientIp}`);
  await limitLogin(env, `account:${tenant.id}:${email}`);
  const user = await d1
    .prepare("SELECT id, role, store_ids, password_hash, status, totp_enabled_at FROM users WHERE email = ?")
    .bind(email)
    .first<{
      id: string;
      role: Role;
      store_ids: string | null;
      password_hash: string | null;
      status: string;
      totp_enabled_at: string | null;
    }>();
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || user.status !== "active") throw new DomainError("invalid_credentials");
  if (user.totp_enabled_at) await checkSecondFactor(d1, user.id, input.totpCode, input.recoveryCode);
  const session = await issueSession(env, d1, tenant.id, {
    id: user.id,
    role: user.role,
    storeIds: user.store_ids ? (JSON.parse(user.store_ids) as string[]) : null,
  });
  const audit = await auditStatement(
    { d1, requestId, actor: { type: "user", id: user.id } },
    { action: "auth.login", entityType: "user", entityId: user.id, summary: { twoFactor: Boolean(user.totp_enabled_at) } },
  );
  await audit.run();
  return session;
}

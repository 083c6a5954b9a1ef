/**
 * Staff verbs: invite a user (role and stores), list users, change a user's role, stores or
 * status. No one grants a role above their own, only owners make owners, and the last active
 * owner cannot be demoted or disabled.
 */

import { auditStatement } from "../../platform/audit";
import { assertCan, grantableRoles, type Role } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { newId, nowIso } from "../../platform/ids";
import { sendAccountMessage } from "../auth/account";
import { oneTimeToken } from "../auth/one-time";
import { revokeUserSessions } from "../auth/session";

/** A user as the API shows it (no password hash, no TOTP secret). */
export interface UserOut {
  id: string;
  email: string;
  name: string;
  role: Role;
  storeIds: string[] | null;
  status: "active" | "invited" | "disabled";
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  createdAt: string;
}

function toUserOut(r: Record<string, unknown>): UserOut {
  return {
    id: r.id as string,
    email: r.email as string,
    name: r.name as string,
    role: r.role as Role,
    storeIds: r.store_ids ? (JSON.parse(r.store_ids as string) as string[]) : null,
    status: r.status as UserOut["status"],
    emailVerified: Boolean(r.email_verified_at),
    twoFactorEnabled: Boolean(r.totp_enabled_at),
    createdAt: r.created_at as string,
  };
}

function assertGrantable(ctx: ServiceContext, role: Role): void {
  if (!grantableRoles(ctx.actor.role).includes(role))
    throw new DomainError("forbidden", `Your role (${ctx.actor.role}) may not grant ${role}`);
}

async function assertStoresExist(ctx: ServiceContext, storeIds: string[] | null | undefined): Promise<void> {
  if (!storeIds || storeIds.length === 0) return;
  const rows = await ctx.d1
    .prepare(`SELECT id FROM stores WHERE id IN (${storeIds.map(() => "?").join(",")})`)
    .bind(...storeIds)
    .all<{ id: string }>();
  const found = new Set(rows.results.map((r) => r.id));
  const missing = storeIds.filter((s) => !found.has(s));
  if (missing.length)
    throw new DomainError("validation_failed", `Unknown stores: ${missing.join(", ")}`, {
      fields: [{ path: "storeIds", message: "unknown store" }],
    });
}

/**
 * Invites a member of staff: creates the user as `invited` and sends a one-time link by email.
 * @throws DomainError forbidden, email_taken, validation_failed (unknown stores).
 */
export async function inviteUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email: string; name: string; role: Role; storeIds?: string[] | null };
}): Promise<UserOut> {
  assertCan(ctx.actor.role, "users.manage");
  assertGrantable(ctx, input.role);
  await assertStoresExist(ctx, input.storeIds);
  const email = input.email.toLowerCase();
  if (await ctx.d1.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()) throw new DomainError("email_taken");
  const id = newId("user");
  const invite = await oneTimeToken(ctx.d1, id, "invitation");
  const storeIds = input.storeIds && input.storeIds.length ? JSON.stringify(input.storeIds) : null;
  await ctx.d1.batch([
    ctx.d1
      .prepare("INSERT INTO users (id, email, name, role, store_ids, status) VALUES (?, ?, ?, ?, ?, 'invited')")
      .bind(id, email, input.name, input.role, storeIds),
    invite.stmt,
    await auditStatement(ctx, {
      action: "user.invited",
      entityType: "user",
      entityId: id,
      after: { email, role: input.role, storeIds: input.storeIds ?? null },
    }),
  ]);
  await sendAccountMessage(ctx.env, ctx.d1, {
    channel: "email",
    recipient: email,
    template: "staff_invitation",
    subject: `You are invited to ${ctx.tenant.legalName} on Edgetill`,
    body: `Accept within 7 days: POST /v1/auth/accept-invitation {"token":"${invite.token}","password":"…"}`,
  });
  const row = await ctx.d1.prepare("SELECT * FROM users WHERE id = ?").bind(id).first<Record<string, unknown>>();
  return toUserOut(row ?? {});
}

/** Lists the tenant's users by id (creation order), a page at a time. */
export async function listUsers({ ctx, input }: { ctx: ServiceContext; input: { limit: number; cursor?: string } }) {
  assertCan(ctx.actor.role, "users.manage");
  const after = decodeCursor(input.cursor) ?? "";
  const rows = await ctx.d1
    .prepare("SELECT * FROM users WHERE id > ? ORDER BY id LIMIT ?")
    .bind(after, input.limit + 1)
    .all<Record<string, unknown>>();
  return toPage(rows.results.map(toUserOut), input.limit);
}

/**
 * Changes a user's name, role, stores or status. Disabling ends the user's sessions.
 * @throws DomainError not_found, forbidden (role above the actor's; last owner), validation_failed.
 */
export async function updateUser({
  ctx,
  userId,
  input,
}: {
  ctx: ServiceContext;
  userId: string;
  input: { name?: string; role?: Role; storeIds?: string[] | null; status?: "active" | "disabled" };
}): Promise<UserOut> {
  assertCan(ctx.actor.role, "users.manage");
  const before = await ctx.d1.prepare("SELECT * FROM users WHERE id = ?").bind(userId).first<Record<string, unknown>>();
  if (!before) throw new DomainError("not_found", "User not found");
  const current = toUserOut(before);
  assertGrantable(ctx, current.role); // may not touch someone above you
  if (input.role) assertGrantable(ctx, input.role);
  if (input.storeIds !== undefined) await assertStoresExist(ctx, input.storeIds);
  if (current.role === "owner" && ((input.role && input.role !== "owner") || input.status === "disabled")) {
    const owners = await ctx.d1
      .prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND status = 'active'")
      .first<{ n: number }>();
    if ((owners?.n ?? 0) <= 1) throw new DomainError("forbidden", "The last owner cannot be demoted or disabled");
  }
  if (input.status === "active" && current.status === "invited")
    throw new DomainError("unprocessable", "An invited user becomes active by accepting the invitation");
  const next = {
    name: input.name ?? current.name,
    role: input.role ?? current.role,
    storeIds: input.storeIds === undefined ? current.storeIds : input.storeIds && input.storeIds.length ? input.storeIds : null,
    status: input.status ?? current.status,
  };
  await ctx.d1.batch([
    ctx.d1
      .prepare("UPDATE users SET name = ?, role = ?, store_ids = ?, status = ?, updated_at = ? WHERE id = ?")
      .bind(next.name, next.role, next.storeIds ? JSON.stringify(next.storeIds) : null, next.status, nowIso(), userId),
    await auditStatement(ctx, {
      action: "user.updated",
      entityType: "user",
      entityId: userId,
      before: current,
      after: next,
      summary: input,
    }),
  ]);
  if (next.status === "disabled") await revokeUserSessions(ctx.d1, userId);
  const row = await ctx.d1.prepare("SELECT * FROM users WHERE id = ?").bind(userId).first<Record<string, unknown>>();
  return toUserOut(row ?? {});
}

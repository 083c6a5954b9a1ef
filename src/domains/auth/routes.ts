/** Authentication routes: login, refresh, logout, account tokens, two-factor, and the caller's profile. */
import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../../platform/audit";
import { verifyPassword } from "../../platform/auth/password";
import { ROLES } from "../../platform/auth/roles";
import { DomainError } from "../../platform/errors";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { TokenPair } from "../tenants/schemas";
import { acceptInvitation, confirmPasswordReset, requestPasswordReset, sendVerification, verifyEmail } from "./account";
import { loginUser } from "./login";
import { endSession, issueSession, rotateSession } from "./session";
import { disableTwoFactor, enableTwoFactor, setupTwoFactor } from "./two-factor";

/** /v1/auth/* and /v1/me */
export const authRoutes = createRouter();
const security = [{ bearer: [] }];
const Password = z.string().min(10, "at least 10 characters").max(200);
const Ok = z.object({ ok: z.literal(true) });
const errors = { ...writeErrors, 429: { description: "Too many attempts (rate_limited)" } };

for (const p of ["/v1/me", "/v1/auth/2fa/*", "/v1/auth/verify-email/resend"]) authRoutes.use(p, requireAuth());
// Writes a client may retry keep their first answer under an Idempotency-Key (after auth: keys are per actor).
authRoutes.use("/v1/auth/2fa/*", idempotency({ store: "tenant" }));

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/login",
    operationId: "login",
    tags: ["Auth"],
    summary: "Log in with email and password (and a TOTP or recovery code when two-factor sign-in is on)",
    request: {
      body: jsonBody(
        z.object({
          email: z.email().max(254),
          password: z.string().min(1).max(200),
          totpCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          recoveryCode: z.string().max(64).optional(),
        }),
      ),
    },
    responses: { 200: jsonResponse(TokenPair, "A new session"), ...errors },
  }),
  async (c) => {
    const tokens = await loginUser({
      env: c.env,
      tenant: c.get("tenant")!,
      d1: c.get("tenantD1")!,
      input: c.req.valid("json"),
      clientIp: c.req.header("cf-connecting-ip") ?? "local",
      requestId: c.get("requestId"),
    });
    return c.json(tokens, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/refresh",
    operationId: "refreshSession",
    tags: ["Auth"],
    summary: "Rotate a refresh token; reusing an old one revokes its whole family",
    request: { body: jsonBody(z.object({ refreshToken: z.string().min(1).max(200) })) },
    responses: { 200: jsonResponse(TokenPair, "The next token pair"), ...errors },
  }),
  async (c) => c.json(await rotateSession(c.env, c.get("tenantD1")!, c.get("tenant")!.id, c.req.valid("json").refreshToken), 200),
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/logout",
    operationId: "logout",
    tags: ["Auth"],
    summary: "End the session a refresh token belongs to",
    request: { body: jsonBody(z.object({ refreshToken: z.string().min(1).max(200) })) },
    responses: { 200: jsonResponse(Ok, "Logged out"), ...errors },
  }),
  async (c) => {
    await endSession(c.get("tenantD1")!, c.req.valid("json").refreshToken);
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/verify-email",
    operationId: "verifyEmail",
    tags: ["Auth"],
    summary: "Confirm an email address with the token that was sent to it",
    request: { body: jsonBody(z.object({ token: z.string().min(1).max(200) })) },
    responses: { 200: jsonResponse(Ok, "Verified"), ...errors },
  }),
  async (c) => {
    await verifyEmail(c.get("tenantD1")!, c.req.valid("json").token, c.get("requestId"));
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/verify-email/resend",
    operationId: "resendVerification",
    tags: ["Auth"],
    security,
    summary: "Send a new verification link to the caller",
    responses: { 200: jsonResponse(Ok, "Sent (or already verified)"), ...authErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const u = await ctx.d1
      .prepare("SELECT email, email_verified_at FROM users WHERE id = ?")
      .bind(ctx.actor.id)
      .first<{ email: string; email_verified_at: string | null }>();
    if (u && !u.email_verified_at) await sendVerification(ctx.env, ctx.d1, ctx.actor.id, u.email);
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/password-reset",
    operationId: "requestPasswordReset",
    tags: ["Auth"],
    summary: "Send a password-reset link (the answer is the same whether or not the account exists)",
    request: { body: jsonBody(z.object({ email: z.email().max(254) })) },
    responses: { 202: jsonResponse(Ok, "Accepted"), ...errors },
  }),
  async (c) => {
    await requestPasswordReset(c.env, c.get("tenant")!, c.get("tenantD1")!, c.req.valid("json").email);
    return c.json({ ok: true as const }, 202);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/password-reset/confirm",
    operationId: "confirmPasswordReset",
    tags: ["Auth"],
    summary: "Set a new password with a reset token; ends every session of the user",
    request: { body: jsonBody(z.object({ token: z.string().min(1).max(200), password: Password })) },
    responses: { 200: jsonResponse(Ok, "Password changed"), ...errors },
  }),
  async (c) => {
    const { token, password } = c.req.valid("json");
    await confirmPasswordReset(c.get("tenantD1")!, token, password, c.get("requestId"));
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/accept-invitation",
    operationId: "acceptInvitation",
    tags: ["Auth"],
    summary: "Accept a staff invitation: set a password and get a session",
    request: {
      body: jsonBody(z.object({ token: z.string().min(1).max(200), password: Password, name: z.string().min(1).max(200).optional() })),
    },
    responses: { 200: jsonResponse(TokenPair, "A session for the new user"), ...errors },
  }),
  async (c) => {
    const d1 = c.get("tenantD1")!;
    const { token, password, name } = c.req.valid("json");
    const userId = await acceptInvitation(d1, token, password, name, c.get("requestId"));
    const u = await d1
      .prepare("SELECT role, store_ids FROM users WHERE id = ?")
      .bind(userId)
      .first<{ role: (typeof ROLES)[number]; store_ids: string | null }>();
    if (!u) throw new DomainError("invalid_token");
    return c.json(
      await issueSession(c.env, d1, c.get("tenant")!.id, {
        id: userId,
        role: u.role,
        storeIds: u.store_ids ? JSON.parse(u.store_ids) : null,
      }),
      200,
    );
  },
);

const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    storeIds: z.array(z.string()).nullable(),
    emailVerified: z.boolean(),
    twoFactorEnabled: z.boolean(),
    tenant: z.object({
      id: z.string(),
      slug: z.string(),
      legalName: z.string(),
      currency: z.string(),
      timeZone: z.string(),
      taxRegime: z.string(),
      plan: z.string(),
    }),
  })
  .openapi("Me");

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/me",
    operationId: "getMe",
    tags: ["Auth"],
    security,
    summary: "The caller and their tenant",
    responses: { 200: jsonResponse(Me, "The caller"), ...authErrors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    if (ctx.actor.type !== "user") throw new DomainError("forbidden", "API keys have no profile");
    const u = await ctx.d1.prepare("SELECT * FROM users WHERE id = ?").bind(ctx.actor.id).first<Record<string, string | null>>();
    if (!u) throw new DomainError("invalid_token");
    const t = ctx.tenant;
    return c.json(
      {
        id: u.id as string,
        email: u.email as string,
        name: u.name as string,
        role: ctx.actor.role,
        storeIds: ctx.actor.storeIds,
        emailVerified: Boolean(u.email_verified_at),
        twoFactorEnabled: Boolean(u.totp_enabled_at),
        tenant: {
          id: t.id,
          slug: t.slug,
          legalName: t.legalName,
          currency: t.currency,
          timeZone: t.timeZone,
          taxRegime: t.taxRegime,
          plan: t.plan,
        },
      },
      200,
    );
  },
);

function assertTwoFactorRole(role: string): void {
  if (role !== "owner" && role !== "admin") throw new DomainError("forbidden", "Two-factor sign-in is for owners and admins");
}

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/2fa/setup",
    operationId: "setupTwoFactor",
    tags: ["Auth"],
    security,
    summary: "Start two-factor setup: a TOTP secret and otpauth:// URI for an authenticator app",
    responses: {
      200: jsonResponse(z.object({ secret: z.string(), otpauthUri: z.string() }), "Scan the URI, then enable with a code"),
      ...authErrors,
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    assertTwoFactorRole(ctx.actor.role);
    const u = await ctx.d1.prepare("SELECT email FROM users WHERE id = ?").bind(ctx.actor.id).first<{ email: string }>();
    return c.json(await setupTwoFactor(ctx.d1, ctx.actor.id, u?.email ?? ctx.actor.id), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/2fa/enable",
    operationId: "enableTwoFactor",
    tags: ["Auth"],
    security,
    summary: "Turn two-factor sign-in on with a current code; answers the recovery codes once",
    request: { body: jsonBody(z.object({ code: z.string().regex(/^\d{6}$/) })) },
    responses: { 200: jsonResponse(z.object({ recoveryCodes: z.array(z.string()) }), "Enabled"), ...errors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    assertTwoFactorRole(ctx.actor.role);
    const audit = await auditStatement(ctx, { action: "user.2fa_enabled", entityType: "user", entityId: ctx.actor.id });
    return c.json({ recoveryCodes: await enableTwoFactor(ctx.d1, ctx.actor.id, c.req.valid("json").code, audit) }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/auth/2fa/disable",
    operationId: "disableTwoFactor",
    tags: ["Auth"],
    security,
    summary: "Turn two-factor sign-in off (needs the password)",
    request: { body: jsonBody(z.object({ password: z.string().min(1).max(200) })) },
    responses: { 200: jsonResponse(Ok, "Disabled"), ...errors },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const u = await ctx.d1
      .prepare("SELECT password_hash FROM users WHERE id = ?")
      .bind(ctx.actor.id)
      .first<{ password_hash: string | null }>();
    if (!u?.password_hash || !(await verifyPassword(c.req.valid("json").password, u.password_hash)))
      throw new DomainError("invalid_credentials");
    await disableTwoFactor(
      ctx.d1,
      ctx.actor.id,
      await auditStatement(ctx, { action: "user.2fa_disabled", entityType: "user", entityId: ctx.actor.id }),
    );
    return c.json({ ok: true as const }, 200);
  },
);

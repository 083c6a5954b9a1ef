import { env } from "cloudflare:workers";
import { base64url as b64, generateKeyPair, SignJWT } from "jose";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";

async function login(host: string, email: string, password: string, extra: Record<string, unknown> = {}) {
  return call("POST", "/v1/auth/login", { host, body: { email, password, ...extra } });
}

describe("login and sessions", () => {
  it("logs in with the right password and refuses a wrong one with the same answer as an unknown email", async () => {
    const t = await signup();
    const ok = await login(t.host, t.ownerEmail, t.ownerPassword);
    expect(ok.status).toBe(200);
    const pair = await json(ok);
    expect(pair.tokenType).toBe("Bearer");
    expect(pair.expiresIn).toBeGreaterThan(0);
    const wrong = await problem(await login(t.host, t.ownerEmail, "not the password"));
    const unknown = await problem(await login(t.host, "nobody@example.com", "not the password"));
    expect(wrong.status).toBe(401);
    expect(wrong.code).toBe("invalid_credentials");
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.detail).toBe(wrong.detail);
  });

  it("rotates refresh tokens, and reusing an old one revokes the whole family", async () => {
    const t = await signup();
    const first = await json(await call("POST", "/v1/auth/refresh", { host: t.host, body: { refreshToken: t.refreshToken } }));
    expect(first.refreshToken).not.toBe(t.refreshToken);
    const reuse = await call("POST", "/v1/auth/refresh", { host: t.host, body: { refreshToken: t.refreshToken } });
    expect((await problem(reuse)).code).toBe("invalid_token");
    // The newer token of the same family is now dead too.
    const next = await call("POST", "/v1/auth/refresh", { host: t.host, body: { refreshToken: first.refreshToken } });
    expect(next.status).toBe(401);
  });

  it("logout ends the session", async () => {
    const t = await signup();
    expect((await call("POST", "/v1/auth/logout", { host: t.host, body: { refreshToken: t.refreshToken } })).status).toBe(200);
    expect((await call("POST", "/v1/auth/refresh", { host: t.host, body: { refreshToken: t.refreshToken } })).status).toBe(401);
  });
});

describe("access tokens", () => {
  it("refuses no token, alg none, a wrong key, an expired token and a tampered payload", async () => {
    const t = await signup();
    expect((await problem(await call("GET", "/v1/me", { host: t.host }))).code).toBe("unauthenticated");

    const [h, p, s] = t.accessToken.split(".") as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(b64.decode(p)));
    const enc = (o: unknown) => b64.encode(JSON.stringify(o));
    const none = `${enc({ alg: "none", typ: "JWT" })}.${p}.`;
    const tampered = `${h}.${enc({ ...claims, role: "owner", sub: "usr_someone_else" })}.${s}`;
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const wrongKey = await new SignJWT(claims).setProtectedHeader({ alg: "EdDSA" }).sign(privateKey);
    const expired = `${h}.${enc({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })}.${s}`;
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(env.JWT_PUBLIC_JWK));
    for (const token of [none, tampered, wrongKey, expired, hs256, "garbage"]) {
      const res = await call("GET", "/v1/me", { host: t.host, token });
      expect(res.status, token.slice(0, 20)).toBe(401);
      expect((await problem(res)).code).toBe("invalid_token");
    }
  });

  it("refuses tenant A's token on tenant B, by host and by X-Tenant header", async () => {
    const a = await signup();
    const b = await signup();
    const byHost = await call("GET", "/v1/me", { host: b.host, token: a.accessToken });
    expect(byHost.status).toBe(403);
    expect((await problem(byHost)).code).toBe("tenant_mismatch");
    const byHeader = await call("GET", "/v1/me", { token: a.accessToken, headers: { "x-tenant": b.slug } });
    expect((await problem(byHeader)).code).toBe("tenant_mismatch");
    const conflicting = await call("GET", "/v1/me", { host: a.host, token: a.accessToken, headers: { "x-tenant": b.slug } });
    expect(conflicting.status).toBe(403);
    const ok = await call("GET", "/v1/me", { token: a.accessToken, headers: { "x-tenant": a.slug } });
    expect(ok.status).toBe(200);
  });

  it("answers 404 tenant_not_found for an unknown tenant", async () => {
    const res = await call("GET", "/v1/me", { host: "nosuchtenant.localhost" });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("tenant_not_found");
    expect((await call("GET", "/v1/me", { headers: { "x-tenant": "nosuchtenant" } })).status).toBe(404);
  });
});

describe("account tokens", () => {
  async function outbox(t: { host: string; accessToken: string }, template: string): Promise<string> {
    const items = (await json(await call("GET", "/v1/dev/outbox", { host: t.host, token: t.accessToken }))).items as {
      template: string;
      body: string;
    }[];
    const body = items.find((i) => i.template === template)?.body ?? "";
    return /"token":"([^"]+)"/.exec(body)?.[1] ?? "";
  }

  it("verifies the owner's email with the token sent at signup, once", async () => {
    const t = await signup();
    const token = await outbox(t, "verify_email");
    expect(token).not.toBe("");
    expect((await call("POST", "/v1/auth/verify-email", { host: t.host, body: { token } })).status).toBe(200);
    expect((await json(await call("GET", "/v1/me", { host: t.host, token: t.accessToken }))).emailVerified).toBe(true);
    expect((await call("POST", "/v1/auth/verify-email", { host: t.host, body: { token } })).status).toBe(401);
  });

  it("resets a password through the emailed token and ends old sessions", async () => {
    const t = await signup();
    expect((await call("POST", "/v1/auth/password-reset", { host: t.host, body: { email: t.ownerEmail } })).status).toBe(202);
    expect((await call("POST", "/v1/auth/password-reset", { host: t.host, body: { email: "ghost@example.com" } })).status).toBe(202);
    const token = await outbox(t, "password.reset");
    expect(
      (await call("POST", "/v1/auth/password-reset/confirm", { host: t.host, body: { token, password: "a brand new password" } })).status,
    ).toBe(200);
    expect((await login(t.host, t.ownerEmail, t.ownerPassword)).status).toBe(401);
    expect((await login(t.host, t.ownerEmail, "a brand new password")).status).toBe(200);
    expect((await call("POST", "/v1/auth/refresh", { host: t.host, body: { refreshToken: t.refreshToken } })).status).toBe(401);
  });
});

describe("two-factor sign-in", () => {
  it("requires a TOTP code once enabled, and accepts each recovery code once", async () => {
    const t = await signup();
    const setup = await json(await call("POST", "/v1/auth/2fa/setup", { host: t.host, token: t.accessToken }));
    const totp = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30, algorithm: "SHA1" });
    const bad = await call("POST", "/v1/auth/2fa/enable", {
      host: t.host,
      token: t.accessToken,
      body: { code: totp.generate() === "000000" ? "111111" : "000000" },
    });
    expect(bad.status).toBe(401);
    const enabled = await json(
      await call("POST", "/v1/auth/2fa/enable", { host: t.host, token: t.accessToken, body: { code: totp.generate() } }),
    );
    expect(enabled.recoveryCodes).toHaveLength(10);

    expect((await problem(await login(t.host, t.ownerEmail, t.ownerPassword))).code).toBe("two_factor_required");
    expect((await login(t.host, t.ownerEmail, t.ownerPassword, { totpCode: totp.generate() })).status).toBe(200);
    const code = enabled.recoveryCodes[0];
    expect((await login(t.host, t.ownerEmail, t.ownerPassword, { recoveryCode: code })).status).toBe(200);
    expect((await login(t.host, t.ownerEmail, t.ownerPassword, { recoveryCode: code })).status).toBe(401);
  });
});

describe("login rate limit", () => {
  it("answers 429 rate_limited after too many attempts on one account", async () => {
    const t = await signup();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await call("POST", "/v1/auth/login", { host: t.host, body: { email: t.ownerEmail, password: "wrong password" } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Even the right password is refused while the account is limited.
    const ok = await call("POST", "/v1/auth/login", { host: t.host, body: { email: t.ownerEmail, password: t.ownerPassword } });
    expect((await problem(ok)).code).toBe("rate_limited");
  });
});

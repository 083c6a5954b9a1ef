/**
 * Test fixtures: each test makes its own tenant through the public API, and calls the Worker the
 * way a client would (exports.default.fetch), against the real local runtime.
 */
import { exports } from "cloudflare:workers";

/** Hostname tenants are served under in tests (wrangler.toml PLATFORM_DOMAIN). */
export const PLATFORM_DOMAIN = "localhost";

let counter = 0;
/** A slug no other test in this file uses. */
export function uniqueSlug(prefix = "t"): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${counter}`.toLowerCase().slice(0, 40);
}

/** Calls the Worker. `host` picks the tenant; `token` authenticates; `body` is sent as JSON. */
export async function call(
  method: string,
  path: string,
  opts: { host?: string; token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: BodyInit } = {},
): Promise<Response> {
  const headers = new Headers(opts.headers);
  // Cloudflare sets CF-Connecting-IP in production; tests vary it (TEST-NET-3, RFC 5737) so the
  // per-IP login limit does not couple unrelated tests. Rate-limit tests set it themselves.
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", `203.0.113.${Math.floor(Math.random() * 254) + 1}`);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(opts.body);
  }
  return exports.default.fetch(new Request(`http://${opts.host ?? PLATFORM_DOMAIN}${path}`, { method, headers, body }));
}

/** Reads a JSON (or problem+json) body as a loose record. */
export async function json<T = Record<string, any>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A tenant made through POST /v1/signup, with its owner's credentials and host. */
export interface TestTenant {
  id: string;
  slug: string;
  host: string;
  ownerEmail: string;
  ownerPassword: string;
  ownerId: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs up a tenant (GST, Maharashtra by default) and returns its owner's session. */
export async function signup(overrides: Record<string, unknown> = {}): Promise<TestTenant> {
  const slug = (overrides.slug as string) ?? uniqueSlug();
  const ownerEmail = `owner@${slug}.example`;
  const ownerPassword = "correct horse battery staple";
  const res = await call("POST", "/v1/signup", {
    body: {
      slug,
      legalName: `${slug} Traders`,
      country: "IN",
      currency: "INR",
      timeZone: "Asia/Kolkata",
      taxRegime: "gst",
      gstin: "27AAPFU0939F1ZV",
      plan: "enterprise",
      owner: { name: "Owner", email: ownerEmail, password: ownerPassword },
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const b = await json(res);
  return {
    id: b.tenant.id,
    slug,
    host: `${slug}.${PLATFORM_DOMAIN}`,
    ownerEmail,
    ownerPassword,
    ownerId: b.ownerId,
    accessToken: b.tokens.accessToken,
    refreshToken: b.tokens.refreshToken,
  };
}

/** Asserts-free helper: the problem body of a response, checking the content type. */
export async function problem(
  res: Response,
): Promise<{ status: number; code: string; detail: string; errors?: { path: string }[]; contentType: string | null }> {
  const contentType = res.headers.get("content-type");
  const b = await json(res);
  return { status: res.status, code: b.code, detail: b.detail, errors: b.errors, contentType };
}

/** A store body for POST /v1/stores (Maharashtra, state 27, matching the default tenant GSTIN). */
export function storeBody(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    name: `Store ${code}`,
    type: "shop",
    address: { line1: "1 MG Road", city: "Pune", postalCode: "411001", country: "IN" },
    stateCode: "27",
    ...extra,
  };
}

/** Creates a store as the tenant owner; returns its id. */
export async function createStore(t: TestTenant, code: string): Promise<string> {
  const res = await call("POST", "/v1/stores", { host: t.host, token: t.accessToken, body: storeBody(code) });
  if (res.status !== 201) throw new Error(`store failed: ${res.status} ${await res.text()}`);
  return (await json(res)).id;
}

/** The one-time token inside the newest dev-outbox message of `template` to `recipient`. */
export async function outboxToken(t: TestTenant, template: string, recipient?: string): Promise<string> {
  const q = recipient ? `?recipient=${encodeURIComponent(recipient)}` : "";
  const items = (await json(await call("GET", `/v1/dev/outbox${q}`, { host: t.host, token: t.accessToken }))).items as {
    template: string;
    body: string;
  }[];
  const body = items.find((i) => i.template === template)?.body ?? "";
  return /"token":"([^"]+)"/.exec(body)?.[1] ?? "";
}

/** Invites a member of staff and accepts the invitation; returns their access token and id. */
export async function staff(
  t: TestTenant,
  role: string,
  storeIds: string[] | null = null,
): Promise<{ id: string; token: string; email: string }> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@${t.slug}.example`;
  const inv = await call("POST", "/v1/users/invitations", {
    host: t.host,
    token: t.accessToken,
    body: { email, name: role, role, storeIds },
  });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${await inv.text()}`);
  const token = await outboxToken(t, "staff_invitation", email);
  const res = await call("POST", "/v1/auth/accept-invitation", { host: t.host, body: { token, password: "staff password 123" } });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
  return { id: (await json(inv)).id, token: (await json(res)).accessToken, email };
}

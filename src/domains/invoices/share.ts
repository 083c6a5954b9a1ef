/**
 * Signed, expiring share links for invoices (sent by WhatsApp or email; opened without a login).
 * Token: "<tenantId>.<invoiceId>.<expiresAt unix s>.<HMAC-SHA256 hex>", the HMAC (RFC 2104) taken
 * under the SHARE_LINK_SECRET binding over a domain-separated message of those three values, so a
 * token names its tenant and cannot be moved to another tenant or invoice, nor extended. Checked
 * in constant time; every failure answers the same 404, so a prober learns nothing.
 */

import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { InvoiceDocument } from "../../../durable-objects/pos/documents";
import { tenants } from "../../db/platform";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { hmacSha256Hex, timingSafeEqual } from "../../platform/crypto";
import type { Env } from "../../platform/env";
import { DomainError } from "../../platform/errors";
import { openTenantDatabase } from "../../platform/tenancy/resolve";
import { getInvoice } from "./verbs";

/** Default lifetime of a link: 7 days (a customer opens it within the week). */
export const SHARE_LINK_DEFAULT_TTL_SECONDS = 7 * 24 * 3600;
/** Longest lifetime a caller may ask for: 30 days. */
export const SHARE_LINK_MAX_TTL_SECONDS = 30 * 24 * 3600;
/** Shortest: 1 minute. */
export const SHARE_LINK_MIN_TTL_SECONDS = 60;
/** Where shared invoices are served, outside /v1 so no tenant host or login is needed. */
export const SHARE_PATH_PREFIX = "/public/invoices/";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SIG = /^[0-9a-f]{64}$/;

/** The claims of a share token. */
export interface ShareClaims {
  tenantId: string;
  invoiceId: string;
  /** Unix seconds. */
  expiresAt: number;
}

function secretOf(env: Env): string {
  const s = env.SHARE_LINK_SECRET;
  // A deploy without the secret is a configuration error, never an unsigned link.
  if (!s || s.length < 32) throw new DomainError("internal", "Invoice sharing is not configured");
  return s;
}

const message = (c: ShareClaims) => `edgetill.invoice-share.v1\n${c.tenantId}\n${c.invoiceId}\n${c.expiresAt}`;

/** Signs claims into a token. @throws DomainError internal when SHARE_LINK_SECRET is missing or short. */
export async function signShareToken(env: Env, claims: ShareClaims): Promise<string> {
  if (!ID.test(claims.tenantId) || !ID.test(claims.invoiceId) || !Number.isSafeInteger(claims.expiresAt))
    throw new RangeError("bad share claims");
  return `${claims.tenantId}.${claims.invoiceId}.${claims.expiresAt}.${await hmacSha256Hex(secretOf(env), message(claims))}`;
}

/**
 * The claims of a well-signed, unexpired token (a trailing ".pdf" is allowed).
 * @throws DomainError not_found for a malformed, tampered or expired token (one answer for all).
 */
export async function verifyShareToken(env: Env, token: string, nowMs = Date.now()): Promise<ShareClaims> {
  const refuse = () => new DomainError("not_found", "This invoice link is invalid or has expired");
  const parts = token.replace(/\.pdf$/, "").split(".");
  if (parts.length !== 4) throw refuse();
  const [tenantId = "", invoiceId = "", exp = "", sig = ""] = parts;
  if (!ID.test(tenantId) || !ID.test(invoiceId) || !/^\d{1,12}$/.test(exp) || !SIG.test(sig)) throw refuse();
  const claims = { tenantId, invoiceId, expiresAt: Number(exp) };
  const expected = await hmacSha256Hex(secretOf(env), message(claims));
  if (!timingSafeEqual(sig, expected)) throw refuse();
  if (claims.expiresAt * 1000 <= nowMs) throw refuse();
  return claims;
}

/**
 * Makes a share link for an invoice the actor may read, and audits it (a document leaves the shop).
 * @param input.origin scheme and host the link is served from, e.g. "https://shop.example.com"
 * @throws DomainError forbidden, not_found, store_forbidden (as getInvoice), internal (no secret).
 */
export async function shareInvoice({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; origin: string; expiresInSeconds?: number };
}): Promise<{ url: string; expiresAt: string }> {
  assertCan(ctx.actor.role, "sales.read");
  const invoice = await getInvoice({ ctx, input: { id: input.id } });
  const ttl = input.expiresInSeconds ?? SHARE_LINK_DEFAULT_TTL_SECONDS;
  const expiresAt = Math.floor(Date.now() / 1000) + ttl;
  const token = await signShareToken(ctx.env, { tenantId: ctx.tenant.id, invoiceId: invoice.id, expiresAt });
  const at = new Date(expiresAt * 1000).toISOString();
  await ctx.d1.batch([
    await auditStatement(ctx, {
      action: "invoice.shared",
      entityType: "invoice",
      entityId: invoice.id,
      summary: { number: invoice.number, expiresAt: at },
    }),
  ]);
  return { url: `${input.origin}${SHARE_PATH_PREFIX}${token}.pdf`, expiresAt: at };
}

/**
 * The invoice a verified token names, read from its tenant's database (no login, no tenant host).
 * @throws DomainError not_found (bad token, or no such invoice in that tenant), tenant_suspended.
 */
export async function sharedInvoice(env: Env, token: string): Promise<{ tenantId: string; invoice: InvoiceDocument }> {
  const claims = await verifyShareToken(env, token);
  const tenant = await drizzle(env.PLATFORM_DB).select().from(tenants).where(eq(tenants.id, claims.tenantId)).get();
  if (!tenant) throw new DomainError("not_found", "This invoice link is invalid or has expired");
  if (tenant.status === "suspended") throw new DomainError("tenant_suspended");
  const d1 = await openTenantDatabase(env, tenant);
  const row = await d1.prepare("SELECT document FROM invoices WHERE id = ?").bind(claims.invoiceId).first<{ document: string }>();
  if (!row) throw new DomainError("not_found", "This invoice link is invalid or has expired");
  return { tenantId: tenant.id, invoice: JSON.parse(row.document) as InvoiceDocument };
}

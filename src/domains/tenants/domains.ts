/**
 * Custom domains of a tenant: add (pending, with a TXT record to publish), verify through the
 * hostname provider, list, remove. Only verified hostnames route (src/platform/tenancy/resolve.ts).
 */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { randomToken } from "../../platform/crypto";
import { DomainError } from "../../platform/errors";
import { nowIso } from "../../platform/ids";
import { type HostnameProvider, hostnameProvider, type VerificationRecord, verificationName } from "./hostname-provider";

/** A custom domain as the API shows it. */
export interface DomainOut {
  hostname: string;
  state: "pending" | "verified" | "failed";
  verification: VerificationRecord;
  createdAt: string;
  verifiedAt: string | null;
}

interface HostRow {
  hostname: string;
  tenant_id: string;
  kind: string;
  state: DomainOut["state"];
  verification_token: string | null;
  provider_id: string | null;
  created_at: string;
  verified_at: string | null;
}

function toOut(r: HostRow): DomainOut {
  return {
    hostname: r.hostname,
    state: r.state,
    verification: { type: "TXT", name: verificationName(r.hostname), value: r.verification_token ?? "" },
    createdAt: r.created_at,
    verifiedAt: r.verified_at,
  };
}

async function ownRow(ctx: ServiceContext, hostname: string): Promise<HostRow> {
  const row = await ctx.env.PLATFORM_DB.prepare("SELECT * FROM hostnames WHERE hostname = ? AND tenant_id = ? AND kind = 'custom'")
    .bind(hostname, ctx.tenant.id)
    .first<HostRow>();
  if (!row) throw new DomainError("not_found", "Domain not found");
  return row;
}

/**
 * Adds a custom hostname in state pending. @throws DomainError forbidden, hostname_taken,
 * validation_failed (a hostname under the platform domain).
 */
export async function addDomain({
  ctx,
  hostname,
  provider = hostnameProvider(ctx.env),
}: {
  ctx: ServiceContext;
  hostname: string;
  provider?: HostnameProvider;
}): Promise<DomainOut> {
  assertCan(ctx.actor.role, "domains.manage");
  const host = hostname.toLowerCase();
  if (host === ctx.env.PLATFORM_DOMAIN || host.endsWith(`.${ctx.env.PLATFORM_DOMAIN}`)) {
    throw new DomainError("validation_failed", "Platform subdomains are assigned, not added", {
      fields: [{ path: "hostname", message: "under the platform domain" }],
    });
  }
  if (await ctx.env.PLATFORM_DB.prepare("SELECT 1 FROM hostnames WHERE hostname = ?").bind(host).first())
    throw new DomainError("hostname_taken");
  const { providerId, record } = await provider.register(host, `edgetill-verify=${randomToken(18)}`);
  try {
    await ctx.env.PLATFORM_DB.prepare(
      "INSERT INTO hostnames (hostname, tenant_id, kind, state, verification_token, provider_id) VALUES (?, ?, 'custom', 'pending', ?, ?)",
    )
      .bind(host, ctx.tenant.id, record.value, providerId)
      .run();
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw new DomainError("hostname_taken");
    throw err;
  }
  await (await auditStatement(ctx, { action: "domain.added", entityType: "domain", entityId: host })).run();
  return toOut(await ownRow(ctx, host));
}

/** Checks a pending domain with the provider and records the outcome. @throws DomainError not_found, forbidden. */
export async function verifyDomain({
  ctx,
  hostname,
  provider = hostnameProvider(ctx.env),
}: {
  ctx: ServiceContext;
  hostname: string;
  provider?: HostnameProvider;
}): Promise<DomainOut> {
  assertCan(ctx.actor.role, "domains.manage");
  const row = await ownRow(ctx, hostname.toLowerCase());
  if (row.state === "verified") return toOut(row);
  const state = await provider.check(row.hostname, row.verification_token ?? "", row.provider_id);
  await ctx.env.PLATFORM_DB.prepare("UPDATE hostnames SET state = ?, verified_at = ? WHERE hostname = ?")
    .bind(state, state === "verified" ? nowIso() : null, row.hostname)
    .run();
  await (await auditStatement(ctx, { action: "domain.checked", entityType: "domain", entityId: row.hostname, summary: { state } })).run();
  return toOut(await ownRow(ctx, row.hostname));
}

/** The tenant's custom domains. */
export async function listDomains({ ctx }: { ctx: ServiceContext }): Promise<DomainOut[]> {
  assertCan(ctx.actor.role, "domains.manage");
  const rows = await ctx.env.PLATFORM_DB.prepare("SELECT * FROM hostnames WHERE tenant_id = ? AND kind = 'custom' ORDER BY hostname")
    .bind(ctx.tenant.id)
    .all<HostRow>();
  return rows.results.map(toOut);
}

/** Removes a custom domain; it stops routing at once. */
export async function removeDomain({ ctx, hostname }: { ctx: ServiceContext; hostname: string }): Promise<void> {
  assertCan(ctx.actor.role, "domains.manage");
  const row = await ownRow(ctx, hostname.toLowerCase());
  await ctx.env.PLATFORM_DB.prepare("DELETE FROM hostnames WHERE hostname = ?").bind(row.hostname).run();
  await (await auditStatement(ctx, { action: "domain.removed", entityType: "domain", entityId: row.hostname })).run();
}

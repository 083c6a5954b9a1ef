/**
 * signupTenant: creates a tenant and its owner in one step (POST /v1/signup).
 *
 * Order matters for "a signup that fails halfway leaves no half tenant": the database is claimed
 * first (atomic in the control plane), the tenant row is written as `provisioning`, the schema is
 * applied, the owner is created, and only then is the tenant `active`. Any failure after the
 * claim deletes what was written and gives the database back (or takes a broken one out of the
 * pool), so the slug is free again and the pool loses nothing.
 */
import type { z } from "@hono/zod-openapi";
import { auditStatement } from "../../platform/audit";
import { hashPassword } from "../../platform/auth/password";
import type { Env } from "../../platform/env";
import { DomainError } from "../../platform/errors";
import { gstinStateCode } from "../../platform/gst/gstin";
import { newId, nowIso } from "../../platform/ids";
import { migrateTenantDatabase } from "../../platform/tenancy/migrate";
import { claimDatabase, markBroken, releaseDatabase } from "../../platform/tenancy/pool";
import type { Tenant } from "../../platform/tenancy/resolve";
import { sendAccountMessage } from "../auth/account";
import { oneTimeToken } from "../auth/one-time";
import { issueSession, type TokenPair } from "../auth/session";
import type { SignupInput } from "./schemas";

/** The result of a signup: the tenant and the owner's first session. */
export interface SignupResult {
  tenant: Tenant;
  ownerId: string;
  tokens: TokenPair;
}

async function slugTaken(env: Env, slug: string): Promise<boolean> {
  return (await env.PLATFORM_DB.prepare("SELECT 1 FROM tenants WHERE slug = ?").bind(slug).first()) !== null;
}

/**
 * @param input validated SignupInput.
 * @param requestId for the audit entry.
 * @throws DomainError slug_taken (409), tenant_pool_exhausted (503).
 */
export async function signupTenant({
  env,
  input,
  requestId,
}: {
  env: Env;
  input: z.infer<typeof SignupInput>;
  requestId: string;
}): Promise<SignupResult> {
  if (await slugTaken(env, input.slug)) throw new DomainError("slug_taken", `The slug ${input.slug} is taken`);
  const tenantId = newId("tenant");
  const { binding, db } = await claimDatabase(env, tenantId, input.dataRegion);
  const hostname = `${input.slug}.${env.PLATFORM_DOMAIN}`;
  let tenantWritten = false;
  try {
    try {
      await env.PLATFORM_DB.batch([
        env.PLATFORM_DB.prepare(
          `INSERT INTO tenants (id, slug, legal_name, country, currency, time_zone, tax_regime, gstin, state_code, data_region, plan, status, database_binding)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'provisioning', ?)`,
        ).bind(
          tenantId,
          input.slug,
          input.legalName,
          input.country,
          input.currency,
          input.timeZone,
          input.taxRegime,
          input.gstin ?? null,
          input.gstin ? gstinStateCode(input.gstin) : null,
          input.dataRegion ?? "auto",
          input.plan,
          binding,
        ),
        env.PLATFORM_DB.prepare(
          "INSERT INTO hostnames (hostname, tenant_id, kind, state, verified_at) VALUES (?, ?, 'platform', 'verified', ?)",
        ).bind(hostname, tenantId, nowIso()),
      ]);
    } catch (err) {
      if (String(err).includes("UNIQUE")) throw new DomainError("slug_taken", `The slug ${input.slug} is taken`);
      throw err;
    }
    tenantWritten = true;

    let version: string;
    try {
      ({ version } = await migrateTenantDatabase(db));
      const used = await db.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>();
      if ((used?.n ?? 0) > 0) throw new Error("claimed tenant database is not empty");
    } catch (err) {
      await markBroken(env, binding, `signup could not prepare it: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }

    const ownerId = newId("user");
    const verify = await oneTimeToken(db, ownerId, "verify_email");
    await db.batch([
      db
        .prepare("INSERT INTO users (id, email, name, role, store_ids, password_hash, status) VALUES (?, ?, ?, 'owner', NULL, ?, 'active')")
        .bind(ownerId, input.owner.email.toLowerCase(), input.owner.name, await hashPassword(input.owner.password)),
      verify.stmt,
      await auditStatement(
        { d1: db, requestId, actor: { type: "user", id: ownerId } },
        { action: "tenant.signup", entityType: "tenant", entityId: tenantId, summary: { slug: input.slug, plan: input.plan } },
      ),
    ]);
    await sendAccountMessage(env, db, {
      channel: "email",
      recipient: input.owner.email.toLowerCase(),
      template: "verify_email",
      subject: "Verify your email for Edgetill",
      body: `Confirm your email: POST /v1/auth/verify-email {"token":"${verify.token}"}`,
    });

    await env.PLATFORM_DB.prepare("UPDATE tenants SET status = 'active', schema_version = ? WHERE id = ?").bind(version, tenantId).run();
    const tenant = await env.PLATFORM_DB.prepare("SELECT * FROM tenants WHERE id = ?").bind(tenantId).first();
    const tokens = await issueSession(env, db, tenantId, { id: ownerId, role: "owner", storeIds: null });
    return { tenant: rowToTenant(tenant as Record<string, unknown>), ownerId, tokens };
  } catch (err) {
    await undoSignup(env, db, binding, tenantId, tenantWritten);
    throw err;
  }
}

/** Compensation for a failed signup: remove the tenant's rows and give the database back. */
async function undoSignup(env: Env, db: D1Database, binding: string, tenantId: string, tenantWritten: boolean): Promise<void> {
  if (tenantWritten) {
    await env.PLATFORM_DB.batch([
      env.PLATFORM_DB.prepare("DELETE FROM hostnames WHERE tenant_id = ?").bind(tenantId),
      env.PLATFORM_DB.prepare("DELETE FROM tenants WHERE id = ?").bind(tenantId),
    ]);
  }
  const pool = await env.PLATFORM_DB.prepare("SELECT state FROM database_pool WHERE binding = ?").bind(binding).first<{ state: string }>();
  if (pool?.state !== "claimed") return; // already taken out of service
  try {
    // Leave the database as empty as it came, so the next signup can use it.
    for (const table of ["audit_log", "one_time_tokens", "refresh_tokens", "notification_outbox", "users"]) {
      await db.prepare(`DELETE FROM ${table}`).run();
    }
    await releaseDatabase(env, binding, tenantId);
  } catch (err) {
    await markBroken(env, binding, `could not be emptied after a failed signup: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Maps a raw tenants row (snake_case) to the Tenant shape. */
export function rowToTenant(r: Record<string, unknown>): Tenant {
  return {
    id: r.id as string,
    slug: r.slug as string,
    legalName: r.legal_name as string,
    country: r.country as string,
    currency: r.currency as string,
    timeZone: r.time_zone as string,
    taxRegime: r.tax_regime as string,
    gstin: (r.gstin as string | null) ?? null,
    stateCode: (r.state_code as string | null) ?? null,
    dataRegion: r.data_region as string,
    plan: r.plan as string,
    featureOverrides: r.feature_overrides as string,
    status: r.status as string,
    databaseBinding: (r.database_binding as string | null) ?? null,
    schemaVersion: (r.schema_version as string | null) ?? null,
    createdAt: r.created_at as string,
  };
}

/**
 * Custom-hostname verification behind an adapter. Production: Cloudflare for SaaS custom
 * hostnames API (POST/GET /zones/{zone_id}/custom_hostnames) with TXT ownership verification.
 * Development and tests: a local adapter that reads TXT records from the control plane's
 * local_dns_records table (public DNS cannot be queried here).
 */
import type { Env } from "../../platform/env";

/** Verification state of a custom hostname. */
export type HostnameState = "pending" | "verified" | "failed";

/** What the tenant must publish to prove it owns the hostname. */
export interface VerificationRecord {
  type: "TXT";
  name: string;
  value: string;
}

/** A custom-hostname provider. */
export interface HostnameProvider {
  /** Registers the hostname; @returns the provider's id and the TXT record to publish. */
  register(hostname: string, token: string): Promise<{ providerId: string | null; record: VerificationRecord }>;
  /** Checks ownership and certificate state now. */
  check(hostname: string, token: string, providerId: string | null): Promise<HostnameState>;
}

/** The TXT record name under which a tenant proves ownership of `hostname`. */
export function verificationName(hostname: string): string {
  return `_edgetill.${hostname}`;
}

/** Local adapter: ownership is proven when local_dns_records holds the token under the record name. */
export function localHostnameProvider(platformDb: D1Database): HostnameProvider {
  return {
    async register(hostname, token) {
      return { providerId: null, record: { type: "TXT", name: verificationName(hostname), value: token } };
    },
    async check(hostname, token) {
      const row = await platformDb
        .prepare("SELECT value FROM local_dns_records WHERE name = ?")
        .bind(verificationName(hostname))
        .first<{ value: string }>();
      return row?.value === token ? "verified" : "pending";
    },
  };
}

/** Minimal shape of Cloudflare API v4 custom hostname results used here. */
interface CfCustomHostname {
  id: string;
  status: string;
  ownership_verification?: { type: string; name: string; value: string };
  ssl?: { status: string };
}

/**
 * Cloudflare for SaaS adapter (https://developers.cloudflare.com/api/resources/custom_hostnames/).
 * `fetcher` is injectable so tests replay recorded API answers instead of calling the internet.
 */
export function cloudflareHostnameProvider(opts: { apiToken: string; zoneId: string; fetcher?: typeof fetch }): HostnameProvider {
  const f = opts.fetcher ?? fetch;
  const base = `https://api.cloudflare.com/client/v4/zones/${opts.zoneId}/custom_hostnames`;
  const headers = { authorization: `Bearer ${opts.apiToken}`, "content-type": "application/json" };
  async function call(url: string, init: RequestInit): Promise<CfCustomHostname> {
    const res = await f(url, { ...init, headers });
    const body = (await res.json()) as { success: boolean; result: CfCustomHostname; errors?: { message: string }[] };
    if (!body.success) throw new Error(`Cloudflare custom hostnames API: ${body.errors?.map((e) => e.message).join("; ") ?? res.status}`);
    return body.result;
  }
  return {
    async register(hostname) {
      const r = await call(base, { method: "POST", body: JSON.stringify({ hostname, ssl: { method: "txt", type: "dv" } }) });
      const ov = r.ownership_verification;
      return { providerId: r.id, record: { type: "TXT", name: ov?.name ?? verificationName(hostname), value: ov?.value ?? "" } };
    },
    async check(_hostname, _token, providerId) {
      if (!providerId) return "pending";
      const r = await call(`${base}/${providerId}`, { method: "GET" });
      if (r.status === "active" && r.ssl?.status === "active") return "verified";
      if (r.status === "blocked" || r.status === "moved" || r.status === "deleted") return "failed";
      return "pending";
    },
  };
}

/** The provider for this environment: Cloudflare when its secrets are bound, else the local adapter. */
export function hostnameProvider(env: Env): HostnameProvider {
  if (env.CF_API_TOKEN && env.CF_ZONE_ID) return cloudflareHostnameProvider({ apiToken: env.CF_API_TOKEN, zoneId: env.CF_ZONE_ID });
  return localHostnameProvider(env.PLATFORM_DB);
}

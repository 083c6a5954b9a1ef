/**
 * The tenants of a batch of events, read from the control plane in one query: which database
 * each one's events go to, and what consumers need to know about it (its time zone, for report
 * day buckets), so no consumer reads the control plane again per event.
 */
import { type Env, tenantDatabase } from "../env";

/** What an event consumer is told about the event's tenant. */
export interface EventTenant {
  /** `ten_…`. */
  id: string;
  /** IANA time zone, e.g. "Asia/Kolkata": reports bucket instants into days in it. */
  timeZone: string;
}

/** A tenant whose events can be applied: who it is and its database. */
export interface TenantTarget {
  tenant: EventTenant;
  db: D1Database;
}

/**
 * Reads the tenants `ids` in one control-plane query (`IN (SELECT value FROM json_each(?))`, so
 * one bound parameter however many tenants).
 * @returns a map from tenant id to its target; a tenant that is unknown, has no database yet, or
 *   names a binding this Worker lacks is absent (its events cannot be applied: the caller fails them).
 * @throws when the control plane cannot be read.
 */
export async function lookUpTenants(env: Pick<Env, "PLATFORM_DB">, ids: readonly string[]): Promise<Map<string, TenantTarget>> {
  const found = new Map<string, TenantTarget>();
  if (ids.length === 0) return found;
  const rows = await env.PLATFORM_DB.prepare(
    "SELECT id, database_binding AS binding, time_zone AS tz FROM tenants WHERE id IN (SELECT value FROM json_each(?))",
  )
    .bind(JSON.stringify(ids))
    .all<{ id: string; binding: string | null; tz: string }>();
  for (const r of rows.results) {
    const db = r.binding ? tenantDatabase(env as Env, r.binding) : undefined;
    if (db) found.set(r.id, { tenant: { id: r.id, timeZone: r.tz }, db });
  }
  return found;
}

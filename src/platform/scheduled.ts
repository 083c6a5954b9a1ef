/**
 * Periodic work (cron trigger in wrangler.toml): eager schema upgrades of every tenant, sealing
 * of audit chains, webhook retries and due notifications, expiry of idempotency records, and the
 * daily jobs of each tenant (src/domains/notifications/jobs.ts: expiring-batch alerts, overdue
 * udhaar reminders, daily summary to owners), each once per tenant-local day (scheduled_runs), and
 * an hourly sweep of lapsed stock reservations in every store (a backstop for the stores' alarms).
 * `nowMs` is the cron's scheduled time, so the jobs' "today" is the tick's, not the wall clock's.
 */

import { dailySummary, expiringBatchAlerts, type JobTenant, udhaarOverdueReminders } from "../domains/notifications/jobs";
import { notifierFor } from "../domains/notifications/providers";
import { sendDueNotifications } from "../domains/notifications/send";
import { storeObjectName } from "../domains/stores/access";
import { retryDueWebhooks, workerFetch } from "../domains/webhooks/deliver";
import { sealAuditChain } from "./audit";
import { type Env, tenantDatabase } from "./env";
import { IDEMPOTENCY_TTL_MS } from "./http/idempotency";
import { upgradeAllTenants } from "./tenancy/resolve";

/** The cron's period: every 5 minutes (wrangler.toml [triggers] crons). */
export const CRON_PERIOD_MS = 5 * 60_000;

/**
 * How often the lapsed-reservations sweep runs: hourly. Each store's alarm already expires its
 * reservations on time; the sweep only bounds what a lost alarm can hold back, and waking every
 * store once an hour (not every 5 minutes) keeps it cheap.
 */
export const RESERVATION_SWEEP_PERIOD_MS = 60 * 60_000;

/** Whether the tick at `nowMs` is the first of its sweep period (ticks fall on whole minutes). */
export function isReservationSweepTick(nowMs: number): boolean {
  return nowMs % RESERVATION_SWEEP_PERIOD_MS < CRON_PERIOD_MS;
}

/**
 * Asks each of the tenant's store objects to release lapsed reservations (StoreDurableObject.
 * sweepLapsedReservations); a store that fails is logged and does not stop the others.
 * @returns how many reservations were released.
 */
export async function sweepLapsedReservations(env: Env, db: D1Database, tenantId: string): Promise<number> {
  const stores = (await db.prepare("SELECT id FROM stores").all<{ id: string }>()).results;
  let expired = 0;
  for (const { id } of stores) {
    try {
      const r = await env.STORE.getByName(storeObjectName(tenantId, id)).sweepLapsedReservations();
      if (r.ok) expired += r.expired;
    } catch (err) {
      console.error(JSON.stringify({ level: "error", event: "scheduled.sweep_failed", tenantId, storeId: id, message: String(err) }));
    }
  }
  return expired;
}

/** The daily jobs, in order; each fails alone. */
const DAILY_JOBS = [
  ["expiring_batches", expiringBatchAlerts],
  ["udhaar_overdue", udhaarOverdueReminders],
  ["daily_summary", dailySummary],
] as const;

/** Runs every periodic job once; a failure of one tenant (or one daily job) does not stop the others. */
export async function runScheduled(env: Env, nowMs = Date.now()): Promise<void> {
  await upgradeAllTenants(env);
  const cutoff = new Date(nowMs - IDEMPOTENCY_TTL_MS).toISOString();
  await env.PLATFORM_DB.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(cutoff).run();
  const rows = await env.PLATFORM_DB.prepare(
    "SELECT id, legal_name AS name, time_zone AS timeZone, currency, database_binding AS b, status FROM tenants WHERE status != 'provisioning'",
  ).all<JobTenant & { b: string; status: string }>();
  for (const { b, status, ...tenant } of rows.results) {
    const db = tenantDatabase(env, b);
    if (!db) continue;
    try {
      await sealAuditChain(db);
      await retryDueWebhooks(db, workerFetch);
      await sendDueNotifications(db, notifierFor(env, db));
      await db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(cutoff).run();
    } catch (err) {
      console.error(JSON.stringify({ level: "error", event: "scheduled.tenant_failed", binding: b, message: String(err) }));
    }
    // A suspended tenant keeps its housekeeping but sends no messages.
    if (status !== "active") continue;
    if (isReservationSweepTick(nowMs)) await sweepLapsedReservations(env, db, tenant.id);
    for (const [name, job] of DAILY_JOBS) {
      try {
        await job(env, db, tenant, nowMs);
      } catch (err) {
        console.error(
          JSON.stringify({ level: "error", event: "scheduled.job_failed", job: name, tenantId: tenant.id, message: String(err) }),
        );
      }
    }
  }
}

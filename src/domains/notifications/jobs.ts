/**
 * Daily notification jobs run by the cron (src/platform/scheduled.ts) for one tenant:
 * expiring-batch alerts to each store's managers, overdue udhaar reminders to customers, and the
 * daily summary to owners. Each runs once per tenant-local day (and scope) through
 * {@link onceADay}: the scheduled_runs key table remembers a finished run, and every message has a
 * dedupe key of its day, so a cron that fires every 5 minutes — or a run that failed half-way and is
 * repeated — sends each message once.
 */
import { localDay } from "../../../durable-objects/pos/series";
import type { Env } from "../../platform/env";
import { addDays, EXPIRY_HORIZON_DAYS, expiringBatches } from "../reports/expiring";
import { UDHAAR_DUE_DAYS, udhaarReceivables } from "../reports/receivables";
import { formatMinor } from "../reports/table";
import { minorUnitDigits } from "../tax";
import { notifierFor } from "./providers";
import { notify } from "./send";
import { storeManagers } from "./stock-low";

/** Days between two reminders of the same overdue udhaar to the same customer: 7 (weekly, not daily nagging). */
export const UDHAAR_REMINDER_INTERVAL_DAYS = 7;

/** What a job needs to know of the tenant (control-plane row). */
export interface JobTenant {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
}

/**
 * Runs `fn` unless (job, scope, day) already finished; records the run with fn's result after it
 * succeeds (a failure leaves no row, so the next cron retries; message dedupe keys make that safe).
 * @returns whether fn ran.
 */
export async function onceADay(d1: D1Database, job: string, scope: string, day: string, fn: () => Promise<unknown>): Promise<boolean> {
  const done = await d1.prepare("SELECT 1 AS x FROM scheduled_runs WHERE job = ? AND scope = ? AND day = ?").bind(job, scope, day).first();
  if (done) return false;
  const result = await fn();
  await d1
    .prepare("INSERT OR IGNORE INTO scheduled_runs (job, scope, day, result) VALUES (?, ?, ?, ?)")
    .bind(job, scope, day, JSON.stringify(result ?? null))
    .run();
  return true;
}

/** Money for a message from minor units, exact: "₹1234.50" for INR, else "<ISO code> 1234.50". */
export function moneyText(minor: number, currency: string): string {
  const amount = formatMinor(minor, minorUnitDigits(currency));
  return currency === "INR" ? `₹${amount}` : `${currency} ${amount}`;
}

/** Alerts each store's managers to batches expiring within EXPIRY_HORIZON_DAYS: one message per batch, manager and day. */
export async function expiringBatchAlerts(env: Env, d1: D1Database, tenant: JobTenant, nowMs: number): Promise<void> {
  const day = localDay(new Date(nowMs).toISOString(), tenant.timeZone);
  const stores = (await d1.prepare("SELECT id, name FROM stores ORDER BY code").all<{ id: string; name: string }>()).results;
  const notifier = notifierFor(env, d1);
  for (const store of stores) {
    await onceADay(d1, "expiring_batches", store.id, day, async () => {
      const batches = await expiringBatches(env, d1, tenant.id, [store.id], addDays(day, EXPIRY_HORIZON_DAYS), day);
      if (batches.length === 0) return { batches: 0 };
      const managers = await storeManagers(d1, store.id);
      for (const b of batches)
        for (const u of managers)
          await notify(d1, notifier, {
            dedupeKey: `batch.expiring:${store.id}:${b.sku}:${b.batch}:${day}:${u.id}`,
            templateKey: "batch.expiring",
            channel: "email",
            recipient: u.email,
            userId: u.id,
            variables: { ...b, storeName: store.name, recipientName: u.name },
          });
      return { batches: batches.length, managers: managers.length };
    });
  }
}

/**
 * Reminds customers whose udhaar is overdue (older than UDHAAR_DUE_DAYS) by SMS, at most once per
 * UDHAAR_REMINDER_INTERVAL_DAYS per store and customer. The customer's phone is their opt-out key.
 */
export async function udhaarOverdueReminders(env: Env, d1: D1Database, tenant: JobTenant, nowMs: number): Promise<void> {
  const day = localDay(new Date(nowMs).toISOString(), tenant.timeZone);
  await onceADay(d1, "udhaar_overdue", "*", day, async () => {
    const due = (await udhaarReceivables(d1, day, null)).filter((r) => r.overdue > 0);
    const stores = new Map(
      (await d1.prepare("SELECT id, name FROM stores").all<{ id: string; name: string }>()).results.map((s) => [s.id, s.name]),
    );
    // Keys end in the reminder's local day, so they sort by day: any key within the interval counts.
    const since = addDays(day, -(UDHAAR_REMINDER_INTERVAL_DAYS - 1));
    const notifier = notifierFor(env, d1);
    let sent = 0;
    for (const r of due) {
      const prefix = `udhaar.overdue:${r.storeId}:${r.customer}:`;
      const recent = await d1
        .prepare("SELECT 1 AS x FROM notifications WHERE dedupe_key >= ? AND dedupe_key < ?")
        .bind(`${prefix}${since}`, `${prefix}${day}`)
        .first();
      if (recent) continue;
      await notify(d1, notifier, {
        dedupeKey: `${prefix}${day}`,
        templateKey: "udhaar.overdue",
        channel: "sms",
        recipient: r.customer,
        customerId: r.customer,
        variables: {
          tenantName: tenant.name,
          customerName: r.name ?? "customer",
          amount: moneyText(r.overdue, tenant.currency),
          outstanding: moneyText(r.outstanding, tenant.currency),
          dueDate: r.oldestDay === null ? day : addDays(r.oldestDay, UDHAAR_DUE_DAYS),
          storeName: stores.get(r.storeId) ?? r.storeId,
        },
      });
      sent++;
    }
    return { overdue: due.length, sent };
  });
}

/**
 * Sends each active owner the summary of the previous local day (a complete day): invoices, returns
 * and net sales (invoices − credit notes, tax included, minor units formatted), per store. Skipped
 * for a day with no documents.
 */
export async function dailySummary(env: Env, d1: D1Database, tenant: JobTenant, nowMs: number): Promise<void> {
  const date = addDays(localDay(new Date(nowMs).toISOString(), tenant.timeZone), -1);
  await onceADay(d1, "daily_summary", "*", date, async () => {
    const stores = (
      await d1
        .prepare(
          `SELECT s.name, SUM(d.kind = 'invoice') AS sales, SUM(d.kind <> 'invoice') AS returns,
             SUM(CASE WHEN d.kind = 'invoice' THEN d.line_total ELSE -d.line_total END) AS net
           FROM report_sale_docs d JOIN stores s ON s.id = d.store_id WHERE d.day = ? GROUP BY s.id ORDER BY s.code`,
        )
        .bind(date)
        .all<{ name: string; sales: number; returns: number; net: number }>()
    ).results;
    if (stores.length === 0) return { documents: 0 };
    const sum = (k: "sales" | "returns" | "net") => stores.reduce((a, s) => a + s[k], 0);
    const owners = (
      await d1
        .prepare("SELECT id, email, name FROM users WHERE role = 'owner' AND status = 'active' ORDER BY id")
        .all<{ id: string; email: string; name: string }>()
    ).results;
    const notifier = notifierFor(env, d1);
    for (const u of owners)
      await notify(d1, notifier, {
        dedupeKey: `daily.summary:${date}:${u.id}`,
        templateKey: "daily.summary",
        channel: "email",
        recipient: u.email,
        userId: u.id,
        variables: {
          date,
          storeName: tenant.name,
          salesCount: sum("sales"),
          returnsCount: sum("returns"),
          netTotal: moneyText(sum("net"), tenant.currency),
          storeLines: stores.map((s) => `${s.name}: ${s.sales} sales, ${moneyText(s.net, tenant.currency)} net`).join("\n"),
          recipientName: u.name,
        },
      });
    return { stores: stores.length, owners: owners.length };
  });
}

/**
 * Periodic work (cron trigger in wrangler.toml): eager schema upgrades of every tenant, sealing
 * of audit chains, webhook retries and due notifications, expiry of idempotency records.
 */

import { notifierFor } from "../domains/notifications/providers";
import { sendDueNotifications } from "../domains/notifications/send";
import { retryDueWebhooks, workerFetch } from "../domains/webhooks/deliver";
import { sealAuditChain } from "./audit";
import { type Env, tenantDatabase } from "./env";
import { IDEMPOTENCY_TTL_MS } from "./http/idempotency";
import { upgradeAllTenants } from "./tenancy/resolve";

/** Runs every periodic job once; a failure of one tenant does not stop the others. */
export async function runScheduled(env: Env): Promise<void> {
  await upgradeAllTenants(env);
  const cutoff = new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString();
  await env.PLATFORM_DB.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(cutoff).run();
  const rows = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE status != 'provisioning'").all<{
    b: string;
  }>();
  for (const { b } of rows.results) {
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
  }
}

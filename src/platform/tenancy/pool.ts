/**
 * The tenant database pool (ARCHITECTURE.md, "Tenant plane"). Databases are created ahead of time
 * and bound as TENANT_DB_n; the control plane records which are free. Claiming is one UPDATE,
 * and D1 runs one statement at a time per database, so two signups never claim the same one.
 */
import { type Env, tenantDatabase, tenantDatabaseBindings } from "../env";
import { DomainError } from "../errors";
import { newId, nowIso } from "../ids";

/**
 * Records every bound tenant database the control plane does not know yet as free. Cheap and
 * idempotent (INSERT OR IGNORE); run before a claim so a deploy that added bindings needs no step.
 */
export async function syncPool(env: Env): Promise<void> {
  const bindings = tenantDatabaseBindings(env);
  if (bindings.length === 0) return;
  await env.PLATFORM_DB.batch(
    bindings.map((b) => env.PLATFORM_DB.prepare("INSERT OR IGNORE INTO database_pool (binding, state) VALUES (?, 'free')").bind(b)),
  );
}

/**
 * Claims a free tenant database for `tenantId`, preferring `region` when one is free there.
 * @returns the binding name and its D1 database.
 * @throws DomainError tenant_pool_exhausted (503) when none is free; records a platform event
 *   and logs a line an operator will see.
 */
export async function claimDatabase(env: Env, tenantId: string, region?: string): Promise<{ binding: string; db: D1Database }> {
  await syncPool(env);
  for (;;) {
    const row = await env.PLATFORM_DB.prepare(
      `UPDATE database_pool SET state = 'claimed', tenant_id = ?1, claimed_at = ?2
       WHERE binding = (SELECT binding FROM database_pool WHERE state = 'free'
                        ORDER BY (region = ?3) DESC, CAST(substr(binding, 11) AS INTEGER) LIMIT 1)
         AND state = 'free'
       RETURNING binding`,
    )
      .bind(tenantId, nowIso(), region ?? "")
      .first<{ binding: string }>();
    if (!row) {
      const detail = "signup found no free tenant database; run npm run tenants:pool -- --add N and deploy";
      console.error(JSON.stringify({ level: "error", event: "tenant_pool_exhausted", tenantId, detail }));
      await env.PLATFORM_DB.prepare("INSERT INTO platform_events (id, type, detail, occurred_at) VALUES (?, ?, ?, ?)")
        .bind(newId("event"), "tenant_pool.exhausted", detail, nowIso())
        .run();
      throw new DomainError("tenant_pool_exhausted");
    }
    const db = tenantDatabase(env, row.binding);
    if (db) return { binding: row.binding, db };
    // The pool names a binding this deployment no longer has: take it out of service, try the next.
    await markBroken(env, row.binding, "binding missing from this deployment");
  }
}

/** Gives a claimed database back to the pool (a signup that failed after claiming it). */
export async function releaseDatabase(env: Env, binding: string, tenantId: string): Promise<void> {
  await env.PLATFORM_DB.prepare(
    "UPDATE database_pool SET state = 'free', tenant_id = NULL, claimed_at = NULL WHERE binding = ? AND tenant_id = ?",
  )
    .bind(binding, tenantId)
    .run();
}

/** Takes a database out of service with a note for the operator. */
export async function markBroken(env: Env, binding: string, note: string): Promise<void> {
  console.error(JSON.stringify({ level: "error", event: "tenant_pool.broken", binding, note }));
  await env.PLATFORM_DB.batch([
    env.PLATFORM_DB.prepare("UPDATE database_pool SET state = 'broken', tenant_id = NULL, note = ? WHERE binding = ?").bind(note, binding),
    env.PLATFORM_DB.prepare("INSERT INTO platform_events (id, type, detail, occurred_at) VALUES (?, ?, ?, ?)").bind(
      newId("event"),
      "tenant_pool.broken",
      `${binding}: ${note}`,
      nowIso(),
    ),
  ]);
}

/**
 * Applies the bundled tenant schema to a tenant database from inside the Worker (a Worker cannot
 * run wrangler). Each migration runs as one D1 batch — atomic — together with its row in
 * schema_migrations, so a crash mid-way leaves the database at the previous version.
 */
import { TENANT_MIGRATIONS, type TenantMigration } from "./migrations.gen";

const CREATE_LEDGER = "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)";

async function applied(db: D1Database): Promise<Set<string>> {
  const rows = await db.prepare("SELECT name FROM schema_migrations").all<{ name: string }>();
  return new Set(rows.results.map((r) => r.name));
}

/**
 * Brings `db` up to the newest bundled migration. Safe to run concurrently and repeatedly: a
 * migration that another request applied first is skipped.
 * @param migrations the migrations to apply (default: every bundled one), oldest first.
 * @returns the names applied by this call, and the schema version reached.
 * @throws the D1 error of a migration that fails for a reason other than a concurrent apply.
 */
export async function migrateTenantDatabase(
  db: D1Database,
  migrations: TenantMigration[] = TENANT_MIGRATIONS,
): Promise<{ applied: string[]; version: string }> {
  await db.prepare(CREATE_LEDGER).run();
  let done = await applied(db);
  const ran: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    try {
      await db.batch([
        ...m.statements.map((s) => db.prepare(s)),
        db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").bind(m.name, new Date().toISOString()),
      ]);
      ran.push(m.name);
    } catch (err) {
      // Another request may have applied it between our read and our batch; the batch rolled back.
      done = await applied(db);
      if (!done.has(m.name)) throw err;
    }
  }
  return { applied: ran, version: migrations.at(-1)?.name ?? "none" };
}

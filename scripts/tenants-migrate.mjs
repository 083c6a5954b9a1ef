#!/usr/bin/env node
// `npm run tenants:migrate -- [--api URL] [--email E] [--password P] [--json]`
//
// Eager schema upgrade of every tenant database. Tenants are upgraded lazily on their first
// request after a deploy anyway (src/platform/tenancy/migrate.ts); this makes it happen now, for
// all of them, so a slow migration never lands on a customer's request. It runs inside the
// deployed Worker (only the Worker holds the tenant bindings): we log in as a platform admin and
// call POST /v1/platform/migrations/run, then print what each tenant got.
//
// Credentials: --email/--password, or EDGETILL_ADMIN_EMAIL / EDGETILL_ADMIN_PASSWORD (better: they
// stay out of the shell history). Exit code 1 when the API refuses or any tenant failed.
import { adminCli, problem } from "./lib/admin-client.mjs";

const usage =
  "usage: npm run tenants:migrate -- [--api http://localhost:8787] [--email admin@…] [--password …] [--json]\n" +
  "       credentials may come from EDGETILL_ADMIN_EMAIL and EDGETILL_ADMIN_PASSWORD";

const { args, fail, request, login } = adminCli({ name: "tenants:migrate", usage });
const run = await request("POST", "/v1/platform/migrations/run", {}, await login());
if (run.status < 200 || run.status > 299) fail(`migrations run refused: ${problem(run)}`);
if (args.json) {
  console.log(JSON.stringify(run.data, null, 2));
} else {
  printResults(run.data);
}
if (results(run.data).some(failed)) process.exit(1);

/** The per-tenant list, wherever the response puts it. */
function results(data) {
  if (Array.isArray(data)) return data;
  for (const key of ["results", "tenants", "items", "data"]) if (Array.isArray(data?.[key])) return data[key];
  return [];
}

function failed(r) {
  return r?.ok === false || Boolean(r?.error) || ["failed", "error"].includes(r?.status);
}

function printResults(data) {
  const list = results(data);
  if (list.length === 0) {
    console.log(JSON.stringify(data, null, 2));
    return;
  }
  for (const r of list) {
    const who = r.slug ?? r.tenantSlug ?? r.tenantId ?? r.id ?? "?";
    const applied = r.applied ?? r.appliedMigrations ?? r.ran ?? [];
    const detail = failed(r)
      ? `FAILED ${typeof r.error === "string" ? r.error : JSON.stringify(r.error ?? r.detail ?? r)}`
      : Array.isArray(applied) && applied.length
        ? `applied ${applied.join(", ")}`
        : "up to date";
    const version = r.schemaVersion ?? r.version;
    console.log(
      `${failed(r) ? "✗" : "✓"} ${String(who).padEnd(28)} ${r.binding ?? r.databaseBinding ?? ""} ${detail}${version ? ` (now ${version})` : ""}`,
    );
  }
  const bad = list.filter(failed).length;
  console.log(`\n${list.length} tenant(s): ${list.length - bad} ok, ${bad} failed`);
}

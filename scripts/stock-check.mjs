#!/usr/bin/env node
// `npm run stock:check -- --api http://localhost:8787 --tenant <slug> --token <access token or API key>`
// Proves, store by store, that every balance equals the sum of its ledger entries (issue 3): pages
// through GET /v1/stores, calls GET /v1/stores/{id}/stock/check on each, prints one line per store
// and every disagreement, and exits 1 when any store fails (2 on a usage or HTTP error).
// Plain Node 20+ (global fetch); the tenant is named with the X-Tenant header.
import { parseArgs } from "node:util";

const { values: opts } = parseArgs({
  options: {
    api: { type: "string", default: process.env.EDGETILL_API ?? "http://localhost:8787" },
    tenant: { type: "string", default: process.env.EDGETILL_TENANT },
    token: { type: "string", default: process.env.EDGETILL_TOKEN },
    json: { type: "boolean", default: false },
  },
});
if (!opts.tenant || !opts.token) {
  console.error("usage: npm run stock:check -- --api <url> --tenant <slug> --token <access token or API key> [--json]");
  process.exit(2);
}
const api = opts.api.replace(/\/$/, "");
// The API takes a JWT access token or an API key as a bearer credential.
const headers = { "x-tenant": opts.tenant, authorization: `Bearer ${opts.token}` };

async function get(path) {
  const res = await fetch(`${api}${path}`, { headers });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    console.error(`GET ${path} answered ${res.status}: ${body.code ?? ""} ${body.detail ?? JSON.stringify(body)}`);
    process.exit(2);
  }
  return body;
}

const stores = [];
for (let cursor = null; ; ) {
  const page = await get(`/v1/stores?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
  stores.push(...page.items);
  cursor = page.nextCursor;
  if (!cursor) break;
}

let failed = 0;
const results = [];
for (const s of stores) {
  const r = await get(`/v1/stores/${encodeURIComponent(s.id)}/stock/check`);
  results.push({ storeId: s.id, code: s.code, ...r });
  if (!r.ok) failed++;
  if (opts.json) continue;
  console.log(`${r.ok ? "ok  " : "FAIL"} ${s.code.padEnd(12)} ${s.id}  ${r.checkedRows} balance rows`);
  for (const m of r.mismatches) console.log(`       ${m.field} of ${m.sku}/${m.batch || "-"}: kept ${m.kept}, entries say ${m.fromLedger}`);
  for (const n of r.negatives) console.log(`       negative on-hand not allowed: ${n.sku}/${n.batch || "-"} = ${n.onHand}`);
}
if (opts.json) console.log(JSON.stringify({ ok: failed === 0, stores: results }, null, 2));
else console.log(`${stores.length} store(s) checked, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

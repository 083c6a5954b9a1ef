#!/usr/bin/env node
// `npm run events:redrive -- [--api URL] [--list [--state dead|retrying|recovered|redriven]] [--tenant ID] [--type TYPE] [--id DLT_ID ...] [--limit N] [--json]`
//
// Sends dead letters of the events queue back to it once their cause is fixed. Dead letters are
// kept in the control plane by the dead-letter queue's consumer (src/platform/events/dead-letters.ts);
// only the deployed Worker can reach its queues, so this logs in as a platform admin and calls
// POST /v1/platform/events/redrive (or, with --list, GET /v1/platform/events/dead-letters).
// Redrive is safe to repeat: every consumer is idempotent on the event id.
//
// Credentials: --email/--password, or EDGETILL_ADMIN_EMAIL / EDGETILL_ADMIN_PASSWORD (better: they
// stay out of the shell history). Exit code 1 when the API refuses.
import { adminCli, problem } from "./lib/admin-client.mjs";

const usage =
  "usage: npm run events:redrive -- [--api http://localhost:8787] [--list [--state dead|retrying|recovered|redriven]] [--tenant ten_…] [--type stock.moved] [--id dlt_… …] [--limit 100] [--json]\n" +
  "       credentials: --email/--password or EDGETILL_ADMIN_EMAIL and EDGETILL_ADMIN_PASSWORD";

const { args, fail, request, login } = adminCli({
  name: "events:redrive",
  usage,
  options: {
    list: { type: "boolean", default: false },
    state: { type: "string", default: "dead" },
    tenant: { type: "string" },
    type: { type: "string" },
    id: { type: "string", multiple: true },
    limit: { type: "string", default: "100" },
  },
});
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 1000) fail("--limit must be 1..1000");
const token = await login();

if (args.list) {
  const q = new URLSearchParams({ state: args.state, limit: String(limit) });
  if (args.tenant) q.set("tenantId", args.tenant);
  if (args.type) q.set("type", args.type);
  const res = await request("GET", `/v1/platform/events/dead-letters?${q}`, undefined, token);
  if (res.status !== 200) fail(`listing refused: ${problem(res)}`);
  if (args.json) console.log(JSON.stringify(res.data, null, 2));
  else {
    for (const d of res.data.items)
      console.log(
        `${d.id}  ${d.state.padEnd(9)}  ${d.reason.padEnd(18)}  ${d.type ?? "?"}  tenant ${d.tenantId ?? "?"}  attempts ${d.attempts}  deaths ${d.deaths}  last ${d.lastFailedAt}\n    ${d.lastError ?? ""}`,
      );
    console.log(`${res.data.items.length} dead letter(s)`);
  }
  process.exit(0);
}

const body = {
  limit,
  ...(args.tenant ? { tenantId: args.tenant } : {}),
  ...(args.type ? { type: args.type } : {}),
  ...(args.id?.length ? { ids: args.id } : {}),
};
const res = await request("POST", "/v1/platform/events/redrive", body, token);
if (res.status !== 200) fail(`redrive refused: ${problem(res)}`);
if (args.json) console.log(JSON.stringify(res.data, null, 2));
else console.log(`redriven ${res.data.redriven} dead letter(s)${res.data.ids.length ? `: ${res.data.ids.join(", ")}` : ""}`);

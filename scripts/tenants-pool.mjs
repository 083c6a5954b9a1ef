#!/usr/bin/env node
// `npm run tenants:pool -- --add N [--location <hint>] [--jurisdiction <j>] [--local] [--dry-run]`
// `npm run tenants:pool -- --replace-placeholders [--location <hint>]`
//
// Refills the tenant database pool (../docs/operations.md). A Worker cannot bind a D1 database at
// run time, so tenant databases are made ahead of time and bound as numbered TENANT_DB_n bindings
// in the generated block of wrangler.toml. This script rewrites ONLY that block:
//   remote (default)  runs `wrangler d1 create edgetill-tenant-<n>` for each new database and
//                     writes the database_id it prints;
//   --local           only extends the block, with placeholder ids (local D1 needs no real id);
//   --dry-run         prints the new block and writes nothing (and creates nothing);
//   --replace-placeholders  (remote) creates a real database for every entry that still has a
//                     local placeholder id (the 8 committed for local use) and writes its id.
// After a deploy, the Worker records new bindings as free in the control plane by itself on the
// next signup (src/platform/tenancy/pool.ts, syncPool), so no SQL step follows.
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BEGIN = "# BEGIN GENERATED TENANT DATABASE POOL";
const END = "# END GENERATED TENANT DATABASE POOL";
const BINDING_PREFIX = "TENANT_DB_";
const NAME_PREFIX = "edgetill-tenant-";
/**
 * About 5,000 D1 bindings fit one Worker script: bindings live in the script's metadata, capped at
 * 1 MB (Cloudflare Workers limits, verified November 2026; ../shared/ARCHITECTURE.md). Past it,
 * shard tenants across deployments (docs/operations.md).
 */
const BINDING_CEILING = 5_000;
/** Most databases one run may add: keeps a typo (--add 50000) from creating thousands of databases. */
const MAX_ADD_PER_RUN = 500;
/** `wrangler d1 create --location` choices in wrangler 4.164. */
const LOCATIONS = ["weur", "eeur", "apac", "oc", "wnam", "enam"];
const JURISDICTIONS = ["eu", "fedramp", "us"];

const usage = `usage: npm run tenants:pool -- [--add N] [--replace-placeholders] [--location ${LOCATIONS.join("|")}] [--jurisdiction ${JURISDICTIONS.join("|")}] [--local] [--dry-run] [--config wrangler.toml]`;

function fail(message) {
  console.error(`tenants:pool: ${message}\n${usage}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      add: { type: "string" },
      location: { type: "string" },
      jurisdiction: { type: "string" },
      local: { type: "boolean", default: false },
      "replace-placeholders": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      config: { type: "string", default: "wrangler.toml" },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (e) {
  fail(e.message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const add = args.add === undefined ? 0 : Number(args.add);
const replace = args["replace-placeholders"];
const remote = !args.local;
const dryRun = args["dry-run"];
if (args.add !== undefined && (!Number.isInteger(add) || add < 1 || add > MAX_ADD_PER_RUN))
  fail(`--add takes a whole number from 1 to ${MAX_ADD_PER_RUN}`);
if (!add && !replace) fail("say --add N, --replace-placeholders, or both");
if (replace && !remote) fail("--replace-placeholders creates remote databases; it cannot be combined with --local");
if (args.location && !LOCATIONS.includes(args.location)) fail(`unknown --location ${args.location}`);
if (args.jurisdiction && !JURISDICTIONS.includes(args.jurisdiction)) fail(`unknown --jurisdiction ${args.jurisdiction}`);

const configPath = resolve(ROOT, args.config);
const toml = readFileSync(configPath, "utf8");
const start = toml.indexOf(BEGIN);
const endAt = toml.indexOf(END);
if (start < 0 || endAt < start) fail(`${args.config} has no "${BEGIN}" … "${END}" block`);
const beginLineEnd = toml.indexOf("\n", start);
let inner = toml.slice(beginLineEnd + 1, endAt);

/** The block's entries: binding number and database_id, in file order. */
const ENTRY = new RegExp(`binding\\s*=\\s*"${BINDING_PREFIX}(\\d+)"[^[]*?database_id\\s*=\\s*"([^"]*)"`, "g");
const existing = [...inner.matchAll(ENTRY)].map((m) => ({ n: Number(m[1]), id: m[2] }));
const highest = existing.reduce((max, e) => Math.max(max, e.n), 0);
/** Local placeholder ids look like 00000000-0000-0000-0000-000000000007 (see placeholderId). */
const isPlaceholder = (id) => /^00000000-0000-0000-0000-\d{12}$/.test(id);
const placeholders = existing.filter((e) => isPlaceholder(e.id));
const total = existing.length + add;
if (total > BINDING_CEILING) {
  fail(`${total} tenant bindings would pass the ~${BINDING_CEILING} a Worker can carry: shard across deployments (docs/operations.md)`);
}

/** One generated entry; the location hint is a comment because wrangler.toml has no field for it. */
function entry(n, id) {
  const hint = [args.location && `location ${args.location}`, args.jurisdiction && `jurisdiction ${args.jurisdiction}`].filter(Boolean);
  return [
    "",
    "",
    ...(hint.length ? [`# ${hint.join(", ")}`] : []),
    "[[d1_databases]]",
    `binding = "${BINDING_PREFIX}${n}"`,
    `database_name = "${NAME_PREFIX}${n}"`,
    `database_id = "${id}"`,
  ].join("\n");
}

/** A unique placeholder id in the shape of the committed local ones (local D1 never checks it). */
const placeholderId = (n) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
const PENDING_ID = "<id printed by wrangler d1 create>";

/** Creates one remote database; returns its id, or throws with wrangler's output. */
function createRemote(n) {
  const bin = join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");
  const cmd = ["d1", "create", `${NAME_PREFIX}${n}`, "--update-config=false"];
  if (args.location) cmd.push("--location", args.location);
  if (args.jurisdiction) cmd.push("--jurisdiction", args.jurisdiction);
  console.log(`$ wrangler ${cmd.join(" ")}`);
  const env = { ...process.env, CI: "true", PATH: `${join(ROOT, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}` };
  const run = spawnSync(bin, cmd, { cwd: ROOT, env, encoding: "utf8", shell: process.platform === "win32" });
  const out = `${run.stdout ?? ""}\n${run.stderr ?? ""}`;
  // wrangler prints the new binding as JSON ("database_id": "…") or TOML (database_id = "…").
  const id = out.match(/"?database_id"?\s*[:=]\s*"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/i)?.[1];
  if (run.status !== 0 || !id) {
    throw new Error(
      `wrangler d1 create ${NAME_PREFIX}${n} failed (exit ${run.status}); log in with \`npx wrangler login\` or set CLOUDFLARE_API_TOKEN:\n${out.trim()}`,
    );
  }
  return id;
}

let failure;
let replaced = 0;
const added = [];
// 1. Placeholders first: they are the bindings deployed tenants may already be told about.
if (replace) {
  for (const e of placeholders) {
    try {
      const id = dryRun ? PENDING_ID : createRemote(e.n);
      inner = inner.replace(`database_id = "${e.id}"`, `database_id = "${id}"`);
      replaced++;
    } catch (err) {
      failure = err;
      break;
    }
  }
}
// 2. New databases, numbered after the highest existing binding.
for (let n = highest + 1; !failure && n <= highest + add; n++) {
  try {
    added.push(entry(n, dryRun ? (remote ? PENDING_ID : placeholderId(n)) : remote ? createRemote(n) : placeholderId(n)));
  } catch (err) {
    // Keep what was already created: write it so no database is orphaned, then stop.
    failure = err;
  }
}

const block = `${BEGIN}${toml.slice(start + BEGIN.length, beginLineEnd)}\n${inner.trimEnd()}${added.join("")}\n${END}`;
const next = toml.slice(0, start) + block + toml.slice(endAt + END.length);

if (dryRun) {
  console.log(block);
  console.log(
    `\n(dry run: ${args.config} unchanged; would replace ${replaced} placeholder id(s) and add ${added.length} ${remote ? "remote" : "local"} database(s))`,
  );
  process.exit(0);
}
if (replaced || added.length) {
  writeFileSync(`${configPath}.tmp`, next);
  renameSync(`${configPath}.tmp`, configPath);
}
if (replaced) console.log(`${args.config}: replaced ${replaced} placeholder id(s) with real databases`);
if (added.length) {
  console.log(
    `${args.config}: added ${BINDING_PREFIX}${highest + 1}…${BINDING_PREFIX}${highest + added.length} (${existing.length + added.length} tenant databases in the pool)`,
  );
}
if (failure) {
  console.error(`\n${failure.message}\nDatabases created before the failure are in ${args.config}; rerun to do the rest.`);
  process.exit(1);
}
const left = replace ? 0 : placeholders.length;
if (remote) {
  if (left)
    console.warn(`\nwarning: ${left} entries still have local placeholder ids; a deploy fails until you run --replace-placeholders`);
  console.log(`
Next: deploy so the Worker carries the new bindings:
  npm run deploy
The Worker records the new databases as free in the control plane by itself on the next signup
(src/platform/tenancy/pool.ts, syncPool), and applies the tenant schema to each one it claims.`);
  if (args.location) {
    console.log(`The control plane does not learn the location hint by itself yet: after the deploy, tag the new
databases so signups asking for dataRegion "${args.location}" prefer them (docs/operations.md):
  npx wrangler d1 execute PLATFORM_DB --remote --command "UPDATE database_pool SET region = '${args.location}' WHERE binding IN (…)"`);
  }
} else {
  console.log(`
Local only: restart \`npm run dev\` (or rerun the tests) to bind the new databases; they are made
on first use and recorded as free on the next signup (syncPool). Placeholder ids work only locally:
before a deploy, run without --local (or with --replace-placeholders) to make real databases.`);
}
if (total > BINDING_CEILING * 0.8)
  console.warn(`warning: ${total} of ~${BINDING_CEILING} bindings used; plan the sharding in docs/operations.md`);

#!/usr/bin/env node
// `npm run dev` / `bun run dev`: one command from a fresh clone to a running local API.
//   1. makes .dev.vars with an Ed25519 key pair for access tokens (once; it is gitignored),
//   2. applies the control-plane migrations to the local PLATFORM_DB and seeds a platform admin,
//   3. starts `wrangler dev` (local D1, Durable Objects, Queues, R2) and waits for GET /health,
//   4. signs up the demo tenant "demo" through the real API, and prints how to log in.
// Tenant databases need no step here: the Worker applies the tenant schema itself (signup, then
// lazily on each request). Plain Node (20+) runs this file; wrangler runs on the Node 22 that the
// `node` devDependency puts in node_modules/.bin, which is put first on the children's PATH.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.PORT ?? 8787);
const API = `http://127.0.0.1:${PORT}`;
const BIN = join(ROOT, "node_modules", ".bin");
const WIN = process.platform === "win32";
const childEnv = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}` };

/** Fixed local-only credentials, printed below. Never used outside `wrangler dev --local`. */
const DEMO = { slug: "demo", email: "owner@demo.test", password: "demo-owner-2026", name: "Asha Demo" };
const ADMIN = { email: "admin@edgetill.test", password: "platform-admin-2026" };
/** A GSTIN with a valid check digit (Maharashtra, state code 27); see src/platform/gst/gstin.ts. */
const DEMO_GSTIN = "27AAPFU0939F1ZV";
/** Password hash parameters: the exact format of src/platform/auth/password.ts. */
const PBKDF2 = { iterations: 100_000, saltBytes: 16, keyBytes: 32 };

/** The wrangler dev child, once started: killed on Ctrl-C, SIGTERM or a failed start. */
let server;
const log = (msg) => console.log(`\x1b[36m[dev]\x1b[0m ${msg}`);

function wrangler(args, opts = {}) {
  return spawnSync(join(BIN, WIN ? "wrangler.cmd" : "wrangler"), args, { cwd: ROOT, env: childEnv, shell: WIN, encoding: "utf8", ...opts });
}

/** 1. Dev signing keys: an Ed25519 pair as JWK JSON strings with "alg":"EdDSA" (jose reads them). */
function ensureDevVars() {
  const file = join(ROOT, ".dev.vars");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^JWT_PRIVATE_JWK=/m.test(current) && /^JWT_PUBLIC_JWK=/m.test(current)) return;
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = (k) => JSON.stringify({ ...k.export({ format: "jwk" }), alg: "EdDSA" });
  const lines = [`JWT_PRIVATE_JWK='${jwk(privateKey)}'`, `JWT_PUBLIC_JWK='${jwk(publicKey)}'`];
  const prefix = current && !current.endsWith("\n") ? `${current}\n` : current;
  writeFileSync(file, `${prefix}# Local-only signing keys made by scripts/dev.mjs (gitignored).\n${lines.join("\n")}\n`);
  log("wrote .dev.vars with a new Ed25519 key pair for local access tokens");
}

/** 1b. The invoice share-link HMAC key (src/domains/invoices/share.ts), added once to .dev.vars. */
function ensureShareLinkSecret() {
  const file = join(ROOT, ".dev.vars");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^SHARE_LINK_SECRET=/m.test(current)) return;
  const prefix = current && !current.endsWith("\n") ? `${current}\n` : current;
  writeFileSync(file, `${prefix}SHARE_LINK_SECRET='${randomBytes(32).toString("hex")}'\n`);
  log("added SHARE_LINK_SECRET to .dev.vars");
}

/**
 * 1c. The UPI payment-callback HMAC key (src/domains/payments), added once to .dev.vars. To test
 * with a Razorpay test-mode webhook, replace it with that webhook's secret.
 */
function ensureUpiWebhookSecret() {
  const file = join(ROOT, ".dev.vars");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^UPI_WEBHOOK_SECRET=/m.test(current)) return;
  const prefix = current && !current.endsWith("\n") ? `${current}\n` : current;
  writeFileSync(file, `${prefix}UPI_WEBHOOK_SECRET='${randomBytes(32).toString("hex")}'\n`);
  log("added UPI_WEBHOOK_SECRET to .dev.vars");
}

/** "pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>", PBKDF2-HMAC-SHA256 (RFC 8018). */
function hashPassword(password) {
  const salt = randomBytes(PBKDF2.saltBytes);
  const hash = pbkdf2Sync(password, salt, PBKDF2.iterations, PBKDF2.keyBytes, "sha256");
  return `pbkdf2-sha256$${PBKDF2.iterations}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** 2. Control-plane schema and the platform admin, straight into the local D1 files. */
function preparePlatformDb() {
  log("applying control-plane migrations to the local PLATFORM_DB");
  const applied = wrangler(["d1", "migrations", "apply", "PLATFORM_DB", "--local"], { env: { ...childEnv, CI: "true" }, stdio: "inherit" });
  if (applied.status !== 0) fail("wrangler d1 migrations apply failed (see above)");
  const id = `adm_${randomUUID().replace(/-/g, "")}`;
  const sql = `INSERT OR IGNORE INTO platform_admins (id, email, password_hash) VALUES ('${id}', '${ADMIN.email}', '${hashPassword(ADMIN.password)}')`;
  const seeded = wrangler(["d1", "execute", "PLATFORM_DB", "--local", "--command", sql]);
  if (seeded.status !== 0) fail(`seeding the platform admin failed:\n${seeded.stderr || seeded.stdout}`);
}

/** Fails early with a clear message instead of letting wrangler pick another port. */
async function assertPortFree() {
  await new Promise((resolve) => {
    const probe = createServer().once("error", () => fail(`port ${PORT} is in use: stop the other server or run PORT=8788 npm run dev`));
    probe.listen(PORT, "127.0.0.1", () => probe.close(resolve));
  });
}

/** 3. wrangler dev as a child; its output goes straight to this terminal. */
function startWrangler() {
  const args = ["dev", "--local", "--ip", "127.0.0.1", "--port", String(PORT), "--show-interactive-dev-session=false"];
  const child = spawn(join(BIN, WIN ? "wrangler.cmd" : "wrangler"), args, {
    cwd: ROOT,
    env: childEnv,
    shell: WIN,
    stdio: ["ignore", "inherit", "inherit"],
  });
  server = child;
  const stop = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // `kill <npm pid>` ends npm without signalling us: stop too once our parent is gone.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop("SIGTERM"), 1000).unref();
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return child;
}

async function waitForHealth(timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${API}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`GET ${API}/health did not answer within ${timeoutMs / 1000} s`);
}

async function api(method, path, body, headers = {}) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  return { status: res.status, data };
}

/** 4. The demo tenant, through the real signup route; 409 slug_taken on a re-run is fine. */
async function seedDemoTenant() {
  const res = await api("POST", "/v1/signup", {
    slug: DEMO.slug,
    legalName: "Demo Kirana Stores",
    country: "IN",
    currency: "INR",
    timeZone: "Asia/Kolkata",
    taxRegime: "gst",
    gstin: DEMO_GSTIN,
    plan: "enterprise",
    owner: { name: DEMO.name, email: DEMO.email, password: DEMO.password },
  });
  if (res.status === 201) log(`signed up the demo tenant (${res.data.tenant?.id})`);
  else if (res.status === 409) log("the demo tenant already exists");
  else log(`\x1b[33mseeding the demo tenant answered ${res.status}:\x1b[0m ${JSON.stringify(res.data)}`);
}

function banner() {
  const host = `${DEMO.slug}.localhost:${PORT}`;
  const login = JSON.stringify({ email: DEMO.email, password: DEMO.password });
  console.log(`
\x1b[1mEdgetill is running locally\x1b[0m (local D1, Durable Objects, Queues and R2 under .wrangler/state)

  Demo tenant     http://${host}   (or any host with  -H "X-Tenant: ${DEMO.slug}")
  Owner login     ${DEMO.email} / ${DEMO.password}
  Platform admin  ${ADMIN.email} / ${ADMIN.password}   (POST /v1/platform/auth/login)
  API docs        http://localhost:${PORT}/docs   ·   http://localhost:${PORT}/openapi.json

Try:
  curl -s -w '\\n' http://localhost:${PORT}/health
  curl -s -w '\\n' -X POST http://${host}/v1/auth/login -H 'content-type: application/json' -d '${login}'
  curl -s -w '\\n' http://${host}/v1/me -H "authorization: Bearer <accessToken from the login>"

Ctrl-C stops the server.
`);
}

function fail(message) {
  console.error(`\x1b[31m[dev] ${message}\x1b[0m`);
  // The signal is sent before we exit; wrangler then stops its workerd itself.
  if (server && server.exitCode === null) server.kill("SIGTERM");
  process.exit(1);
}

ensureDevVars();
ensureShareLinkSecret();
ensureUpiWebhookSecret();
preparePlatformDb();
await assertPortFree();
startWrangler();
await waitForHealth();
await seedDemoTenant();
banner();

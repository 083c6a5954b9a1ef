// Starting and stopping the `wrangler dev` servers the bench measures, and sampling the RSS of
// their workerd processes. Every child is spawned in its own process group and stopped by that
// group's id only, so the bench ends exactly what it started.
import { execFileSync, execSync, spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { delimiter, dirname, join } from "node:path";

export const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const BIN = join(ROOT, "node_modules", ".bin");
/** Children run with the project's Node 22 (the `node` devDependency) first on PATH. */
export const childEnv = {
  ...process.env,
  PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}`,
  WRANGLER_SEND_METRICS: "false",
  CI: "true",
};

/**
 * Makes .dev.vars with local Ed25519 signing keys when it is missing — the same format as
 * scripts/dev.mjs's ensureDevVars (which cannot be imported: that script runs on import).
 */
export function ensureDevVars() {
  const file = join(ROOT, ".dev.vars");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^JWT_PRIVATE_JWK=/m.test(current) && /^JWT_PUBLIC_JWK=/m.test(current)) return false;
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = (k) => JSON.stringify({ ...k.export({ format: "jwk" }), alg: "EdDSA" });
  const prefix = current && !current.endsWith("\n") ? `${current}\n` : current;
  writeFileSync(
    file,
    `${prefix}# Local-only signing keys made by bench/lib/servers.mjs (gitignored).\nJWT_PRIVATE_JWK='${jwk(privateKey)}'\nJWT_PUBLIC_JWK='${jwk(publicKey)}'\n`,
  );
  return true;
}

/** Runs wrangler synchronously (e.g. `d1 migrations apply`); throws with its output on failure. */
export function wranglerSync(args, opts = {}) {
  const r = spawnSync(join(BIN, "wrangler"), args, { cwd: ROOT, env: childEnv, encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Bundles a Worker once (`wrangler deploy --dry-run`) into `outDir` and writes a copy of its
 * config that runs that bundle with `no_bundle`, beside a copy of .dev.vars. `wrangler dev` on
 * the sources would rebuild and reload whenever anyone edits a file mid-run (seconds-long stalls
 * in the figures); the snapshot measures the code as it was when the bench started.
 * @returns the path of the snapshot's config.
 */
export function snapshotWorker({ config, outDir, name }) {
  wranglerSync(["deploy", "--dry-run", "--outdir", outDir, "--config", config]);
  const base = dirname(config);
  let toml = readFileSync(config, "utf8");
  toml = toml.replace(/^main\s*=.*$/m, `main = "${join(outDir, "index.js")}"\nno_bundle = true`);
  // Paths in the config are relative to it; the copy lives elsewhere.
  toml = toml.replace(/^(migrations_dir\s*=\s*)"([^"]+)"/gm, (_m, k, p) => `${k}"${join(base, p)}"`);
  const file = join(dirname(outDir), `${name}.wrangler.toml`);
  writeFileSync(file, toml);
  const vars = join(ROOT, ".dev.vars");
  if (existsSync(vars)) copyFileSync(vars, join(dirname(outDir), ".dev.vars"));
  return file;
}

/** Starts `wrangler dev --local` on 127.0.0.1:port; output goes to `logFile`. */
export function startWrangler({ name, config, port, inspectorPort, persistTo, logFile }) {
  const fd = openSync(logFile, "w");
  const args = [
    "dev",
    "--local",
    "--config",
    config,
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
  ];
  const child = spawn(join(BIN, "wrangler"), args, { cwd: ROOT, env: childEnv, detached: true, stdio: ["ignore", fd, fd] });
  return { name, child, url: `http://127.0.0.1:${port}`, logFile };
}

/**
 * The product Worker and the floor Worker (bench/floor), each bundled once (a snapshot: edits
 * during the run do not reload them) and started on fresh local state under `out`, the product's
 * control-plane migrations applied first. Pushes both onto `servers` (for cleanup) as they start.
 * @param {{ out: string, tag: string, port: number, servers: object[] }} o `tag` names the state, build
 *   and log folders (state-<tag>, build-<tag>, wrangler-<tag>.log, and the same with "-floor"); the
 *   product listens on `port` (inspector port + 1000), the floor on `port + 1`
 * @returns {Promise<{ app: object, floor: object }>} once both answer
 */
export async function startProductAndFloor({ out, tag, port, servers }) {
  const state = join(out, `state-${tag}`);
  const floorState = join(out, `state-${tag}-floor`);
  for (const d of [state, floorState]) rmSync(d, { recursive: true, force: true });
  wranglerSync(["d1", "migrations", "apply", "PLATFORM_DB", "--local", "--persist-to", state]);
  const productConfig = snapshotWorker({ config: join(ROOT, "wrangler.toml"), outDir: join(out, `build-${tag}`), name: "product" });
  const floorConfig = snapshotWorker({
    config: join(ROOT, "bench", "floor", "wrangler.toml"),
    outDir: join(out, `build-${tag}-floor`),
    name: "floor",
  });
  const start = (name, config, p, persistTo, logFile) => {
    const server = startWrangler({ name, config, port: p, inspectorPort: p + 500, persistTo, logFile });
    servers.push(server);
    return server;
  };
  const app = start("product", productConfig, port, state, join(out, `wrangler-${tag}.log`));
  const floor = start("floor", floorConfig, port + 1, floorState, join(out, `wrangler-${tag}-floor.log`));
  await Promise.all([waitReady(`${app.url}/health`), waitReady(`${floor.url}/hello`)]);
  return { app, floor };
}

/** Stops a server's whole process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopServer(server, graceMs = 5000) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = new Promise((r) => setTimeout(() => r("timeout"), graceMs));
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Polls `url` until it answers 2xx. */
export async function waitReady(url, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Processes below `root` (inclusive) with their RSS in KiB, from one `ps` call. */
function tree(root) {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,rss=,comm="], { encoding: "utf8" });
  const procs = out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .map(([pid, ppid, rss, ...comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), comm: comm.join(" ") }));
  const kids = new Map();
  for (const p of procs) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const found = [];
  const stack = [...(kids.get(root) ?? [])];
  const self = procs.find((p) => p.pid === root);
  if (self) found.push(self);
  while (stack.length) {
    const p = stack.pop();
    found.push(p);
    stack.push(...(kids.get(p.pid) ?? []));
  }
  return found;
}

/** Samples, every `everyMs`, the summed RSS of workerd processes under each server; keeps the peak. */
export function rssSampler(servers, everyMs = 1000) {
  const peak = Object.fromEntries(servers.map((s) => [s.name, { workerdKiB: 0, wranglerNodeKiB: 0 }]));
  const sample = () => {
    for (const s of servers) {
      try {
        const procs = tree(s.child.pid);
        const workerd = procs.filter((p) => p.comm.includes("workerd")).reduce((n, p) => n + p.rss, 0);
        const nodes = procs.filter((p) => !p.comm.includes("workerd")).reduce((n, p) => n + p.rss, 0);
        peak[s.name].workerdKiB = Math.max(peak[s.name].workerdKiB, workerd);
        peak[s.name].wranglerNodeKiB = Math.max(peak[s.name].wranglerNodeKiB, nodes);
      } catch {
        // ps failed once; the next sample will do
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** The machine a bench ran on, for the report: date, cores, CPU model, memory, Node, kernel. */
export function machineFacts() {
  return {
    date: new Date().toISOString(),
    nproc: execSync("nproc", { encoding: "utf8" }).trim(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    uname: execSync("uname -a", { encoding: "utf8" }).trim(),
  };
}

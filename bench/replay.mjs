#!/usr/bin/env node
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csvRows } from "../scripts/replay/lib/csv.mjs";
import { createClient, expectedFigures, formatReconciliation, reconcile, replay } from "../scripts/replay/lib/index.mjs";
import { getStatus, percentile, runPhase } from "./lib/load.mjs";
import { writeSection } from "./lib/sections.mjs";
import { ensureDevVars, machineFacts, ROOT, rssSampler, startProductAndFloor, stopServer } from "./lib/servers.mjs";

const DATA = process.env.BENCH_REPLAY_DATA ?? join(ROOT, "..", "shared", "datasets", "online-retail.csv.gz");
const PHASES = (process.env.BENCH_REPLAY_PHASES ?? "1:2010-12-01..2010-12-01,8:2010-12-02..2010-12-05,32:2010-12-06..2010-12-08")
  .split(",")
  .map((p) => {
    const [c, range] = p.split(":");
    const [from, to] = range.split("..");
    return { concurrency: Number(c), from, to };
  });
const FLOOR_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const OUT = join(ROOT, "bench", "out");
const log = (m) => console.log(`\x1b[35m[bench:replay]\x1b[0m ${m}`);
const servers = [];

const machine = machineFacts();

/** The Worker's own times from its log: per route (ms summed, as it logs them) and per queue batch. */
function whereTimeGoes(logFile) {
  const byRoute = new Map();
  let queueMs = 0;
  let queueBatches = 0;
  let queueMessages = 0;
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    const q = /QUEUE edgetill-events (\d+)\/\d+ \((\d+)ms\)/.exec(line);
    if (q) {
      queueBatches++;
      queueMessages += Number(q[1]);
      queueMs += Number(q[2]);
      continue;
    }
    const i = line.indexOf('{"level"');
    if (i < 0) continue;
    try {
      const j = JSON.parse(line.slice(i));
      if (!j.path || typeof j.ms !== "number") continue;
      const route = `${j.method} ${j.path.replace(/\/(str|sal|prd|ret|crn)_[0-9a-f]+/g, "/{id}")}`;
      const r = byRoute.get(route) ?? { route, n: 0, ms: 0 };
      r.n++;
      r.ms += j.ms;
      byRoute.set(route, r);
    } catch {
      // not a request log line
    }
  }
  return { routes: [...byRoute.values()].sort((a, b) => b.ms - a.ms).slice(0, 8), queueMs, queueBatches, queueMessages };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  ensureDevVars();
  const { app, floor } = await startProductAndFloor({ out: OUT, tag: "replay", port: 8796, servers });
  const sampler = rssSampler(servers);
  let clientPeakKiB = 0;
  const clientTimer = setInterval(() => {
    clientPeakKiB = Math.max(clientPeakKiB, Math.round(process.memoryUsage.rss() / 1024));
  }, 1000);

  // The floor, in the same run.
  const floorPhases = [];
  for (const [name, path] of [
    ["floor: Hono GET /hello", "/hello"],
    ["floor: DO insert via RPC", "/do-insert"],
  ])
    for (const c of [1, 8, 32]) {
      const r = await runPhase({ name, concurrency: c, maxRequests: 5000, maxMs: FLOOR_MS, request: getStatus(`${floor.url}${path}`) });
      floorPhases.push(r);
      log(`${name.padEnd(26)} c=${String(c).padStart(2)} ${r.perSecond}/s p50 ${r.p50} ms p99 ${r.p99} ms`);
    }

  // The replay, one tenant, consecutive day ranges at each concurrency.
  const slug = `bench-replay-${Date.now().toString(36)}`;
  const owner = { email: `owner@${slug}.example`, password: "replay-owner-password-2026" };
  const journal = new Map();
  const phases = [];
  const unplaced = [];
  const extraDocs = new Map(); // month → sales beyond one per invoice
  const extraCreditNotes = new Map(); // month → credit notes beyond one per cancellation
  for (const p of PHASES) {
    const client = createClient({ api: app.url });
    const saleMs = [];
    const request = client.request;
    client.request = async (method, path, opts) => {
      const t0 = performance.now();
      const out = await request(method, path, opts);
      if (method === "POST" && /\/sales$/.test(path)) saleMs.push(performance.now() - t0);
      return out;
    };
    const marks = {};
    const started = performance.now();
    const out = await replay({
      client,
      rows: () => csvRows(DATA),
      range: { from: p.from, to: p.to },
      regime: "vat",
      slug,
      owner,
      concurrency: p.concurrency,
      journal: { get: (k) => journal.get(k), set: (k, v) => void journal.set(k, v) },
      onProgress: (x) => {
        marks[x.phase] ??= performance.now();
      },
    });
    const ended = performance.now();
    const invoiceSecs = (ended - (marks.invoices ?? started)) / 1000;
    saleMs.sort((a, b) => a - b);
    const row = {
      ...p,
      invoices: out.scan.invoices,
      lines: out.scan.lines,
      catalogSeconds: marks.invoices && marks.catalog ? Math.round((marks.invoices - marks.catalog) / 100) / 10 : 0,
      invoiceSeconds: Math.round(invoiceSecs * 10) / 10,
      invoicesPerSecond: Math.round((out.scan.invoices / invoiceSecs) * 10) / 10,
      linesPerSecond: Math.round(out.scan.lines / invoiceSecs),
      saleP50: Math.round(percentile(saleMs, 50) ?? 0),
      saleP99: Math.round(percentile(saleMs, 99) ?? 0),
      unplaced: out.unplaced.length,
    };
    phases.push(row);
    // What the reconciliation of all the days needs to tell explained differences from bugs.
    unplaced.push(...out.unplaced);
    for (const [into, from] of [
      [extraDocs, out.extraDocs],
      [extraCreditNotes, out.extraCreditNotes],
    ])
      for (const [m, n] of from) into.set(m, (into.get(m) ?? 0) + n);
    log(`c=${p.concurrency} ${p.from}..${p.to}: ${JSON.stringify(row)}`);
  }
  const client = createClient({ api: app.url, tenant: slug, ...owner });
  await client.login();
  const from = PHASES[0].from;
  const to = PHASES.at(-1).to;
  const expected = await expectedFigures(csvRows(DATA), { from, to });
  const rec = await reconcile({ client, expected, from, to, unplaced, extraDocs, extraCreditNotes });
  log(`reconciliation ${from}..${to}: every row equal: ${rec.ok}`);
  if (!rec.ok) process.exitCode = 1; // the figures are still written, with the table that shows the difference

  clearInterval(clientTimer);
  const rss = sampler.stop();
  await Promise.all(servers.map((s) => stopServer(s)));
  const time = whereTimeGoes(app.logFile);
  const results = { machine, floorPhases, phases, rss, clientPeakKiB, reconciliationOk: rec.ok, time };
  writeFileSync(join(OUT, "replay.json"), JSON.stringify(results, null, 2));
  writeSection(join(ROOT, "bench", "RESULTS.md"), "replay", report(results, formatReconciliation(rec)));
  log("wrote the replay section of bench/RESULTS.md and bench/out/replay.json");
}

const mib = (kib) => `${Math.round(kib / 1024)} MiB`;

/** The Markdown section. */
function report(r, table) {
  const floor = (name, c) => r.floorPhases.find((x) => x.name === name && x.concurrency === c);
  const rows = r.phases.map(
    (p) =>
      `| ${p.concurrency} | ${p.from}..${p.to} | ${p.invoices} | ${p.lines} | ${p.invoiceSeconds} | **${p.invoicesPerSecond}** | ${p.linesPerSecond} | ${p.saleP50} / ${p.saleP99} | ${floor("floor: Hono GET /hello", p.concurrency)?.perSecond ?? "–"} | ${floor("floor: DO insert via RPC", p.concurrency)?.perSecond ?? "–"} |`,
  );
  const t = r.time;
  const routeRows = t.routes.map((x) => `| ${x.route} | ${x.n} | ${Math.round(x.ms / 1000)} s | ${Math.round(x.ms / x.n)} ms |`);
  return `## Replay of a real retailer (issue 6)

Measured ${r.machine.date} on ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, with
\`npm run bench:replay\` (bench/replay.mjs). The UCI Online Retail invoices of each day range were replayed through the public
HTTP API of \`wrangler dev\` (one tenant, VAT regime, the same code as \`npm run replay\`) at the concurrency given, after the
tenant's catalog and December goods receipt; each sale was timed on the client. Floor columns: the same concurrency against the
floor Worker in the same run (requests/s).

| c | days | invoices | lines | seconds | invoices/s | lines/s | sale p50 / p99 ms | floor Hono /s | floor DO insert /s |
|---|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Peak memory: product workerd ${mib(r.rss.product.workerdKiB)}, its wrangler Node ${mib(r.rss.product.wranglerNodeKiB)};
floor workerd ${mib(r.rss.floor.workerdKiB)}; the replay client (this process) ${mib(r.clientPeakKiB)}.
Reconciliation of all the days replayed, every row equal: **${r.reconciliationOk ? "yes" : "no"}**.

Where the time goes (the Worker's own clock per request, which includes waiting on D1 and the Durable Object;
workerd runs every Worker, Durable Object, local D1 and the queue consumer on one thread here):

| route | requests | total | mean |
|---|---|---|---|
${routeRows.join("\n")}
| queue consumer (${t.queueBatches} batches, ${t.queueMessages} events) | | ${Math.round(t.queueMs / 1000)} s | ${Math.round(t.queueMs / Math.max(1, t.queueBatches))} ms per batch |

<details><summary>Reconciliation table of the bench run</summary>

\`\`\`
${table}
\`\`\`
</details>`;
}

main().catch(async (e) => {
  console.error(e);
  await Promise.all(servers.map((s) => stopServer(s)));
  process.exit(1);
});

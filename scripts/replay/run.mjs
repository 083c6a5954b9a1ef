#!/usr/bin/env node
/**
 * npm run replay -- --data ../shared/datasets/online-retail.csv.gz [--from 2010-12-01] [--to 2011-12-31]
 *   [--concurrency N] [--api http://localhost:8787] [--regime vat|none|gst] [--slug NAME] [--journal FILE]
 *
 * Replays a real retailer's invoices through Edgetill's public HTTP API against a running
 * instance (npm run dev), then prints the reconciliation of the CSV's figures with Edgetill's
 * reports. Resumable: the idempotency keys come from the data, and answers are journaled (JSONL,
 * by default .wrangler/replay/<slug>.jsonl, beside the local state it describes).
 * --regime gst replays into an Indian tenant (lib/gst.mjs: ₹1 per £1, HSN codes and rates by
 * category, place of supply by country) after checking the mapping against the GST portal's
 * masters in --gst-data, and adds the GST checks (lib/gst-checks.mjs) to the reconciliation.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseSync } from "csv-parse/sync";
import { createClient } from "./lib/client.mjs";
import { csvRows } from "./lib/csv.mjs";
import { expectedFigures } from "./lib/expected.mjs";
import { assertCodesInMaster } from "./lib/gst.mjs";
import { formatGstChecks, gstChecks } from "./lib/gst-checks.mjs";
import { formatReconciliation, reconcile } from "./lib/reconcile.mjs";
import { replay } from "./lib/replay.mjs";

const { values: a } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/datasets/online-retail.csv.gz" },
    from: { type: "string" },
    to: { type: "string" },
    concurrency: { type: "string", default: "4" },
    api: { type: "string", default: "http://localhost:8787" },
    regime: { type: "string", default: "vat" },
    "gst-data": { type: "string", default: "../shared/datasets/gst" },
    slug: { type: "string" },
    journal: { type: "string" },
  },
});
if (!["vat", "none", "gst"].includes(a.regime)) {
  console.error(`--regime ${a.regime}: one of vat, none, gst`);
  process.exit(2);
}
if (a.regime === "gst") {
  // Every HSN, SAC and state code the mapping uses must be in the GST portal's masters: fail before any request.
  const codes = (file, column) =>
    new Set(parseSync(readFileSync(`${a["gst-data"]}/${file}`, "utf8"), { columns: true }).map((r) => String(r[column]).trim()));
  assertCodesInMaster({
    hsn: codes("hsn_master.csv", "HSN_CD"),
    sac: codes("sac_master.csv", "SAC_CD"),
    states: codes("gst_state_codes.csv", "state_code"),
  });
}
const money = a.regime === "gst" ? "₹" : "£";
const slug = a.slug ?? `online-retail-${a.regime}`;
const journalPath = a.journal ?? `.wrangler/replay/${slug}.jsonl`;
const range = { from: a.from, to: a.to };

/** CSV records of the gzipped data, streamed (header names as keys). */
const rows = () => csvRows(a.data);

/** The journal: idempotency key → id of what the API answered, appended as JSON lines. */
function openJournal(path) {
  mkdirSync(dirname(path), { recursive: true });
  const map = new Map();
  if (existsSync(path))
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (!line) continue;
      const [k, v] = JSON.parse(line);
      map.set(k, v);
    }
  return {
    size: map.size,
    get: (k) => map.get(k),
    set(k, v) {
      map.set(k, v);
      appendFileSync(path, `${JSON.stringify([k, v])}\n`);
    },
  };
}

/** Seconds of progress the rate is measured over: the current pace, not the phase's average. */
const RATE_WINDOW_S = 60;

/**
 * A one-line progress bar on stderr: phase, done/total, rate per second over the last minute, ETA.
 * The window keeps a resumed run's rate honest: what the journal skips comes in a burst at first.
 */
function progressBar() {
  let phase = null;
  let last = 0;
  let seen = []; // [ms, done] at each redraw of this phase, the last RATE_WINDOW_S seconds
  return (p) => {
    const now = Date.now();
    if (p.phase !== phase) {
      if (phase) process.stderr.write("\n");
      phase = p.phase;
      seen = [];
    }
    // A terminal redraws 4 times a second; a log (CI, a file) gets a line every 10 s.
    if (now - last < (process.stderr.isTTY ? 250 : 10_000) && p.done < p.total && seen.length > 0) return;
    last = now;
    seen.push([now, p.done]);
    while (seen.length > 2 && now - seen[1][0] >= RATE_WINDOW_S * 1000) seen.shift();
    const [t0, d0] = seen[0];
    const rate = seen.length > 1 ? (p.done - d0) / Math.max((now - t0) / 1000, 0.001) : 0;
    const eta = rate > 0 ? Math.round((p.total - p.done) / rate) : 0;
    const w = 30;
    const fill = Math.round((w * p.done) / Math.max(p.total, 1));
    process.stderr.write(
      `${process.stderr.isTTY ? "\r" : ""}${p.phase.padEnd(9)} [${"#".repeat(fill)}${".".repeat(w - fill)}] ${p.done}/${p.total} ${rate.toFixed(1)}/s ETA ${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, "0")}s   ${process.stderr.isTTY ? "" : "\n"}`,
    );
  };
}

const journal = openJournal(journalPath);
const client = createClient({ api: a.api });
const owner = { email: `owner@${slug}.example`, password: "replay-owner-password-2026" };
const started = Date.now();
const bar = progressBar();
let invoicesFrom = null; // when the invoices phase began
console.log(
  `Replaying ${a.data} ${a.from ?? "start"}..${a.to ?? "end"} into tenant ${slug} (${a.regime}) at ${a.api}, concurrency ${a.concurrency}; journal ${journalPath} (${journal.size} done)`,
);
const out = await replay({
  client,
  rows,
  range,
  regime: a.regime,
  slug,
  owner,
  concurrency: Number(a.concurrency),
  journal,
  onProgress: (p) => {
    if (p.phase === "invoices") invoicesFrom ??= Date.now();
    bar(p);
  },
});
process.stderr.write("\n");
const now = Date.now();
const secs = (now - started) / 1000;
const invoiceSecs = Math.max((now - (invoicesFrom ?? started)) / 1000, 0.001); // the sales and returns, after catalog, customers, stock
console.log(
  `Placed in ${secs.toFixed(1)} s: ${JSON.stringify(out.stats)}; ${out.scan.lines} lines, ${out.scan.invoices} invoices in ${invoiceSecs.toFixed(1)} s (${(out.scan.invoices / invoiceSecs).toFixed(1)} invoices/s, ${(out.scan.lines / invoiceSecs).toFixed(0)} lines/s${journal.size ? `; resumed from ${journal.size} journaled answers, so these rates count what was done before` : ""})`,
);

const byReason = new Map();
for (const u of out.unplaced) {
  const k = u.reason.replace(/\b(sal|ret|inv|crn)_[0-9a-f]+/g, "…");
  const x = byReason.get(k) ?? { count: 0, amount: 0 };
  x.count++;
  x.amount += Math.abs(u.amount);
  byReason.set(k, x);
}
console.log(`\nNot placed (${out.unplaced.length} lines or documents):`);
for (const [k, x] of byReason) console.log(`  ${String(x.count).padStart(6)}  ${money}${(x.amount / 100).toFixed(2).padStart(12)}  ${k}`);

const from = a.from ?? out.scan.first?.slice(0, 10);
const to = a.to ?? out.scan.last?.slice(0, 10);
const expected = await expectedFigures(rows(), range);
const r = await reconcile({
  client,
  expected,
  from,
  to,
  unplaced: out.unplaced,
  extraDocs: out.extraDocs,
  extraCreditNotes: out.extraCreditNotes,
});
console.log(
  `\nReconciliation ${from}..${to} (tenant ${slug})\n${formatReconciliation(r, { currency: a.regime === "gst" ? "INR" : "GBP" })}`,
);
let gstOk = true;
if (a.regime === "gst") {
  const t0 = Date.now();
  const g = await gstChecks({ client, from, to });
  gstOk = g.ok;
  console.log(`\n${formatGstChecks(g)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(r.okAfterUnplaced && gstOk ? 0 : 1);

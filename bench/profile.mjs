/**
 * Where the Worker's CPU goes: samples a running `wrangler dev` through its inspector (the
 * Chrome DevTools protocol's Profiler domain) and prints the functions with the most self time and
 * the most inclusive time. Run it while load is on, e.g. during `npm run replay`:
 *
 *   node bench/profile.mjs [--port 9229] [--seconds 30] [--top 30] [--out profile.cpuprofile]
 *
 * `wrangler dev` listens for the inspector on 9229 (the next free port for a second server). Its
 * proxy accepts only the DevTools origin, hence the Origin header (and the `ws` client: the
 * WHATWG WebSocket cannot set it). --out keeps the raw profile for Chrome DevTools' Performance
 * panel. Times are sampled CPU time of the Worker's isolate (the Worker, its Durable Objects and
 * the queue consumer; local D1's SQLite work shows under D1's `_send`/`fetch`), 1 ms interval.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import WebSocket from "ws";

/** Opens the inspector and calls `method`, resolving with its result. */
function inspector(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: "https://devtools.devprod.cloudflare.dev" } });
  let id = 0;
  const waiting = new Map();
  ws.on("message", (m) => {
    const d = JSON.parse(String(m));
    // workerd answers some calls by echoing the request (no `result`), so any message with the id answers it.
    if (d.id && waiting.has(d.id)) {
      waiting.get(d.id)(d);
      waiting.delete(d.id);
    }
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      waiting.set(i, (d) => (d.error ? reject(new Error(`${method}: ${d.error.message}`)) : resolve(d.result ?? {})));
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve({ call, close: () => ws.close() }));
    ws.on("error", (e) => reject(new Error(`inspector on port ${port}: ${e.message} (is wrangler dev running?)`)));
  });
}

/**
 * Self and inclusive time per function ("name file:line", line in the bundle) of a V8 CPU profile.
 * @param {{ nodes: object[], samples: number[], timeDeltas: number[] }} p
 * @returns {{ totalUs: number, self: [string, number][], inclusive: [string, number][] }} microseconds, largest first
 */
export function summarize(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const selfById = new Map();
  let totalUs = 0;
  p.samples.forEach((s, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    totalUs += dt;
    selfById.set(s, (selfById.get(s) ?? 0) + dt);
  });
  const self = new Map();
  const inclusive = new Map();
  for (const [id, t] of selfById) {
    const k0 = key(byId.get(id));
    self.set(k0, (self.get(k0) ?? 0) + t);
    const seen = new Set(); // a recursive function counts once per sample
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }
  const sorted = (m) => [...m].sort((x, y) => y[1] - x[1]);
  return { totalUs, self: sorted(self), inclusive: sorted(inclusive) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    options: {
      port: { type: "string", default: "9229" },
      seconds: { type: "string", default: "30" },
      top: { type: "string", default: "30" },
      out: { type: "string" },
    },
  });
  const ins = await inspector(a.port);
  await ins.call("Profiler.enable");
  await ins.call("Profiler.setSamplingInterval", { interval: 1000 });
  await ins.call("Profiler.start");
  await new Promise((r) => setTimeout(r, Number(a.seconds) * 1000));
  const { profile } = await ins.call("Profiler.stop");
  ins.close();
  if (a.out) writeFileSync(a.out, JSON.stringify(profile));
  const s = summarize(profile);
  const n = Number(a.top);
  const row = ([k, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / s.totalUs).toFixed(1).padStart(5)} %  ${k}`;
  console.log(`${(s.totalUs / 1e6).toFixed(1)} s sampled on port ${a.port}\n\nself time:`);
  console.log(s.self.slice(0, n).map(row).join("\n"));
  console.log("\ninclusive time:");
  console.log(s.inclusive.slice(0, n).map(row).join("\n"));
}

// A small closed-loop load generator: `concurrency` workers each send one request, wait for the
// answer, send the next, until `maxRequests` were sent or `maxMs` passed. Latency is measured per
// request with performance.now() on the client, from before fetch to the end of the body.

/** Nearest-rank percentile of an ascending array (ms). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * Runs one phase. `request(i)` performs request number i and resolves to the HTTP status (or a
 * list of statuses for a multi-request unit, e.g. reserve + commit); a status >= 400 or a thrown
 * error counts as an error. `warmup` units are sent first at the same concurrency and not counted.
 * @returns {name, concurrency, units, errors, statuses, seconds, perSecond, p50, p90, p99, max, mean} (ms).
 */
export async function runPhase({ name, concurrency, maxRequests, maxMs, warmup = 30, request }) {
  const statuses = {};
  const note = (s) => {
    for (const x of Array.isArray(s) ? s : [s]) statuses[x] = (statuses[x] ?? 0) + 1;
  };
  let seq = 0;
  // Warm-up: not timed, statuses kept apart.
  {
    let w = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, warmup) }, async () => {
        while (w < warmup) {
          const i = seq++;
          w++;
          await request(i).catch(() => 0);
        }
      }),
    );
  }
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < maxRequests && performance.now() < deadline) {
        sent++;
        const i = seq++;
        const t0 = performance.now();
        try {
          const s = await request(i);
          note(s);
          if ((Array.isArray(s) ? s : [s]).some((x) => x >= 400)) errors++;
        } catch (e) {
          errors++;
          note(`error:${e?.cause?.code ?? e?.name ?? "unknown"}`);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  const r = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    name,
    concurrency,
    units: latencies.length,
    errors,
    statuses,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round((latencies.length / seconds) * 10) / 10,
    p50: r(percentile(latencies, 50)),
    p90: r(percentile(latencies, 90)),
    p99: r(percentile(latencies, 99)),
    max: r(latencies.at(-1) ?? null),
    mean: r(mean),
  };
}

/** A request for runPhase: GET `url`, read the body, resolve to the status. */
export function getStatus(url) {
  return async () => {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  };
}

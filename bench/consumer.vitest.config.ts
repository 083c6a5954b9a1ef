/**
 * Vitest configuration of the consumer benchmark (bench/consumer.bench.ts): the test suite's
 * configuration (bindings, migrations, setup) with only the benchmark included. Run it through
 * `node bench/consumer.mjs`, which passes BENCH_ROUNDS and records the figures.
 */
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vitest/config";
import base from "../vitest.config.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig(async (configEnv) => {
  const c = (await (base as unknown as (e: typeof configEnv) => Promise<UserConfig>)(configEnv)) as UserConfig;
  return {
    ...c,
    root: ROOT,
    define: { __BENCH_ROUNDS__: JSON.stringify(process.env.BENCH_ROUNDS ?? "10") },
    test: { ...c.test, include: ["bench/consumer.bench.ts"], testTimeout: 900_000 },
  };
});

import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { parse } from "csv-parse/sync";
import { defineConfig } from "vitest/config";

// Tests get their own signing keys, made here, so no key material is committed.
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const jwk = (k: typeof privateKey) => JSON.stringify({ ...k.export({ format: "jwk" }), alg: "EdDSA" });

// wrangler.toml binds 8 tenant databases for local use; test files sign up more tenants than
// that, so tests bind a larger pool (TENANT_DB_1 … TENANT_DB_40). Storage is per test file.
const TEST_POOL_SIZE = 40;
const testPool = Object.fromEntries(
  Array.from({ length: TEST_POOL_SIZE }, (_, i) => [`TENANT_DB_${i + 1}`, `edgetill-test-tenant-${i + 1}`]),
);

// The replay's CI slice (issue 6; test/replay-slice.test.ts): the real data's first invoices, read
// here in Node because tests run inside workerd and cannot read ../shared. "[]" without the data.
const REPLAY_DATA = "../shared/datasets/online-retail.csv.gz";
const REPLAY_SLICE_END = "2010-12-01 10:05:00";
function replaySlice(): string {
  if (!existsSync(REPLAY_DATA)) return "[]";
  const text = gunzipSync(readFileSync(REPLAY_DATA)).subarray(0, 200_000).toString("utf8");
  const rows = parse(text.slice(0, text.lastIndexOf("\n")), { columns: true }) as Record<string, string>[];
  return JSON.stringify(rows.filter((r) => (r.InvoiceDate ?? "") < REPLAY_SLICE_END));
}

// The GST replay's slice (test/replay-gst-slice.test.ts) checks its HSN/SAC/state mapping against the
// GST portal's masters: their codes, read here for the same reason. "{}" without the data.
const GST_DATA = "../shared/datasets/gst";
function gstCodes(): string {
  if (!existsSync(GST_DATA)) return "{}";
  const codes = (file: string, column: string) =>
    (parse(readFileSync(`${GST_DATA}/${file}`, "utf8"), { columns: true }) as Record<string, string>[]).map((r) =>
      String(r[column]).trim(),
    );
  return JSON.stringify({
    hsn: codes("hsn_master.csv", "HSN_CD"),
    sac: codes("sac_master.csv", "SAC_CD"),
    states: codes("gst_state_codes.csv", "state_code"),
  });
}

export default defineConfig(async () => {
  const platformMigrations = await readD1Migrations("migrations/platform");
  const tenantMigrations = await readD1Migrations("migrations/tenant");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          d1Databases: { PLATFORM_DB: "edgetill-platform", ...testPool },
          bindings: {
            ENVIRONMENT: "test",
            JWT_PRIVATE_JWK: jwk(privateKey),
            JWT_PUBLIC_JWK: jwk(publicKey),
            SHARE_LINK_SECRET: randomBytes(32).toString("hex"),
            UPI_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
            PLATFORM_MIGRATIONS: platformMigrations,
            TENANT_MIGRATION_FILES: tenantMigrations,
            REPLAY_SLICE: replaySlice(),
            REPLAY_GST_CODES: gstCodes(),
          },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/setup.ts"],
      include: ["src/**/*.test.ts", "durable-objects/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 30_000,
    },
  };
});

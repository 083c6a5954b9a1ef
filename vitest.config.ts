import { generateKeyPairSync } from "node:crypto";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests get their own signing keys, made here, so no key material is committed.
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const jwk = (k: typeof privateKey) => JSON.stringify({ ...k.export({ format: "jwk" }), alg: "EdDSA" });

export default defineConfig(async () => {
  const platformMigrations = await readD1Migrations("migrations/platform");
  const tenantMigrations = await readD1Migrations("migrations/tenant");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ENVIRONMENT: "test",
            JWT_PRIVATE_JWK: jwk(privateKey),
            JWT_PUBLIC_JWK: jwk(publicKey),
            PLATFORM_MIGRATIONS: platformMigrations,
            TENANT_MIGRATION_FILES: tenantMigrations,
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

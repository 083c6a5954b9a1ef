// Types of `env` and `exports` from "cloudflare:workers" inside tests.
declare namespace Cloudflare {
  type EdgetillEnv = import("../src/platform/env").Env;
  interface GlobalProps {
    mainModule: typeof import("../workers/index");
    durableNamespaces: "StoreDurableObject";
  }
  interface Env extends EdgetillEnv {
    /** Control-plane migrations read by vitest.config.ts, applied in test/setup.ts. */
    PLATFORM_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** migrations/tenant as files, to check the bundled copy has not drifted. */
    TENANT_MIGRATION_FILES: import("cloudflare:test").D1Migration[];
    TENANT_DB_1: D1Database;
    TENANT_DB_2: D1Database;
  }
}

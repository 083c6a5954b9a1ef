// Runs before each test file: applies the control-plane migrations to PLATFORM_DB, as
// `wrangler d1 migrations apply` does in dev. Tenant databases are migrated by signup itself.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.PLATFORM_DB, env.PLATFORM_MIGRATIONS);

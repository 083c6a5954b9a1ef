import { defineConfig } from "drizzle-kit";

/** Control-plane schema → migrations/platform (applied by wrangler d1 migrations apply). */
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/platform.ts",
  out: "./migrations/platform",
});

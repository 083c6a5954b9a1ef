import { defineConfig } from "drizzle-kit";

/** Tenant schema → migrations/tenant (bundled into the Worker and applied per tenant database). */
export default defineConfig({
  dialect: "sqlite",
  schema: ["./src/db/tenant.ts", "./src/domains/*/tables.ts"],
  out: "./migrations/tenant",
});

/**
 * The per-request context handed to every domain verb: { tenant, actor, db, requestId }.
 * Built once by middleware (src/platform/http/middleware.ts) and passed as a plain object.
 */
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { Role } from "./auth/roles";
import type { Env } from "./env";
import type { Tenant } from "./tenancy/resolve";

/** Who is acting: a tenant user, an integration's API key, or a platform admin. */
export interface Actor {
  type: "user" | "api_key" | "platform_admin";
  /** usr_…, key_… or adm_…. */
  id: string;
  role: Role;
  /** Store ids the actor may act in; null = every store. */
  storeIds: string[] | null;
}

/** What every tenant-scoped verb receives. `db` can only reach this tenant's database. */
export interface ServiceContext {
  env: Env;
  tenant: Tenant;
  actor: Actor;
  /** The tenant's database through drizzle. */
  db: DrizzleD1Database;
  /** The same database, raw, for batches of prepared statements. */
  d1: D1Database;
  requestId: string;
}

/** Hono environment of the app: bindings and the variables middleware sets. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    tenant?: Tenant;
    tenantD1?: D1Database;
    actor?: Actor;
    platformAdminId?: string;
    /** Set once the idempotency middleware has taken the request, so a second registration is a no-op. */
    idempotencyTaken?: boolean;
  };
}

/** Builds a ServiceContext; used by middleware and by tests that call verbs directly. */
export function serviceContext(env: Env, tenant: Tenant, d1: D1Database, actor: Actor, requestId: string): ServiceContext {
  return { env, tenant, actor, d1, db: drizzle(d1), requestId };
}

/**
 * Control-plane tables (PLATFORM_DB). drizzle-kit reads this file to generate
 * migrations/platform; the Worker queries through these definitions.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A business on Edgetill. Money is in minor units of `currency` (ISO 4217). */
export const tenants = sqliteTable(
  "tenants",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    legalName: text("legal_name").notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text("country").notNull(),
    /** ISO 4217. */
    currency: text("currency").notNull(),
    /** IANA time zone, e.g. Asia/Kolkata. */
    timeZone: text("time_zone").notNull(),
    /** gst | vat | none. */
    taxRegime: text("tax_regime").notNull(),
    gstin: text("gstin"),
    /** GST state code (two digits) of the principal place of business. */
    stateCode: text("state_code"),
    dataRegion: text("data_region").notNull().default("auto"),
    plan: text("plan").notNull().default("starter"),
    /** JSON object of feature flag overrides on top of the plan: {"reports": true}. */
    featureOverrides: text("feature_overrides").notNull().default("{}"),
    /** provisioning | active | suspended. */
    status: text("status").notNull(),
    /** Binding name of the tenant's D1 database (TENANT_DB_n). */
    databaseBinding: text("database_binding"),
    /** Name of the last tenant migration applied to the tenant database. */
    schemaVersion: text("schema_version"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("tenants_slug_uq").on(t.slug)],
);

/** Hostnames that route to a tenant: its platform subdomain and custom domains. */
export const hostnames = sqliteTable(
  "hostnames",
  {
    hostname: text("hostname").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** platform | custom. */
    kind: text("kind").notNull(),
    /** pending | verified | failed. Only verified hostnames route. */
    state: text("state").notNull(),
    /** Value the tenant publishes as a DNS TXT record at _edgetill.<hostname>. */
    verificationToken: text("verification_token"),
    /** The provider's id of the custom hostname (Cloudflare for SaaS). */
    providerId: text("provider_id"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    verifiedAt: text("verified_at"),
  },
  (t) => [index("hostnames_tenant_idx").on(t.tenantId)],
);

/** Tenant databases created ahead of time and bound to the Worker; signup claims a free one. */
export const databasePool = sqliteTable(
  "database_pool",
  {
    binding: text("binding").primaryKey(),
    /** Location hint the database was created with, or "auto". */
    region: text("region").notNull().default("auto"),
    /** free | claimed | broken. */
    state: text("state").notNull(),
    tenantId: text("tenant_id"),
    claimedAt: text("claimed_at"),
    note: text("note"),
  },
  (t) => [index("database_pool_state_idx").on(t.state)],
);

/** Operators of the platform (not tenant users). */
export const platformAdmins = sqliteTable("platform_admins", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** Idempotency records of requests made before a tenant exists (signup). */
export const platformIdempotencyKeys = sqliteTable("idempotency_keys", {
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  status: integer("status"),
  response: text("response"),
  createdAt: text("created_at").notNull(),
});

/** Operator-visible events of the control plane (pool exhausted, broken database …). */
export const platformEvents = sqliteTable("platform_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  detail: text("detail").notNull(),
  occurredAt: text("occurred_at").notNull(),
});

/**
 * DNS TXT records "published" for the local custom-domain adapter (development and tests only):
 * stands in for public DNS, which a Worker on this machine cannot query.
 */
export const localDnsRecords = sqliteTable("local_dns_records", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Events that failed: recorded by the events consumer when a delivery fails (state retrying,
 * with the error), then by the dead-letter queue's consumer once the queue gives up (dead), so an
 * operator can inspect them and send them back once the cause is fixed
 * (POST /v1/platform/events/redrive, `npm run events:redrive`).
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    /** "<tenantId>:<eventId>", or "msg:<queue message id>" for a body that is not an envelope: one row per event. */
    dedupeKey: text("dedupe_key").notNull(),
    eventId: text("event_id"),
    tenantId: text("tenant_id"),
    type: text("type"),
    /** The message body as JSON: what redrive sends back. */
    body: text("body").notNull(),
    /** consumer_failed (still retrying) | max_retries | malformed_envelope. */
    reason: text("reason").notNull(),
    /** retrying | recovered (a retry succeeded) | dead | redriven. */
    state: text("state").notNull(),
    /** The consumer's last error (no secrets: consumers throw messages, not data). */
    lastError: text("last_error"),
    /** Queue delivery attempts of the latest failure. */
    attempts: integer("attempts").notNull().default(0),
    /** Times this event reached the dead-letter queue (a redelivery of the same message does not count). */
    deaths: integer("deaths").notNull().default(0),
    /** Queue message id of the latest death. */
    lastMessageId: text("last_message_id"),
    redrives: integer("redrives").notNull().default(0),
    firstFailedAt: text("first_failed_at").notNull(),
    lastFailedAt: text("last_failed_at").notNull(),
    lastDeadAt: text("last_dead_at"),
    redrivenAt: text("redriven_at"),
  },
  (t) => [uniqueIndex("dead_letters_dedupe_uq").on(t.dedupeKey), index("dead_letters_state_idx").on(t.state, t.tenantId)],
);

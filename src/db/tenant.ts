/**
 * Tenant-database tables every domain uses: users and their credentials, API keys, idempotency
 * records, the audit log and the notification outbox. Domain tables live beside their domain
 * (src/domains/<domain>/tables.ts); drizzle-kit reads both into migrations/tenant.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Staff of the tenant. `storeIds` null means every store. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** owner | admin | store_manager | cashier | accountant. */
    role: text("role").notNull(),
    /** JSON array of store ids this user may act in; null = all stores. */
    storeIds: text("store_ids"),
    /** Hash with algorithm and parameters inside (see src/platform/auth/password.ts); null until an invitation is accepted. */
    passwordHash: text("password_hash"),
    emailVerifiedAt: text("email_verified_at"),
    /** Base32 TOTP secret once two-factor sign-in is on. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: text("totp_enabled_at"),
    /** active | invited | disabled. */
    status: text("status").notNull(),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/** Opaque refresh tokens, stored as SHA-256 hashes; rotated on every use within a family. */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id").notNull(),
    userId: text("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    revokedAt: text("revoked_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("refresh_tokens_hash_uq").on(t.tokenHash), index("refresh_tokens_family_idx").on(t.familyId)],
);

/**
 * Single-use tokens sent to a person: email verification, password reset, staff invitation.
 * Stored hashed; `purpose` keeps one kind from being used as another.
 */
export const oneTimeTokens = sqliteTable(
  "one_time_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    /** verify_email | reset_password | invitation. */
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("one_time_tokens_hash_uq").on(t.tokenHash)],
);

/** Two-factor recovery codes, stored hashed, each usable once. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** API keys for integrations: shown once, stored hashed, scoped, revocable. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** First characters of the key, shown in lists so a person can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    /** The role whose permissions the key carries. */
    role: text("role").notNull(),
    /** JSON array of store ids; null = all stores. */
    storeIds: text("store_ids"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash)],
);

/** Responses of writes made with an Idempotency-Key, replayed when the same request comes again. */
export const idempotencyKeys = sqliteTable("idempotency_keys", {
  /** "<actor>:<key>" so two actors cannot collide. */
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  /** HTTP status of the stored answer; null while the first request is in flight. */
  status: integer("status"),
  response: text("response"),
  createdAt: text("created_at").notNull(),
});

/**
 * Audit log: who did what to which entity, from which request, written in the same batch as the
 * change. `seq` orders the hash chain; `hash` = SHA-256(prev_hash ‖ canonical row), sealed in
 * order after the write (src/platform/audit.ts).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    at: text("at").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    requestId: text("request_id"),
    beforeDigest: text("before_digest"),
    afterDigest: text("after_digest"),
    /** JSON summary of the change with secrets left out. */
    summary: text("summary"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [uniqueIndex("audit_log_id_uq").on(t.id), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

/** Messages handed to the development notification provider, listable through the API. */
export const notificationOutbox = sqliteTable("notification_outbox", {
  id: text("id").primaryKey(),
  /** email | sms | whatsapp | push. */
  channel: text("channel").notNull(),
  recipient: text("recipient").notNull(),
  template: text("template").notNull(),
  subject: text("subject"),
  body: text("body").notNull(),
  createdAt: text("created_at").notNull().default(now),
});

/**
 * Runs of periodic (cron) jobs per tenant: one row per job, scope and local day, written when the
 * job finished for that key, so a cron that fires every few minutes does each daily job once
 * (src/platform/scheduled.ts). `scope` narrows a job (e.g. a store id); "*" = the whole tenant.
 */
export const scheduledRuns = sqliteTable(
  "scheduled_runs",
  {
    job: text("job").notNull(),
    scope: text("scope").notNull(),
    /** The tenant-local date the run covers, YYYY-MM-DD. */
    day: text("day").notNull(),
    /** What the run did, JSON (counts), for operators. */
    result: text("result"),
    ranAt: text("ran_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.job, t.scope, t.day] })],
);

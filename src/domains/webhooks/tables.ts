/** Tenant webhooks (tenant database): endpoints, one delivery per (endpoint, event), and each attempt. */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * An endpoint the tenant registered. `secret` signs deliveries (HMAC needs the secret itself, so
 * it is kept, like Stripe's signing secrets); it is answered once, at creation, never listed.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    url: text("url").notNull(),
    /** JSON array of event types, or ["*"] for every type. */
    eventTypes: text("event_types").notNull(),
    secret: text("secret").notNull(),
    description: text("description"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    /** Set when deleted: no more deliveries; the log stays readable. */
    deletedAt: text("deleted_at"),
  },
  (t) => [index("webhook_endpoints_deleted_idx").on(t.deletedAt)],
);

/** One event to one endpoint. `body` is the exact JSON sent (and signed) on every attempt. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    body: text("body").notNull(),
    /** pending | succeeded | failed (gave up after the last retry). */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** When the next attempt is due (pending only). */
    nextAttemptAt: text("next_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_event_uq").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Each HTTP attempt of a delivery: the delivery log. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id").notNull(),
    attempt: integer("attempt").notNull(),
    at: text("at").notNull(),
    /** HTTP status, or null when no answer came (network error, timeout). */
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [uniqueIndex("webhook_attempts_delivery_uq").on(t.deliveryId, t.attempt)],
);

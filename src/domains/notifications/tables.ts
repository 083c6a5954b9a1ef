/** Notifications (tenant database): templates, per-customer opt-outs, and each message's status. */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A tenant's template for one notification key and channel; overrides the built-in default. */
export const notificationTemplates = sqliteTable(
  "notification_templates",
  {
    /** e.g. stock.low */
    key: text("key").notNull(),
    /** email | sms | whatsapp | push. */
    channel: text("channel").notNull(),
    subject: text("subject"),
    /** Text with {{variables}}. */
    body: text("body").notNull(),
    /** critical | important | normal. */
    priority: text("priority").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.key, t.channel] })],
);

/** A customer who does not want messages on a channel ("*" = every channel). */
export const notificationOptOuts = sqliteTable(
  "notification_opt_outs",
  {
    customerId: text("customer_id").notNull(),
    channel: text("channel").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.channel] })],
);

/**
 * Every message the tenant sends, with its delivery status. `dedupeKey` (e.g. "<eventId>:<userId>:email")
 * is unique, so a redelivered trigger makes no second message.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    templateKey: text("template_key").notNull(),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    /** The customer or user the message is for, when known. */
    customerId: text("customer_id"),
    userId: text("user_id"),
    priority: text("priority").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    /** scheduled | queued | sent | failed | suppressed (opted out). */
    status: text("status").notNull(),
    /** Not before this instant (scheduled messages). */
    sendAfter: text("send_after").notNull(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: text("created_at").notNull().default(now),
    sentAt: text("sent_at"),
  },
  (t) => [index("notifications_status_idx").on(t.status, t.sendAfter)],
);

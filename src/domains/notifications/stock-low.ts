/**
 * Trigger: stock.low → an email to each of the store's managers: active users whose role is
 * owner, admin or store_manager and who may act in that store (store_ids null = every store).
 * Idempotent: one message per (event, user, channel) by its dedupe key.
 */

import { EVENT_CATALOGUE } from "../../platform/events/catalogue";
import type { EventConsumer } from "../../platform/events/consumer";
import { notifierFor } from "./providers";
import { notify } from "./send";

/** Roles told about low stock. */
export const STOCK_LOW_ROLES = ["owner", "admin", "store_manager"] as const;

/** The users to tell about a store: `storeId`'s managers. */
export async function storeManagers(d1: D1Database, storeId: string): Promise<{ id: string; email: string; name: string }[]> {
  const rows = await d1
    .prepare(
      `SELECT id, email, name FROM users
       WHERE status = 'active' AND role IN (SELECT value FROM json_each(?1))
         AND (store_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(users.store_ids) WHERE value = ?2))
       ORDER BY id`,
    )
    .bind(JSON.stringify(STOCK_LOW_ROLES), storeId)
    .all<{ id: string; email: string; name: string }>();
  return rows.results;
}

/** The stock.low consumer. */
export const stockLowNotifier: EventConsumer = {
  name: "stock_low_notifier",
  types: ["stock.low"],
  async handle(event, db, env) {
    if (!event.storeId) throw new Error("stock.low without storeId");
    const p = EVENT_CATALOGUE["stock.low"].schema.parse(event.payload);
    const store = await db.prepare("SELECT name FROM stores WHERE id = ?").bind(event.storeId).first<{ name: string }>();
    const notifier = notifierFor(env, db);
    for (const u of await storeManagers(db, event.storeId)) {
      await notify(db, notifier, {
        dedupeKey: `${event.eventId}:${u.id}:email`,
        templateKey: "stock.low",
        channel: "email",
        recipient: u.email,
        userId: u.id,
        variables: {
          sku: p.sku,
          onHand: p.onHand,
          threshold: p.lowThreshold ?? p.reorderPoint,
          storeName: store?.name ?? event.storeId,
          storeId: event.storeId,
          recipientName: u.name,
        },
      });
    }
  },
};

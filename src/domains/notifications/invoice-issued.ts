/**
 * Trigger: invoice.issued → the customer's signed share link (src/domains/invoices/share.ts), when
 * the sale names the customer's phone (WhatsApp) — sales carry no customer email yet, so email is
 * never chosen today. The sale is re-read from the store object (the truth). The customer's phone
 * is their key for opt-outs (PUT /v1/notifications/opt-outs/{phone}/whatsapp).
 *
 * Once per invoice: the dedupe key is "invoice.issued:<invoiceId>:<channel>", so a redelivered
 * event records no second message (the link signed on the repeat is discarded).
 */
import { EVENT_CATALOGUE } from "../../platform/events/catalogue";
import type { EventConsumer } from "../../platform/events/consumer";
import { SHARE_LINK_DEFAULT_TTL_SECONDS, SHARE_PATH_PREFIX, signShareToken } from "../invoices/share";
import { storeObjectName } from "../stores/access";
import { notifierFor } from "./providers";
import { notify } from "./send";
import type { Channel } from "./templates";

/** Channel for a customer known by phone: WhatsApp (how Indian shops send bills). */
export const INVOICE_PHONE_CHANNEL: Channel = "whatsapp";

/** The origin a tenant's links are served from: its platform subdomain over HTTPS. */
export function tenantOrigin(slug: string, platformDomain: string): string {
  return `https://${slug}.${platformDomain}`;
}

/** The invoice.issued consumer. */
export const invoiceIssuedNotifier: EventConsumer = {
  name: "invoice_issued_notifier",
  types: ["invoice.issued"],
  async handle(event, db, env) {
    if (!event.storeId) throw new Error("invoice.issued without storeId");
    const p = EVENT_CATALOGUE["invoice.issued"].schema.parse(event.payload) as { invoiceId: string; saleId: string; number: string };
    const got = await env.STORE.getByName(storeObjectName(event.tenantId, event.storeId)).getSale(p.saleId);
    if (!got.ok) throw new Error(`sale ${p.saleId}: ${got.detail}`);
    const phone = got.sale.customer?.phone;
    if (!phone) return; // walk-in or B2B without a phone: nobody to send to
    const dedupeKey = `invoice.issued:${p.invoiceId}:${INVOICE_PHONE_CHANNEL}`;
    if (await db.prepare("SELECT 1 AS x FROM notifications WHERE dedupe_key = ?").bind(dedupeKey).first()) return;
    const tenant = await env.PLATFORM_DB.prepare("SELECT slug, legal_name AS name FROM tenants WHERE id = ?")
      .bind(event.tenantId)
      .first<{ slug: string; name: string }>();
    if (!tenant) throw new Error(`unknown tenant ${event.tenantId}`);
    const store = await db.prepare("SELECT name FROM stores WHERE id = ?").bind(event.storeId).first<{ name: string }>();
    let token: string;
    try {
      const expiresAt = Math.floor(Date.now() / 1000) + SHARE_LINK_DEFAULT_TTL_SECONDS;
      token = await signShareToken(env, { tenantId: event.tenantId, invoiceId: p.invoiceId, expiresAt });
    } catch (err) {
      // No SHARE_LINK_SECRET: a configuration error that retrying cannot fix; the sale stands.
      console.error(
        JSON.stringify({ level: "error", event: "notifications.invoice_link_unsigned", eventId: event.eventId, message: String(err) }),
      );
      return;
    }
    await notify(db, notifierFor(env, db), {
      dedupeKey,
      templateKey: "invoice.issued",
      channel: INVOICE_PHONE_CHANNEL,
      recipient: phone,
      customerId: phone,
      variables: {
        invoiceNumber: p.number,
        tenantName: tenant.name,
        storeName: store?.name ?? event.storeId,
        customerName: got.sale.customer?.name ?? "",
        link: `${tenantOrigin(tenant.slug, env.PLATFORM_DOMAIN)}${SHARE_PATH_PREFIX}${token}.pdf`,
      },
    });
  },
};

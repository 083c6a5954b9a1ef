/**
 * Notifications go through an adapter so no test or dev run reaches a real provider. The dev
 * adapter keeps each message in the tenant's notification_outbox, listed at GET /v1/dev/outbox.
 * Real providers (email, SMS, WhatsApp) plug in behind the same interface (issue: notifications).
 */
import { newId } from "./ids";

/** One message to a person. `body` may hold a one-time link; it is never logged. */
export interface OutgoingMessage {
  /** The sender's id for this message: providers treat a repeat of an id as the same message. */
  id?: string;
  channel: "email" | "sms" | "whatsapp" | "push";
  recipient: string;
  template: string;
  subject?: string;
  body: string;
}

/** What a provider answered to an accepted message (src/domains/notifications/providers). */
export interface SendReceipt {
  /** e.g. "resend", "twilio", "whatsapp", "outbox". */
  provider: string;
  /** The provider's id of the message (Resend email id, Twilio SM… sid, WhatsApp wamid…). */
  providerMessageId?: string;
}

/** A notification provider. */
export interface Notifier {
  /** Hands the message to the provider. @returns its receipt, when it gives one. @throws on a provider failure. */
  send(message: OutgoingMessage): Promise<SendReceipt | undefined>;
}

/** The development provider: writes to the tenant database's notification_outbox. */
export function outboxNotifier(d1: D1Database): Notifier {
  return {
    async send(m) {
      await d1
        .prepare("INSERT OR IGNORE INTO notification_outbox (id, channel, recipient, template, subject, body) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(m.id ?? newId("message"), m.channel, m.recipient, m.template, m.subject ?? null, m.body)
        .run();
    },
  };
}

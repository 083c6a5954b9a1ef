/**
 * Sending a notification: render the template, record the message with its status, and hand it
 * to the provider. `dedupeKey` is unique, so a trigger that runs twice (a redelivered event)
 * records one message and sends it once; the provider is given the message id as its key, so a
 * crash between send and status update does not make a second copy either (outbox: INSERT OR IGNORE).
 */
import { newId, nowIso } from "../../platform/ids";
import type { Notifier, SendReceipt } from "../../platform/notify";
import { type Channel, effectiveTemplate, type Priority, render } from "./templates";

/** Attempts before a message stays failed. */
export const NOTIFICATION_MAX_ATTEMPTS = 3;

/** What a trigger asks for. `sendAfter` (ISO) schedules it; the cron sweep sends it when due. */
export interface NotifyInput {
  dedupeKey: string;
  templateKey: string;
  channel: Channel;
  recipient: string;
  variables: Record<string, unknown>;
  customerId?: string;
  userId?: string;
  /** Overrides the template's priority. */
  priority?: Priority;
  sendAfter?: string;
}

/** Delivery status of a message. */
export type NotificationStatus = "scheduled" | "queued" | "sent" | "failed" | "suppressed";

interface Row {
  id: string;
  channel: Channel;
  recipient: string;
  template_key: string;
  subject: string | null;
  body: string;
  status: NotificationStatus;
  attempts: number;
}

/** Whether `customerId` opted out of `channel` (or of every channel). */
export async function optedOut(d1: D1Database, customerId: string, channel: Channel): Promise<boolean> {
  return (
    (await d1
      .prepare("SELECT 1 AS x FROM notification_opt_outs WHERE customer_id = ? AND channel IN (?, '*')")
      .bind(customerId, channel)
      .first()) !== null
  );
}

/**
 * Hands one recorded message to the provider and records the outcome: `sent`, or `failed` with the
 * provider's error (retried by the cron up to NOTIFICATION_MAX_ATTEMPTS). The provider's message id
 * is logged with ours (there is no column for it yet); the body and recipient are never logged.
 */
async function sendRow(d1: D1Database, notifier: Notifier, r: Row): Promise<NotificationStatus> {
  let error: string | null = null;
  let receipt: SendReceipt | undefined;
  try {
    receipt = await notifier.send({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      template: r.template_key,
      subject: r.subject ?? undefined,
      body: r.body,
    });
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
  }
  const status: NotificationStatus = error === null ? "sent" : "failed";
  await d1
    .prepare(
      "UPDATE notifications SET status = ?, attempts = attempts + 1, error = ?, sent_at = ? WHERE id = ? AND status IN ('queued', 'scheduled', 'failed')",
    )
    .bind(status, error, error === null ? nowIso() : null, r.id)
    .run();
  // The outbox gives no provider id: its sends are listed at /v1/dev/outbox, not logged.
  if (error !== null || receipt?.providerMessageId)
    console.log(
      JSON.stringify({
        level: error === null ? "info" : "warn",
        event: `notification.${status}`,
        notificationId: r.id,
        channel: r.channel,
        template: r.template_key,
        attempt: r.attempts + 1,
        provider: receipt ? receipt.provider : undefined,
        providerMessageId: receipt ? receipt.providerMessageId : undefined,
      }),
    );
  return status;
}

/**
 * Records and (unless scheduled or opted out) sends a message.
 * @returns the message id and its status after this call.
 * @throws DomainError not_found for an unknown template key; what D1 throws.
 */
export async function notify(d1: D1Database, notifier: Notifier, input: NotifyInput): Promise<{ id: string; status: NotificationStatus }> {
  const template = await effectiveTemplate(d1, input.templateKey, input.channel);
  const priority = input.priority ?? template.priority;
  const subject = template.subject === null ? null : render(template.subject, input.variables).text;
  const body = render(template.body, input.variables).text;
  const now = nowIso();
  const sendAfter = input.sendAfter && input.sendAfter > now ? input.sendAfter : now;
  const suppressed = input.customerId !== undefined && priority !== "critical" && (await optedOut(d1, input.customerId, input.channel));
  const status: NotificationStatus = suppressed ? "suppressed" : sendAfter > now ? "scheduled" : "queued";
  await d1
    .prepare(
      `INSERT OR IGNORE INTO notifications (id, dedupe_key, template_key, channel, recipient, customer_id, user_id, priority, subject, body, status, send_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      newId("notification"),
      input.dedupeKey,
      input.templateKey,
      input.channel,
      input.recipient,
      input.customerId ?? null,
      input.userId ?? null,
      priority,
      subject,
      body,
      status,
      sendAfter,
    )
    .run();
  const row = await d1.prepare("SELECT * FROM notifications WHERE dedupe_key = ?").bind(input.dedupeKey).first<Row>();
  if (!row) throw new Error(`notification ${input.dedupeKey} vanished`);
  // Send what is due and not yet sent: the first time, or a retry of a failed first attempt.
  if (row.status === "queued" || (row.status === "failed" && row.attempts < NOTIFICATION_MAX_ATTEMPTS)) {
    return { id: row.id, status: await sendRow(d1, notifier, row) };
  }
  return { id: row.id, status: row.status };
}

/**
 * Sends scheduled messages that are due and retries failed ones (run by the cron per tenant),
 * critical first. @returns how many were attempted.
 */
export async function sendDueNotifications(d1: D1Database, notifier: Notifier, nowMs = Date.now()): Promise<number> {
  const due = await d1
    .prepare(
      `SELECT * FROM notifications
       WHERE ((status IN ('scheduled', 'queued') AND send_after <= ?1) OR (status = 'failed' AND attempts < ?2))
       ORDER BY CASE priority WHEN 'critical' THEN 0 WHEN 'important' THEN 1 ELSE 2 END, send_after LIMIT 100`,
    )
    .bind(new Date(nowMs).toISOString(), NOTIFICATION_MAX_ATTEMPTS)
    .all<Row>();
  for (const r of due.results) await sendRow(d1, notifier, r);
  return due.results.length;
}

/**
 * Notification settings and status for a tenant: templates (list, save, preview), per-customer
 * opt-outs, and the list of messages with their delivery status. All need "notifications.manage"
 * (owners, admins); changes leave an audit entry in the same batch.
 */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { nowIso } from "../../platform/ids";
import type { NotificationStatus } from "./send";
import { CHANNELS, type Channel, effectiveTemplate, type Priority, render, TEMPLATE_KEYS, type TemplateKey } from "./templates";

/** A template as listed: `custom` when the tenant saved its own. */
export interface TemplateOut {
  key: TemplateKey;
  channel: Channel;
  subject: string | null;
  body: string;
  priority: Priority;
  custom: boolean;
}

/** Every (key, channel) template in effect for the tenant. */
export async function listTemplates({ ctx }: { ctx: ServiceContext }): Promise<{ items: TemplateOut[] }> {
  assertCan(ctx.actor.role, "notifications.manage");
  const items: TemplateOut[] = [];
  for (const key of TEMPLATE_KEYS)
    for (const channel of CHANNELS) items.push({ key, channel, ...(await effectiveTemplate(ctx.d1, key, channel)) });
  return { items };
}

/** Saves the tenant's template for (key, channel). @throws DomainError forbidden. */
export async function saveTemplate({
  ctx,
  key,
  channel,
  input,
}: {
  ctx: ServiceContext;
  key: TemplateKey;
  channel: Channel;
  input: { subject?: string | null; body: string; priority: Priority };
}): Promise<TemplateOut> {
  assertCan(ctx.actor.role, "notifications.manage");
  const before = await effectiveTemplate(ctx.d1, key, channel);
  const subject = input.subject ?? null;
  await ctx.d1.batch([
    ctx.d1
      .prepare(
        `INSERT INTO notification_templates (key, channel, subject, body, priority, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key, channel) DO UPDATE SET subject = excluded.subject, body = excluded.body, priority = excluded.priority,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .bind(key, channel, subject, input.body, input.priority, ctx.actor.id, nowIso()),
    await auditStatement(ctx, {
      action: "notification_template.saved",
      entityType: "notification_template",
      entityId: `${key}:${channel}`,
      before,
      after: { subject, body: input.body, priority: input.priority },
    }),
  ]);
  return { key, channel, subject, body: input.body, priority: input.priority, custom: true };
}

/** Drops the tenant's template for (key, channel): the default applies again. @throws DomainError forbidden, not_found. */
export async function resetTemplate({
  ctx,
  key,
  channel,
}: {
  ctx: ServiceContext;
  key: TemplateKey;
  channel: Channel;
}): Promise<TemplateOut> {
  assertCan(ctx.actor.role, "notifications.manage");
  const before = await effectiveTemplate(ctx.d1, key, channel);
  if (!before.custom) throw new DomainError("not_found", `No saved template ${key} for ${channel}`);
  await ctx.d1.batch([
    ctx.d1.prepare("DELETE FROM notification_templates WHERE key = ? AND channel = ?").bind(key, channel),
    await auditStatement(ctx, {
      action: "notification_template.reset",
      entityType: "notification_template",
      entityId: `${key}:${channel}`,
      before,
    }),
  ]);
  return { key, channel, ...(await effectiveTemplate(ctx.d1, key, channel)) };
}

/**
 * Renders a template with sample variables: the saved one (or default), or a draft given in the
 * input, so a tenant sees the message before saving. @returns subject, body and missing variables.
 */
export async function previewTemplate({
  ctx,
  key,
  channel,
  input,
}: {
  ctx: ServiceContext;
  key: TemplateKey;
  channel: Channel;
  input: { variables: Record<string, unknown>; subject?: string | null; body?: string };
}) {
  assertCan(ctx.actor.role, "notifications.manage");
  const t = await effectiveTemplate(ctx.d1, key, channel);
  const subjectText = input.body !== undefined ? (input.subject ?? null) : t.subject;
  const subject = subjectText === null ? null : render(subjectText, input.variables);
  const body = render(input.body ?? t.body, input.variables);
  return { subject: subject?.text ?? null, body: body.text, missing: [...new Set([...(subject?.missing ?? []), ...body.missing])] };
}

/** Records that a customer wants no messages on `channel` ("*" = all). Idempotent. */
export async function optOut({ ctx, customerId, channel }: { ctx: ServiceContext; customerId: string; channel: Channel | "*" }) {
  assertCan(ctx.actor.role, "notifications.manage");
  await ctx.d1.batch([
    ctx.d1.prepare("INSERT OR IGNORE INTO notification_opt_outs (customer_id, channel) VALUES (?, ?)").bind(customerId, channel),
    await auditStatement(ctx, { action: "notification.opted_out", entityType: "customer", entityId: customerId, summary: { channel } }),
  ]);
  return listOptOuts({ ctx, customerId });
}

/** Removes an opt-out. @throws DomainError not_found when there was none. */
export async function optIn({ ctx, customerId, channel }: { ctx: ServiceContext; customerId: string; channel: Channel | "*" }) {
  assertCan(ctx.actor.role, "notifications.manage");
  const [res] = await ctx.d1.batch([
    ctx.d1.prepare("DELETE FROM notification_opt_outs WHERE customer_id = ? AND channel = ?").bind(customerId, channel),
    await auditStatement(ctx, { action: "notification.opted_in", entityType: "customer", entityId: customerId, summary: { channel } }),
  ]);
  if (!res || res.meta.changes === 0) throw new DomainError("not_found", "No such opt-out");
  return listOptOuts({ ctx, customerId });
}

/** A customer's opt-outs. */
export async function listOptOuts({ ctx, customerId }: { ctx: ServiceContext; customerId: string }) {
  assertCan(ctx.actor.role, "notifications.manage");
  const rows = await ctx.d1
    .prepare("SELECT channel, created_at FROM notification_opt_outs WHERE customer_id = ? ORDER BY channel")
    .bind(customerId)
    .all<{ channel: string; created_at: string }>();
  return { customerId, channels: rows.results.map((r) => ({ channel: r.channel, since: r.created_at })) };
}

/** Messages with their delivery status, newest first. */
export async function listNotifications({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { status?: string; channel?: string; limit: number; cursor?: string };
}) {
  assertCan(ctx.actor.role, "notifications.manage");
  const rows = await ctx.d1
    .prepare(
      `SELECT * FROM notifications WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR channel = ?3)
       ORDER BY id DESC LIMIT ?4`,
    )
    .bind(decodeCursor(input.cursor) ?? null, input.status ?? null, input.channel ?? null, input.limit + 1)
    .all<Record<string, unknown>>();
  const items = rows.results.map((r) => ({
    id: r.id as string,
    templateKey: r.template_key as string,
    channel: r.channel as string,
    recipient: r.recipient as string,
    customerId: (r.customer_id as string | null) ?? null,
    userId: (r.user_id as string | null) ?? null,
    priority: r.priority as string,
    subject: (r.subject as string | null) ?? null,
    status: r.status as NotificationStatus,
    attempts: r.attempts as number,
    error: (r.error as string | null) ?? null,
    sendAfter: r.send_after as string,
    createdAt: r.created_at as string,
    sentAt: (r.sent_at as string | null) ?? null,
  }));
  return toPage(items, input.limit);
}

/**
 * Webhook endpoints of a tenant: create (the signing secret is answered once), list, delete, and
 * the delivery log of one endpoint. Writes need "webhooks.manage" (owners, admins) and leave an
 * audit entry in the same batch; the secret is never audited or listed.
 */

import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { randomToken } from "../../platform/crypto";
import { DomainError, orNotFound } from "../../platform/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { newId, nowIso } from "../../platform/ids";

/** Prefix of signing secrets, so a leaked one is recognisable (as Stripe's whsec_). */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** An endpoint as listed (never the secret). */
export interface WebhookOut {
  id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  createdAt: string;
  deletedAt: string | null;
}

function toOut(r: Record<string, unknown>): WebhookOut {
  return {
    id: r.id as string,
    url: r.url as string,
    eventTypes: JSON.parse(r.event_types as string) as string[],
    description: (r.description as string | null) ?? null,
    createdAt: r.created_at as string,
    deletedAt: (r.deleted_at as string | null) ?? null,
  };
}

const PRIVATE_HOST =
  /^(localhost|.*\.localhost|.*\.internal|.*\.local|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[.*\])$/i;

/**
 * Refuses URLs a webhook must not call: anything but https, or (outside development and tests)
 * a private or loopback host, so a tenant cannot aim our Worker at internal addresses.
 * @throws DomainError validation_failed.
 */
export function assertDeliverableUrl(url: string, environment: string): void {
  const u = new URL(url);
  const dev = environment === "development" || environment === "test";
  const bad = (message: string) => new DomainError("validation_failed", `url ${message}`, { fields: [{ path: "url", message }] });
  if (u.protocol !== "https:" && !(dev && u.protocol === "http:")) throw bad("must be https");
  if (!dev && PRIVATE_HOST.test(u.hostname)) throw bad("must be a public host");
  if (u.username || u.password) throw bad("must not carry credentials");
}

/** Creates an endpoint. @returns it with `secret`, shown this once. @throws DomainError forbidden, validation_failed. */
export async function createWebhook({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { url: string; eventTypes: string[]; description?: string };
}): Promise<WebhookOut & { secret: string }> {
  assertCan(ctx.actor.role, "webhooks.manage");
  assertDeliverableUrl(input.url, ctx.env.ENVIRONMENT);
  const id = newId("webhook");
  const secret = `${WEBHOOK_SECRET_PREFIX}${randomToken(24)}`;
  const eventTypes = input.eventTypes.includes("*") ? ["*"] : [...new Set(input.eventTypes)].sort();
  const createdAt = nowIso();
  await ctx.d1.batch([
    ctx.d1
      .prepare(
        "INSERT INTO webhook_endpoints (id, url, event_types, secret, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(id, input.url, JSON.stringify(eventTypes), secret, input.description ?? null, ctx.actor.id, createdAt),
    await auditStatement(ctx, {
      action: "webhook.created",
      entityType: "webhook",
      entityId: id,
      after: { url: input.url, eventTypes },
      summary: { url: input.url, eventTypes },
    }),
  ]);
  return { id, url: input.url, eventTypes, description: input.description ?? null, createdAt, deletedAt: null, secret };
}

/** Lists live endpoints, oldest first. @throws DomainError forbidden. */
export async function listWebhooks({ ctx, input }: { ctx: ServiceContext; input: { limit: number; cursor?: string } }) {
  assertCan(ctx.actor.role, "webhooks.manage");
  const rows = await ctx.d1
    .prepare("SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?")
    .bind(decodeCursor(input.cursor) ?? "", input.limit + 1)
    .all<Record<string, unknown>>();
  return toPage(rows.results.map(toOut), input.limit);
}

async function endpoint(ctx: ServiceContext, id: string): Promise<Record<string, unknown>> {
  return orNotFound(
    await ctx.d1.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(id).first<Record<string, unknown>>(),
    "Webhook",
  );
}

/** Deletes an endpoint: no further deliveries (pending retries stop); its log stays readable. @throws DomainError forbidden, not_found. */
export async function deleteWebhook({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<WebhookOut> {
  assertCan(ctx.actor.role, "webhooks.manage");
  const before = await endpoint(ctx, id);
  if (before.deleted_at) throw new DomainError("not_found", "Webhook not found");
  const at = nowIso();
  await ctx.d1.batch([
    ctx.d1.prepare("UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL").bind(at, id),
    ctx.d1
      .prepare(
        "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'endpoint deleted', updated_at = ? WHERE endpoint_id = ? AND status = 'pending'",
      )
      .bind(at, id),
    await auditStatement(ctx, { action: "webhook.deleted", entityType: "webhook", entityId: id, before: toOut(before) }),
  ]);
  return { ...toOut(before), deletedAt: at };
}

/** One delivery with its attempts (the log). Instants are ISO; durations milliseconds. */
export interface DeliveryOut {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
  nextAttemptAt: string | null;
  createdAt: string;
}

/** The deliveries of an endpoint (deleted ones included), newest first. @throws DomainError forbidden, not_found. */
export async function listDeliveries({ ctx, id, input }: { ctx: ServiceContext; id: string; input: { limit: number; cursor?: string } }) {
  assertCan(ctx.actor.role, "webhooks.manage");
  await endpoint(ctx, id);
  const after = decodeCursor(input.cursor);
  const rows = await ctx.d1
    .prepare("SELECT * FROM webhook_deliveries WHERE endpoint_id = ?1 AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3")
    .bind(id, after ?? null, input.limit + 1)
    .all<Record<string, unknown>>();
  const page = toPage(rows.results as (Record<string, unknown> & { id: string })[], input.limit);
  const ids = page.items.map((r) => r.id);
  const attempts = ids.length
    ? await ctx.d1
        .prepare("SELECT * FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY attempt")
        .bind(JSON.stringify(ids))
        .all<Record<string, unknown>>()
    : { results: [] };
  const items: DeliveryOut[] = page.items.map((r) => ({
    id: r.id,
    eventId: r.event_id as string,
    eventType: r.event_type as string,
    status: r.status as DeliveryOut["status"],
    attempts: attempts.results
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({
        attempt: a.attempt as number,
        at: a.at as string,
        statusCode: (a.status_code as number | null) ?? null,
        error: (a.error as string | null) ?? null,
        durationMs: a.duration_ms as number,
      })),
    nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
    createdAt: r.created_at as string,
  }));
  return { items, nextCursor: page.nextCursor };
}

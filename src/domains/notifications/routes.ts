/** /v1/notifications: templates (with preview), per-customer opt-outs, and delivery status. */
import { createRoute, z } from "@hono/zod-openapi";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth } from "../../platform/http/middleware";
import {
  authErrors,
  createRouter,
  idempotencyHeader,
  jsonBody,
  jsonResponse,
  PageQuery,
  pageOf,
  writeErrors,
} from "../../platform/http/router";
import { CHANNELS, PRIORITIES, TEMPLATE_KEYS } from "./templates";
import { listNotifications, listOptOuts, listTemplates, optIn, optOut, previewTemplate, resetTemplate, saveTemplate } from "./verbs";

/** Notification routes. */
export const notificationRoutes = createRouter();
// "/v1/notifications/*" also matches "/v1/notifications" in Hono: one registration, so middleware runs once.
notificationRoutes.use("/v1/notifications/*", requireAuth(), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];
const tags = ["Notifications"];

const Key = z.enum(TEMPLATE_KEYS as [string, ...string[]]).openapi({ example: "stock.low" });
const Channel = z.enum(CHANNELS);
const Priority = z.enum(PRIORITIES);
const TemplateParams = z.object({ key: Key, channel: Channel });
const TemplateOut = z
  .object({ key: z.string(), channel: Channel, subject: z.string().nullable(), body: z.string(), priority: Priority, custom: z.boolean() })
  .openapi("NotificationTemplate");
const OptOutParams = z.object({ customerId: z.string().min(1).max(64), channel: z.enum([...CHANNELS, "*"]) });
const OptOuts = z
  .object({ customerId: z.string(), channels: z.array(z.object({ channel: z.string(), since: z.string() })) })
  .openapi("NotificationOptOuts");
const NotificationOut = z
  .object({
    id: z.string(),
    templateKey: z.string(),
    channel: z.string(),
    recipient: z.string(),
    customerId: z.string().nullable(),
    userId: z.string().nullable(),
    priority: z.string(),
    subject: z.string().nullable(),
    status: z.enum(["scheduled", "queued", "sent", "failed", "suppressed"]),
    attempts: z.number().int(),
    error: z.string().nullable(),
    sendAfter: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi("Notification");
type K = (typeof TEMPLATE_KEYS)[number];

notificationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/templates",
    operationId: "listNotificationTemplates",
    tags,
    security,
    summary: "Templates in effect (saved or built-in) for every key and channel",
    responses: { 200: jsonResponse(z.object({ items: z.array(TemplateOut) }), "Templates"), ...authErrors },
  }),
  async (c) => c.json(await listTemplates({ ctx: ctxOf(c) }), 200),
);

notificationRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/notifications/templates/{key}/{channel}",
    operationId: "saveNotificationTemplate",
    tags,
    security,
    summary: "Save the tenant's template for a key and channel ({{variables}} in subject and body)",
    request: {
      params: TemplateParams,
      headers: idempotencyHeader,
      body: jsonBody(
        z.object({ subject: z.string().max(300).nullable().optional(), body: z.string().min(1).max(5000), priority: Priority }),
      ),
    },
    responses: { 200: jsonResponse(TemplateOut, "Saved"), ...writeErrors },
  }),
  async (c) => {
    const p = c.req.valid("param");
    return c.json(await saveTemplate({ ctx: ctxOf(c), key: p.key as K, channel: p.channel, input: c.req.valid("json") }), 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/notifications/templates/{key}/{channel}",
    operationId: "resetNotificationTemplate",
    tags,
    security,
    summary: "Drop the tenant's template: the built-in one applies again",
    request: { params: TemplateParams },
    responses: { 200: jsonResponse(TemplateOut, "The template now in effect"), ...writeErrors },
  }),
  async (c) => {
    const p = c.req.valid("param");
    return c.json(await resetTemplate({ ctx: ctxOf(c), key: p.key as K, channel: p.channel }), 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/notifications/templates/{key}/{channel}/preview",
    operationId: "previewNotificationTemplate",
    tags,
    security,
    summary: "Render the template in effect, or a draft, with sample variables",
    request: {
      params: TemplateParams,
      body: jsonBody(
        z.object({
          variables: z.record(z.string(), z.unknown()).openapi({ example: { sku: "RICE-5KG", onHand: 4 } }),
          subject: z.string().max(300).nullable().optional(),
          body: z.string().min(1).max(5000).optional(),
        }),
      ),
    },
    responses: {
      200: jsonResponse(
        z.object({ subject: z.string().nullable(), body: z.string(), missing: z.array(z.string()) }),
        "The rendered message",
      ),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.req.valid("param");
    return c.json(await previewTemplate({ ctx: ctxOf(c), key: p.key as K, channel: p.channel, input: c.req.valid("json") }), 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/opt-outs/{customerId}",
    operationId: "listNotificationOptOuts",
    tags,
    security,
    summary: "A customer's opt-outs",
    request: { params: z.object({ customerId: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(OptOuts, "Opt-outs"), ...authErrors },
  }),
  async (c) => c.json(await listOptOuts({ ctx: ctxOf(c), customerId: c.req.valid("param").customerId }), 200),
);

notificationRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/notifications/opt-outs/{customerId}/{channel}",
    operationId: "optOutCustomer",
    tags,
    security,
    summary: 'Stop messages to a customer on a channel ("*" = all); critical ones still go',
    request: { params: OptOutParams, headers: idempotencyHeader },
    responses: { 200: jsonResponse(OptOuts, "Opt-outs"), ...writeErrors },
  }),
  async (c) => c.json(await optOut({ ctx: ctxOf(c), ...c.req.valid("param") }), 200),
);

notificationRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/notifications/opt-outs/{customerId}/{channel}",
    operationId: "optInCustomer",
    tags,
    security,
    summary: "Remove an opt-out",
    request: { params: OptOutParams },
    responses: { 200: jsonResponse(OptOuts, "Opt-outs"), ...writeErrors },
  }),
  async (c) => c.json(await optIn({ ctx: ctxOf(c), ...c.req.valid("param") }), 200),
);

notificationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications",
    operationId: "listNotifications",
    tags,
    security,
    summary: "Messages sent or scheduled, newest first, with their delivery status",
    request: {
      query: PageQuery.extend({
        status: z.enum(["scheduled", "queued", "sent", "failed", "suppressed"]).optional(),
        channel: Channel.optional(),
      }),
    },
    responses: { 200: jsonResponse(pageOf(NotificationOut), "A page of messages"), ...authErrors },
  }),
  async (c) => c.json(await listNotifications({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

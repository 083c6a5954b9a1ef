/** /v1/webhooks: tenant webhook endpoints and their delivery log (feature webhooks). */
import { createRoute, z } from "@hono/zod-openapi";
import { EVENT_TYPES } from "../../platform/events/catalogue";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
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
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from "./verbs";

/** Webhook routes. */
export const webhookRoutes = createRouter();
// "/v1/webhooks/*" also matches "/v1/webhooks" in Hono: one registration, so middleware runs once.
webhookRoutes.use("/v1/webhooks/*", requireAuth(), requireFeature("webhooks"), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];
const tags = ["Webhooks"];
const Id = z.object({ id: z.string().max(64) });

const WebhookOut = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().nullable(),
    createdAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .openapi("Webhook");

const DeliveryOut = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.array(
      z.object({
        attempt: z.number().int(),
        at: z.string(),
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
      }),
    ),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("WebhookDelivery");

webhookRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/webhooks",
    operationId: "createWebhook",
    tags,
    security,
    summary: "Register an endpoint; its signing secret is in this answer only",
    description:
      'Deliveries are POSTs of the event envelope, signed: Edgetill-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")> (see docs/events.md).',
    request: {
      headers: idempotencyHeader,
      body: jsonBody(
        z.object({
          url: z.url().max(2000).openapi({ example: "https://example.com/hooks/edgetill" }),
          eventTypes: z
            .array(z.enum(["*", ...EVENT_TYPES]))
            .min(1)
            .max(100)
            .openapi({ example: ["stock.low"], description: 'Catalogued event types, or ["*"] for all' }),
          description: z.string().max(200).optional(),
        }),
      ),
    },
    responses: { 201: jsonResponse(WebhookOut.extend({ secret: z.string() }), "Created"), ...writeErrors },
  }),
  async (c) => c.json(await createWebhook({ ctx: ctxOf(c), input: c.req.valid("json") }), 201),
);

webhookRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/webhooks",
    operationId: "listWebhooks",
    tags,
    security,
    summary: "List endpoints (never their secrets)",
    request: { query: PageQuery },
    responses: { 200: jsonResponse(pageOf(WebhookOut), "A page of endpoints"), ...authErrors },
  }),
  async (c) => c.json(await listWebhooks({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

webhookRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/webhooks/{id}",
    operationId: "deleteWebhook",
    tags,
    security,
    summary: "Delete an endpoint: no further deliveries; the log stays",
    request: { params: Id },
    responses: { 200: jsonResponse(WebhookOut, "Deleted"), ...writeErrors },
  }),
  async (c) => c.json(await deleteWebhook({ ctx: ctxOf(c), id: c.req.valid("param").id }), 200),
);

webhookRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tags,
    security,
    summary: "The delivery log of an endpoint, newest first, each with its attempts",
    request: { params: Id, query: PageQuery },
    responses: { 200: jsonResponse(pageOf(DeliveryOut), "A page of deliveries"), ...authErrors },
  }),
  async (c) => c.json(await listDeliveries({ ctx: ctxOf(c), id: c.req.valid("param").id, input: c.req.valid("query") }), 200),
);

/**
 * Development-only routes (ENVIRONMENT development or test; 404 elsewhere): the dev notification
 * outbox (where verification, reset and invitation links land) and the local DNS stand-in used to
 * verify custom domains on this machine.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DomainError } from "../../platform/errors";
import { ctxOf, requireAuth } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse } from "../../platform/http/router";
import { assertDevelopment } from "../tenants/platform";

/** /v1/dev/* */
export const devRoutes = createRouter();
devRoutes.use("/v1/dev/*", async (c, next) => {
  assertDevelopment(c.env.ENVIRONMENT);
  await next();
});
devRoutes.use("/v1/dev/outbox", requireAuth());
devRoutes.use("/v1/dev/dns", requireAuth());

devRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/dev/outbox",
    operationId: "devOutbox",
    tags: ["Development"],
    security: [{ bearer: [] }],
    summary: "Messages the development notification provider received (owners and admins)",
    request: { query: z.object({ recipient: z.string().optional() }) },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              channel: z.string(),
              recipient: z.string(),
              template: z.string(),
              subject: z.string().nullable(),
              body: z.string(),
              createdAt: z.string(),
            }),
          ),
        }),
        "Messages, newest first",
      ),
      ...authErrors,
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    if (ctx.actor.role !== "owner" && ctx.actor.role !== "admin") throw new DomainError("forbidden");
    const { recipient } = c.req.valid("query");
    const rows = await ctx.d1
      .prepare("SELECT * FROM notification_outbox WHERE (?1 IS NULL OR recipient = ?1) ORDER BY id DESC LIMIT 100")
      .bind(recipient?.toLowerCase() ?? null)
      .all<Record<string, string | null>>();
    return c.json(
      {
        items: rows.results.map((r) => ({
          id: r.id ?? "",
          channel: r.channel ?? "",
          recipient: r.recipient ?? "",
          template: r.template ?? "",
          subject: r.subject ?? null,
          body: r.body ?? "",
          createdAt: r.created_at ?? "",
        })),
      },
      200,
    );
  },
);

devRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/dev/dns",
    operationId: "devPublishTxt",
    tags: ["Development"],
    security: [{ bearer: [] }],
    summary: "Publish a TXT record in the local DNS stand-in (as a tenant would at its DNS host)",
    request: { body: jsonBody(z.object({ name: z.string().min(1).max(253), value: z.string().min(1).max(255) })) },
    responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Published"), ...authErrors },
  }),
  async (c) => {
    ctxOf(c);
    const { name, value } = c.req.valid("json");
    await c.env.PLATFORM_DB.prepare(
      "INSERT INTO local_dns_records (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
    )
      .bind(name.toLowerCase(), value)
      .run();
    return c.json({ ok: true as const }, 200);
  },
);

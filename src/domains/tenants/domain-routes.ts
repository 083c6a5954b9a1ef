/** Custom domain routes (feature custom_domains). */
import { createRoute, z } from "@hono/zod-openapi";
import { idempotency } from "../../platform/http/idempotency";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "../../platform/http/router";
import { addDomain, listDomains, removeDomain, verifyDomain } from "./domains";

/** /v1/domains */
export const domainRoutes = createRouter();
// "/v1/domains/*" also matches "/v1/domains" in Hono: one registration, so middleware runs once.
domainRoutes.use("/v1/domains/*", requireAuth(), requireFeature("custom_domains"), idempotency({ store: "tenant" }));
const security = [{ bearer: [] }];
const Hostname = z
  .string()
  .max(253)
  .regex(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "a DNS hostname such as shop.example.com");
const DomainOut = z
  .object({
    hostname: z.string(),
    state: z.enum(["pending", "verified", "failed"]),
    verification: z.object({ type: z.literal("TXT"), name: z.string(), value: z.string() }),
    createdAt: z.string(),
    verifiedAt: z.string().nullable(),
  })
  .openapi("Domain");
const HostParam = z.object({ hostname: Hostname });

domainRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/domains",
    operationId: "addDomain",
    tags: ["Domains"],
    security,
    summary: "Add a custom domain; publish the TXT record, then verify",
    request: { headers: idempotencyHeader, body: jsonBody(z.object({ hostname: Hostname })) },
    responses: { 201: jsonResponse(DomainOut, "Pending verification"), ...writeErrors },
  }),
  async (c) => c.json(await addDomain({ ctx: ctxOf(c), hostname: c.req.valid("json").hostname }), 201),
);

domainRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/domains/{hostname}/verify",
    operationId: "verifyDomain",
    tags: ["Domains"],
    security,
    summary: "Check the TXT record (and certificate) now",
    request: { params: HostParam },
    responses: { 200: jsonResponse(DomainOut, "Current state"), ...writeErrors },
  }),
  async (c) => c.json(await verifyDomain({ ctx: ctxOf(c), hostname: c.req.valid("param").hostname }), 200),
);

domainRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/domains",
    operationId: "listDomains",
    tags: ["Domains"],
    security,
    summary: "List custom domains",
    responses: { 200: jsonResponse(z.object({ items: z.array(DomainOut) }), "Domains"), ...authErrors },
  }),
  async (c) => c.json({ items: await listDomains({ ctx: ctxOf(c) }) }, 200),
);

domainRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/domains/{hostname}",
    operationId: "removeDomain",
    tags: ["Domains"],
    security,
    summary: "Remove a custom domain",
    request: { params: HostParam },
    responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Removed"), ...writeErrors },
  }),
  async (c) => {
    await removeDomain({ ctx: ctxOf(c), hostname: c.req.valid("param").hostname });
    return c.json({ ok: true as const }, 200);
  },
);

/**
 * Terminal routes: pairing (managers) and the WebSocket upgrade a paired terminal connects to
 * (protocol: docs/terminal-protocol.md). Mounted BEFORE storeRoutes in src/app.ts: storeRoutes'
 * "/v1/stores/*" middleware demands a bearer token, which a terminal's socket does not carry (it
 * authenticates with its first frame), and these handlers answer before that middleware runs.
 * Pairing takes no Idempotency-Key on purpose: its answer holds a secret that must not be stored.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { serviceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { ctxOf, requireAuth, requireFeature } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonBody, jsonResponse, ProblemSchema, writeErrors } from "../../platform/http/router";
import { listTerminals, openTerminalSocket, pairTerminal, revokeTerminal } from "./verbs";

/** /v1/stores/{storeId}/terminals and /v1/stores/{storeId}/terminal. */
export const terminalRoutes = createRouter();
// "/x/*" also matches "/x" in Hono: one registration covers the list and the items.
terminalRoutes.use("/v1/stores/:storeId/terminals/*", requireAuth(), requireFeature("pos"));
terminalRoutes.use("/v1/stores/:storeId/terminal", requireFeature("pos"));

const security = [{ bearer: [] }];
const tags = ["Terminals"];
const StoreId = z.object({ storeId: z.string().min(1).max(64) });

const TerminalOut = z
  .object({
    terminalId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
  })
  .openapi("Terminal");
const PairedOut = TerminalOut.extend({
  storeId: z.string(),
  deviceToken: z.string().openapi({ description: "Shown once; the terminal sends it in its hello frame. Only its hash is kept." }),
}).openapi("PairedTerminal");

terminalRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/stores/{storeId}/terminals",
    operationId: "pairTerminal",
    tags,
    security,
    summary: "Pair a terminal with a store (store manager, admin or owner); returns its device token once",
    request: { params: StoreId, body: jsonBody(z.object({ name: z.string().trim().min(1).max(80).openapi({ example: "Till 1" }) })) },
    responses: { 201: jsonResponse(PairedOut, "The terminal and its device token"), ...writeErrors },
  }),
  async (c) => {
    const out = await pairTerminal({ ctx: ctxOf(c), input: { storeId: c.req.valid("param").storeId, name: c.req.valid("json").name } });
    c.header("cache-control", "no-store");
    return c.json(out, 201);
  },
);

terminalRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/terminals",
    operationId: "listTerminals",
    tags,
    security,
    summary: "The store's paired terminals",
    request: { params: StoreId },
    responses: { 200: jsonResponse(z.object({ items: z.array(TerminalOut) }), "Terminals, newest first"), ...authErrors },
  }),
  async (c) => c.json({ items: await listTerminals({ ctx: ctxOf(c), input: { storeId: c.req.valid("param").storeId } }) }, 200),
);

terminalRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/stores/{storeId}/terminals/{terminalId}",
    operationId: "revokeTerminal",
    tags,
    security,
    summary: "Revoke a terminal: its token stops working and its sockets close (4403)",
    request: { params: StoreId.extend({ terminalId: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(TerminalOut, "The revoked terminal"), ...authErrors },
  }),
  async (c) => {
    const p = c.req.valid("param");
    return c.json(await revokeTerminal({ ctx: ctxOf(c), input: p }), 200);
  },
);

terminalRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/stores/{storeId}/terminal",
    operationId: "connectTerminal",
    tags,
    summary: "WebSocket of a paired terminal (send Upgrade: websocket; authenticate with the first frame, see docs/terminal-protocol.md)",
    request: { params: StoreId },
    responses: {
      101: { description: "Switching protocols: the terminal socket" },
      404: { description: "No such store", content: { "application/problem+json": { schema: ProblemSchema } } },
      426: { description: "Not a WebSocket upgrade", content: { "application/problem+json": { schema: ProblemSchema } } },
    },
  }),
  async (c) => {
    const tenant = c.get("tenant");
    const d1 = c.get("tenantD1");
    if (!tenant || !d1) throw new DomainError("tenant_not_found");
    const storeId = c.req.valid("param").storeId;
    // No user yet: the gateway may only look the store up; the socket's frames carry the terminal's own actor.
    const gateway = { type: "api_key" as const, id: "system:terminal-gateway", role: "cashier" as const, storeIds: [storeId] };
    const ctx = serviceContext(c.env, tenant, d1, gateway, c.get("requestId"));
    // biome-ignore lint/suspicious/noExplicitAny: a 101 answer is outside the typed JSON responses
    return (await openTerminalSocket({ ctx, input: { storeId, request: c.req.raw } })) as any;
  },
);

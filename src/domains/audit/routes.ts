/** /v1/audit: the tenant's audit log and its hash-chain verification. */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf, requireAuth } from "../../platform/http/middleware";
import { authErrors, createRouter, jsonResponse, pageOf } from "../../platform/http/router";
import { listAudit, verifyAudit } from "./verbs";

/** Audit routes. */
export const auditRoutes = createRouter();
// "/v1/audit/*" also matches "/v1/audit" in Hono: one registration, so middleware runs once.
auditRoutes.use("/v1/audit/*", requireAuth());
const security = [{ bearer: [] }];
const tags = ["Audit"];

const AuditEntry = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: z.string(),
    actorType: z.string(),
    actorId: z.string(),
    action: z.string().openapi({ example: "store.updated" }),
    entityType: z.string(),
    entityId: z.string(),
    requestId: z.string().nullable(),
    beforeDigest: z.string().nullable().openapi({ description: "SHA-256 of the canonical JSON of the entity before the change" }),
    afterDigest: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
    prevHash: z.string().nullable(),
    hash: z.string().nullable().openapi({ description: "SHA-256(prevHash ‖ canonical entry); null until sealed" }),
  })
  .openapi("AuditEntry");

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/audit",
    operationId: "listAudit",
    tags,
    security,
    summary: "Audit entries, newest first (owners, admins, accountants)",
    request: {
      query: z.object({
        entityType: z.string().max(100).optional(),
        entityId: z.string().max(100).optional(),
        actorId: z.string().max(100).optional(),
        action: z.string().max(100).optional(),
        from: z.iso.datetime().optional().openapi({ description: "Entries at or after this instant" }),
        to: z.iso.datetime().optional().openapi({ description: "Entries before this instant" }),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(20).optional().openapi({ description: "nextCursor of the previous page" }),
      }),
    },
    responses: { 200: jsonResponse(pageOf(AuditEntry), "A page of entries"), ...authErrors },
  }),
  async (c) => c.json(await listAudit({ ctx: ctxOf(c), input: c.req.valid("query") }), 200),
);

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/audit/verify",
    operationId: "verifyAudit",
    tags,
    security,
    summary: "Seal pending entries, then walk the hash chain and report the first altered or missing entry",
    responses: {
      200: jsonResponse(
        z.object({
          ok: z.boolean(),
          checked: z.number().int(),
          sealed: z.number().int().openapi({ description: "Entries sealed by this call before the walk" }),
          brokenAt: z.number().int().optional().openapi({ description: "seq of the first entry found altered or missing" }),
          reason: z.enum(["entry_altered", "link_broken", "entries_missing", "head_mismatch", "head_missing"]).optional(),
        }),
        "The verification result",
      ),
      ...authErrors,
    },
  }),
  async (c) => c.json(await verifyAudit({ ctx: ctxOf(c) }), 200),
);

/**
 * Seals the tenant's audit chain right after a successful write, in the background (waitUntil),
 * so entries are chained within moments rather than at the next cron sweep. Sealing is
 * deterministic, so racing with the cron or another request is harmless.
 */
import type { MiddlewareHandler } from "hono";
import { sealAuditChain } from "../../platform/audit";
import type { AppEnv } from "../../platform/context";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Middleware: after a 2xx write on a tenant route, seal that tenant's chain via waitUntil. */
export function sealAuditAfterWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const d1 = c.get("tenantD1");
    if (!d1 || !WRITES.has(c.req.method) || c.res.status >= 300) return;
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx as ExecutionContext;
    } catch {
      return; // no execution context (called outside a Worker request): the cron seals
    }
    ctx.waitUntil(
      sealAuditChain(d1).catch((err: unknown) =>
        console.error(JSON.stringify({ level: "error", event: "audit.seal_failed", message: String(err) })),
      ),
    );
  };
}

/**
 * What the catalog's route files share (routes.ts, category-routes.ts, file-routes.ts): the
 * OpenAPI tag and security, the middleware of reads and JSON writes, and the path parameters.
 */
import { z } from "@hono/zod-openapi";
import { idempotency } from "../../platform/http/idempotency";
import { requireAuth } from "../../platform/http/middleware";

/** OpenAPI tags of every catalog route. */
export const tags = ["Catalog"];
/** Every catalog route takes a bearer token. */
export const security = [{ bearer: [] }];
/** Middleware of a read: an authenticated actor. */
export const read = [requireAuth()];
/** Middleware of a JSON write: an authenticated actor, then Idempotency-Key replay (file routes use `read`: see file-routes.ts). */
export const write = [requireAuth(), idempotency({ store: "tenant" })];

/** A path parameter `name`: 1–64 characters. */
function pathParam<N extends string>(name: N) {
  return z.object({
    [name]: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name, in: "path" } }),
  } as Record<N, z.ZodString>);
}

/** `{id}` of a product, category or import. */
export const IdParam = pathParam("id");
/** `{storeId}` of a store price list. */
export const StoreParam = pathParam("storeId");

/**
 * Router factory: every domain builds its routes on an OpenAPIHono made here, so every route is
 * declared with its zod schemas (OpenAPI comes from the code) and a zod failure answers the same
 * problem+json everywhere.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { ERROR_CODES } from "../errors";
import { fieldErrors, problemResponse } from "./problem";

/** A new router whose validation failures answer 400 validation_failed naming the fields. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = fieldErrors(result.error);
        return problemResponse(c, "validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
      }
    },
  });
}

/** The problem+json schema, for OpenAPI error responses. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ProblemSchema } } });

/** Error responses shared by authenticated routes (merge into a route's `responses`). */
export const authErrors = {
  400: problem("Invalid input (RFC 9457 problem naming the fields)"),
  401: problem("Missing, invalid or expired credentials"),
  403: problem("Role, store, tenant, plan or suspension forbids this"),
  404: problem("Tenant or entity not found"),
} as const;

/** Adds a 409 and 422 to {@link authErrors} for writes. */
export const writeErrors = {
  ...authErrors,
  409: problem("Conflict with the current state"),
  422: problem("Idempotency key reused with a different request, or unprocessable"),
} as const;

/** JSON request body spec for a route: required, application/json. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

/** JSON response spec for a route. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The `Idempotency-Key` header, optional or required. */
export const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(8)
    .max(200)
    .optional()
    .openapi({ description: "Retry-safe key: the same key and body replay the first answer; another body answers 422" }),
});

/** Cursor pagination query: `limit` (1..200, default 50) and an opaque `cursor` from the last page. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** A page of results with the cursor of the next page (null at the end). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

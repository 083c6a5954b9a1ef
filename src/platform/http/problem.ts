/**
 * The one error contract: RFC 9457 problem details (application/problem+json) with the members
 * type, title, status, detail, instance, plus `code` (stable, from ERROR_CODES), `requestId`, and
 * `errors` (failing fields) for validation failures. One place maps domain errors to HTTP.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "../context";
import { DomainError, ERROR_CODES, type ErrorCode, type FieldError } from "../errors";

/** Base of the `type` URIs; each code's page documents it (docs/errors.md). */
export const PROBLEM_TYPE_BASE = "https://edgetill.dev/problems/";

/** The JSON body of a problem response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Builds a problem+json Response for `code`. */
export function problemResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  detail?: string,
  extra: { errors?: FieldError[]; [k: string]: unknown } = {},
): Response {
  const { status, title } = ERROR_CODES[code];
  const body: Problem = {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    detail: detail ?? title,
    instance: new URL(c.req.url).pathname,
    code,
    requestId: c.get("requestId") ?? "unknown",
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": body.requestId },
  });
}

/** Converts zod issues into field errors with dotted paths ("lines.0.quantity"). */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}

/**
 * Hono onError handler: DomainError → its code; HTTPException (malformed JSON, body limit) → 4xx;
 * anything else → 500 `internal` with no internals disclosed, logged with the request id.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof DomainError) return problemResponse(c, err.code, err.detail, { errors: err.fields, ...err.extra });
  if (err instanceof HTTPException) {
    if (err.status === 413) return problemResponse(c, "payload_too_large");
    if (err.status === 400 && /json/i.test(err.message)) return problemResponse(c, "malformed_json");
    if (err.status === 401) return problemResponse(c, "unauthenticated");
    return problemResponse(c, err.status >= 500 ? "internal" : "validation_failed", err.message);
  }
  console.error(
    JSON.stringify({
      level: "error",
      requestId: c.get("requestId"),
      path: new URL(c.req.url).pathname,
      error: err.name,
      message: err.message,
    }),
  );
  return problemResponse(c, "internal", "Something went wrong; quote the request id to support");
}

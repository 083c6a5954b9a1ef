/**
 * Domain errors: thrown by domain code, which knows nothing of HTTP. One handler
 * (src/platform/http/problem.ts) maps each code to an HTTP status and an RFC 9457 problem.
 */

/** The closed list of stable error codes, each with its HTTP status and a title. */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: "The request is not valid" },
  malformed_json: { status: 400, title: "The request body is not valid JSON" },
  unprocessable: { status: 422, title: "The request cannot be processed" },
  idempotency_key_reused: { status: 422, title: "Idempotency key reused with a different request" },
  idempotency_in_progress: { status: 409, title: "A request with this idempotency key is in progress" },
  idempotency_key_required: { status: 400, title: "This request needs an Idempotency-Key header" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "The request body must be application/json" },
  unauthenticated: { status: 401, title: "Authentication is required" },
  invalid_credentials: { status: 401, title: "The email or password is wrong" },
  invalid_token: { status: 401, title: "The token is invalid or expired" },
  two_factor_required: { status: 401, title: "A two-factor code is required" },
  forbidden: { status: 403, title: "This action is not allowed for your role" },
  store_forbidden: { status: 403, title: "You may not act in this store" },
  tenant_mismatch: { status: 403, title: "The credentials belong to another tenant" },
  tenant_suspended: { status: 403, title: "This tenant is suspended" },
  feature_disabled: { status: 403, title: "This feature is not enabled on the tenant's plan" },
  not_found: { status: 404, title: "Not found" },
  tenant_not_found: { status: 404, title: "No tenant is served here" },
  conflict: { status: 409, title: "The request conflicts with the current state" },
  slug_taken: { status: 409, title: "This tenant slug is taken" },
  email_taken: { status: 409, title: "A user with this email exists" },
  hostname_taken: { status: 409, title: "This hostname is in use" },
  insufficient_stock: { status: 409, title: "Not enough stock" },
  credit_limit_exceeded: { status: 409, title: "The customer's credit limit would be exceeded" },
  reservation_expired: { status: 409, title: "The reservation has lapsed" },
  upgrade_required: { status: 426, title: "This endpoint needs a WebSocket upgrade (Upgrade: websocket)" },
  rate_limited: { status: 429, title: "Too many attempts; try again later" },
  tenant_pool_exhausted: { status: 503, title: "No tenant database is free; an operator has been alerted" },
  internal: { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable error code from the closed list {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** One failing field of a validation error: a dotted path and a message. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An expected failure of a domain verb. `detail` is shown to the client, so it must never hold a
 * secret; `fields` names failing input fields; `extra` adds problem members (e.g. shortfall).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly fields?: FieldError[];
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, detail?: string, opts: { fields?: FieldError[]; extra?: Record<string, unknown> } = {}) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = "DomainError";
    this.code = code;
    this.detail = detail ?? ERROR_CODES[code].title;
    this.fields = opts.fields;
    this.extra = opts.extra;
  }
}

/** Throws `not_found` naming the entity when `value` is null or undefined; returns it otherwise. */
export function orNotFound<T>(value: T | null | undefined, entity: string): T {
  if (value === null || value === undefined) throw new DomainError("not_found", `${entity} not found`);
  return value;
}

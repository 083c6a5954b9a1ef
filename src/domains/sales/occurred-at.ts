/**
 * The instant of an imported sale or return (`occurredAt` on POST …/sales and
 * POST /v1/sales/{id}/returns). A business moving onto Edgetill brings its history: the invoice
 * must keep the date it was issued on, or every report buckets it on the day of the import. Only
 * an owner or an admin may date a document (a cashier backdating a sale would move it out of a
 * closed day); the instant is audited with the document, and it may not lie in the future.
 * Without `occurredAt` the store object dates the document itself (its clock), as before.
 */
import type { Role } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";

/** Roles that may give a sale or return its own instant (imports of past documents). */
export const OCCURRED_AT_ROLES: readonly Role[] = ["owner", "admin"];

/**
 * The document instant to pass to the store object, as ISO 8601 UTC, or undefined (now).
 * @param occurredAt an ISO 8601 instant with offset, as the request gave it
 * @throws DomainError forbidden (a role other than owner/admin), validation_failed (in the future)
 * @example documentInstant(ctx, "2010-12-01T08:26:00Z") // "2010-12-01T08:26:00.000Z"
 */
export function documentInstant(ctx: ServiceContext, occurredAt: string | undefined): string | undefined {
  if (occurredAt === undefined) return undefined;
  if (!OCCURRED_AT_ROLES.includes(ctx.actor.role))
    throw new DomainError("forbidden", `Your role (${ctx.actor.role}) may not date a document`, {
      fields: [{ path: "occurredAt", message: "owner or admin only (imports)" }],
    });
  const t = Date.parse(occurredAt);
  if (!Number.isFinite(t))
    throw new DomainError("validation_failed", "occurredAt is not an instant", {
      fields: [{ path: "occurredAt", message: "an ISO 8601 instant" }],
    });
  if (t > Date.now())
    throw new DomainError("validation_failed", "occurredAt lies in the future", {
      fields: [{ path: "occurredAt", message: "not after now" }],
    });
  return new Date(t).toISOString();
}

/**
 * Report filters shared by every report: a date range in the tenant's time zone and the stores the
 * actor may see. Tenant scope is structural (each tenant has its own database); store scope is a
 * SQL condition built here once, so no report can forget it: an actor limited to stores sees only
 * their stores, and naming another store is refused.
 */
import { z } from "@hono/zod-openapi";
import { localDay } from "../../../durable-objects/pos/series";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { mayActInStore } from "../stores/access";

/** Longest date range of one report, in days: three financial years. */
export const MAX_REPORT_DAYS = 3 * 366;

/** A calendar date YYYY-MM-DD. */
export const Day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "a date YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real date");

/** from/to/storeId, common to the date-ranged reports. */
export const RangeQuery = z.object({
  from: Day.optional().openapi({ description: "First day, inclusive, in the tenant's time zone (default: the 1st of this month)" }),
  to: Day.optional().openapi({ description: "Last day, inclusive, in the tenant's time zone (default: today)" }),
  storeId: z.string().min(1).max(64).optional(),
});

/** Export format of a report. */
export const FormatQuery = z.object({
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
  delivery: z
    .enum(["inline", "link"])
    .optional()
    .openapi({ description: "csv/xlsx: `link` writes the file to storage and answers a download link (large results always do)" }),
});

/** Days between two dates, inclusive. */
function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The date range of a request, defaulted to this month in the tenant's zone. @throws DomainError validation_failed. */
export function dateRange(ctx: ServiceContext, q: { from?: string; to?: string }): { from: string; to: string } {
  const today = localDay(new Date().toISOString(), ctx.tenant.timeZone);
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) throw new DomainError("validation_failed", "from is after to", { fields: [{ path: "from", message: "after to" }] });
  if (spanDays(from, to) > MAX_REPORT_DAYS)
    throw new DomainError("validation_failed", `At most ${MAX_REPORT_DAYS} days per report`, {
      fields: [{ path: "to", message: `at most ${MAX_REPORT_DAYS} days after from` }],
    });
  return { from, to };
}

/** A SQL condition on a store column and its bindings. */
export interface StoreScope {
  /** e.g. "store_id IN (?, ?)" or "1 = 1". */
  sql: (column: string) => string;
  binds: string[];
  /** The store ids in scope; null = every store of the tenant. */
  storeIds: string[] | null;
}

/**
 * The stores a report covers: the named store (if the actor may act in it), else the actor's
 * stores, else all. @throws DomainError store_forbidden when the named store is outside the actor's.
 */
export function storeScope(ctx: ServiceContext, storeId: string | undefined): StoreScope {
  let ids: string[] | null = null;
  if (storeId) {
    if (!mayActInStore(ctx, storeId)) throw new DomainError("store_forbidden", "You are not assigned to this store");
    ids = [storeId];
  } else if (ctx.actor.storeIds !== null) {
    ids = [...ctx.actor.storeIds];
  }
  if (ids === null) return { sql: () => "1 = 1", binds: [], storeIds: null };
  if (ids.length === 0) return { sql: () => "0 = 1", binds: [], storeIds: [] };
  return { sql: (col) => `${col} IN (${ids.map(() => "?").join(", ")})`, binds: ids, storeIds: ids };
}

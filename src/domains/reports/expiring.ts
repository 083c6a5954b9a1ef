/**
 * expiringReport: batches on hand whose expiry is before a day, per store, read from each store's
 * ledger object (getStock with expiringBefore: the truth, since expiry dates live there), with the
 * batch's value at cost from the stock_levels projection (minor units). Default horizon:
 * {@link EXPIRY_HORIZON_DAYS} days after today. Batches already expired are included (days left ≤ 0).
 * Also used by the expiring-batch alert job (src/domains/notifications/jobs.ts).
 */
import { z } from "@hono/zod-openapi";
import { localDay } from "../../../durable-objects/pos/series";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import type { Env } from "../../platform/env";
import { storeObjectName } from "../stores/access";
import { minorUnitDigits } from "../tax";
import { daysBetween } from "./ageing";
import type { ReportResult } from "./sales";
import { Day, storeScope } from "./scope";
import { type Column, sumColumns } from "./table";

/** Days ahead a batch counts as expiring when no date is given: 30 (a month to sell or return it). */
export const EXPIRY_HORIZON_DAYS = 30;

/** GET /v1/reports/expiring-batches query. */
export const ExpiringQuery = z.object({
  before: Day.optional().openapi({ description: `Batches expiring before this day (default: today + ${EXPIRY_HORIZON_DAYS} days)` }),
  storeId: z.string().min(1).max(64).optional(),
});
/** Parsed expiring query. */
export type ExpiringQuery = z.infer<typeof ExpiringQuery>;

const COLUMNS: Column[] = [
  { key: "storeId", label: "Store", type: "text" },
  { key: "sku", label: "SKU", type: "text" },
  { key: "batch", label: "Batch", type: "text" },
  { key: "expiry", label: "Expiry", type: "text" },
  { key: "daysLeft", label: "Days left", type: "text" },
  { key: "onHand", label: "On hand", type: "int" },
  { key: "value", label: "Value at cost", type: "money" },
];

/** One expiring batch of a store. */
export interface ExpiringBatch {
  storeId: string;
  sku: string;
  batch: string;
  expiry: string;
  daysLeft: number;
  onHand: number;
  value: number;
}

/** `day` plus `n` calendar days (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Batches of `storeIds` with stock and an expiry before `before`, oldest expiry first per store.
 * A store whose ledger was never configured holds none.
 */
export async function expiringBatches(
  env: Pick<Env, "STORE">,
  d1: D1Database,
  tenantId: string,
  storeIds: string[],
  before: string,
  today: string,
): Promise<ExpiringBatch[]> {
  const out: ExpiringBatch[] = [];
  const answers = await Promise.all(
    storeIds.map(async (s) => ({ s, r: await env.STORE.getByName(storeObjectName(tenantId, s)).getStock({ expiringBefore: before }) })),
  );
  for (const { s, r } of answers) {
    if (!r.ok) continue;
    for (const item of r.items)
      for (const b of item.batches)
        if (b.expiry !== null && b.onHand > 0)
          out.push({
            storeId: s,
            sku: item.sku,
            batch: b.batch,
            expiry: b.expiry,
            daysLeft: daysBetween(today, b.expiry),
            onHand: b.onHand,
            value: 0,
          });
  }
  if (out.length === 0) return out;
  const values = await d1
    .prepare("SELECT store_id AS s, sku, batch, value FROM stock_levels WHERE store_id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify([...new Set(out.map((b) => b.storeId))]))
    .all<{ s: string; sku: string; batch: string; value: number }>();
  const byKey = new Map(values.results.map((v) => [`${v.s}\n${v.sku}\n${v.batch}`, v.value]));
  for (const b of out) b.value = byKey.get(`${b.storeId}\n${b.sku}\n${b.batch}`) ?? 0;
  return out.sort((a, b) => a.storeId.localeCompare(b.storeId) || a.expiry.localeCompare(b.expiry) || a.sku.localeCompare(b.sku));
}

/** The expiring batches report. @throws DomainError forbidden, store_forbidden. */
export async function expiringReport({ ctx, input }: { ctx: ServiceContext; input: ExpiringQuery }): Promise<ReportResult> {
  assertCan(ctx.actor.role, "reports.read");
  const scope = storeScope(ctx, input.storeId);
  const today = localDay(new Date().toISOString(), ctx.tenant.timeZone);
  const before = input.before ?? addDays(today, EXPIRY_HORIZON_DAYS);
  const storeIds =
    scope.storeIds ?? (await ctx.d1.prepare("SELECT id FROM stores ORDER BY code").all<{ id: string }>()).results.map((s) => s.id);
  const rows = (await expiringBatches(ctx.env, ctx.d1, ctx.tenant.id, storeIds, before, today)) as unknown as Record<
    string,
    string | number
  >[];
  return {
    report: "expiring-batches",
    name: "expiring-batches",
    from: today,
    to: before,
    groupBy: "batch",
    currency: ctx.tenant.currency,
    digits: minorUnitDigits(ctx.tenant.currency),
    timeZone: ctx.tenant.timeZone,
    storeIds: scope.storeIds,
    columns: COLUMNS,
    rows,
    totals: sumColumns(COLUMNS, rows),
  };
}

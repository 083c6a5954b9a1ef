/**
 * Tenant stock settings — valuation method and negative stock (issue 3: "Valuation per tenant:
 * FIFO or moving average"; "a tenant or SKU setting may allow [negative stock]") — kept in the
 * tenant database (./tables.ts) and pushed to each store's ledger object through its configure()
 * RPC, because the ledger decides costs and refusals inside its own transaction.
 *
 * When a store's object learns the settings:
 *  - on every PATCH, every store of the tenant is configured at once;
 *  - before a store's first ledger call in this isolate (storeLedger → ensureConfigured), and again
 *    whenever the settings read from D1 differ from what this isolate last pushed. configure() is
 *    idempotent, so a second isolate pushing the same settings changes nothing.
 * The ledger refuses to change a store's valuation method once stock has moved there (costs
 * already posted would mix two methods); PATCH therefore refuses such a change for the tenant.
 */
import type { StoreDurableObject } from "../../../durable-objects/store";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { nowIso } from "../../platform/ids";
import { storeObjectName } from "../stores/access";

/** How outgoing stock is costed (COGS). */
export type Valuation = "fifo" | "moving_average";

/** The tenant's stock settings as the API shows them. */
export interface StockSettings {
  valuation: Valuation;
  allowNegativeStock: boolean;
  /** ISO 8601 instant of the last change; null while the defaults apply. */
  updatedAt: string | null;
}

/** Defaults of a tenant that never changed them: FIFO, negative stock refused (issue 3). */
export const DEFAULT_STOCK_SETTINGS: StockSettings = { valuation: "fifo", allowNegativeStock: false, updatedAt: null };

/** The single row's key in stock_settings. */
const SCOPE = "tenant";

type LedgerStub = DurableObjectStub<StoreDurableObject>;

/** Reads the tenant's settings (defaults when no row exists). One D1 query. */
export async function readStockSettings(d1: D1Database): Promise<StockSettings> {
  const row = await d1
    .prepare("SELECT valuation, allow_negative_stock, updated_at FROM stock_settings WHERE scope = ?")
    .bind(SCOPE)
    .first<{ valuation: Valuation; allow_negative_stock: number; updated_at: string }>();
  if (!row) return { ...DEFAULT_STOCK_SETTINGS };
  return { valuation: row.valuation, allowNegativeStock: row.allow_negative_stock === 1, updatedAt: row.updated_at };
}

/**
 * What this isolate last pushed to each store object: object name → settings signature. Lost on
 * an isolate restart, which only costs one more (idempotent) configure() call.
 */
const pushed = new Map<string, string>();

const signature = (s: Pick<StockSettings, "valuation" | "allowNegativeStock">) => `${s.valuation}:${s.allowNegativeStock ? 1 : 0}`;

/** Forgets what this isolate pushed (tests that reconfigure stores behind its back). */
export function forgetPushedSettings(): void {
  pushed.clear();
}

/**
 * Pushes `settings` to the store object. When the object refuses a valuation change because
 * stock already moved there under the other method, the store keeps its method and only the
 * negative-stock setting is applied. @returns the valuation the store ends up with, or the failure.
 */
async function configureStore(
  tenantId: string,
  storeId: string,
  stub: LedgerStub,
  settings: Pick<StockSettings, "valuation" | "allowNegativeStock">,
): Promise<{ ok: true; valuation: Valuation } | { ok: false; code: string; detail: string }> {
  const input = { tenantId, storeId, valuation: settings.valuation, allowNegative: settings.allowNegativeStock };
  const first = await stub.configure(input);
  if (first.ok) return { ok: true, valuation: first.valuation };
  if (first.code !== "conflict") return first;
  const other: Valuation = settings.valuation === "fifo" ? "moving_average" : "fifo";
  const kept = await stub.configure({ ...input, valuation: other });
  return kept.ok ? { ok: true, valuation: kept.valuation } : first;
}

/**
 * Makes sure the store object runs under the tenant's current settings; cheap when this isolate
 * already pushed them (one D1 read, no RPC). @throws DomainError when the object refuses the
 * store's own identity (a bug, not a client's mistake).
 */
export async function ensureConfigured(ctx: ServiceContext, storeId: string, stub: LedgerStub): Promise<void> {
  const settings = await readStockSettings(ctx.d1);
  const name = storeObjectName(ctx.tenant.id, storeId);
  const want = signature(settings);
  if (pushed.get(name) === want) return;
  const r = await configureStore(ctx.tenant.id, storeId, stub, settings);
  if (!r.ok) throw new DomainError("internal", `The store ledger refused its settings: ${r.detail}`);
  // Remember the requested signature even when the store kept its method: asking again would
  // only be refused again.
  pushed.set(name, want);
}

/** PATCH input: either field may be omitted. */
export interface StockSettingsPatch {
  valuation?: Valuation;
  allowNegativeStock?: boolean;
}

/** What PATCH answers: the settings, and stores that could not take them (a race with a first movement). */
export interface StockSettingsUpdate extends StockSettings {
  storesConfigured: number;
  storesNotApplied: { storeId: string; detail: string }[];
}

async function tenantStoreIds(d1: D1Database): Promise<string[]> {
  const rows = await d1.prepare("SELECT id FROM stores ORDER BY id").all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/**
 * Changes the tenant's stock settings, audits the change in the same batch, then configures every
 * store's ledger. @throws DomainError forbidden (owner/admin only: stores.manage); conflict when
 * the valuation method would change after stock has moved in any store.
 */
export async function updateStockSettings({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: StockSettingsPatch;
}): Promise<StockSettingsUpdate> {
  assertCan(ctx.actor.role, "stores.manage");
  const before = await readStockSettings(ctx.d1);
  const next = {
    valuation: input.valuation ?? before.valuation,
    allowNegativeStock: input.allowNegativeStock ?? before.allowNegativeStock,
  };
  const storeIds = await tenantStoreIds(ctx.d1);
  const stubs = storeIds.map((id) => ({ id, stub: ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, id)) as LedgerStub }));
  if (next.valuation !== before.valuation) {
    // The ledger is the truth on whether stock moved (the projection may lag behind it).
    const moved = await Promise.all(stubs.map(async ({ id, stub }) => ({ id, r: await stub.movements({ limit: 1 }) })));
    const where = moved.filter(({ r }) => r.ok && r.items.length > 0).map(({ id }) => id);
    if (where.length > 0) {
      throw new DomainError(
        "conflict",
        `Stock has moved under ${before.valuation} valuation (stores ${where.join(", ")}); the method cannot change now`,
      );
    }
  }
  const at = nowIso();
  await ctx.d1.batch([
    ctx.d1
      .prepare(
        `INSERT INTO stock_settings (scope, valuation, allow_negative_stock, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (scope) DO UPDATE SET valuation = excluded.valuation, allow_negative_stock = excluded.allow_negative_stock,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .bind(SCOPE, next.valuation, next.allowNegativeStock ? 1 : 0, at, ctx.actor.id),
    await auditStatement(ctx, {
      action: "stock.settings_updated",
      entityType: "stock_settings",
      entityId: SCOPE,
      before,
      after: next,
      summary: { ...input },
    }),
  ]);
  const results = await Promise.all(stubs.map(async ({ id, stub }) => ({ id, r: await configureStore(ctx.tenant.id, id, stub, next) })));
  const storesNotApplied: StockSettingsUpdate["storesNotApplied"] = [];
  for (const { id, r } of results) {
    pushed.set(storeObjectName(ctx.tenant.id, id), signature(next));
    if (!r.ok) storesNotApplied.push({ storeId: id, detail: r.detail });
    else if (r.valuation !== next.valuation)
      storesNotApplied.push({ storeId: id, detail: `Stock moved here first; the store keeps ${r.valuation} valuation` });
  }
  return { ...next, updatedAt: at, storesConfigured: results.length - storesNotApplied.length, storesNotApplied };
}

/** Reads the settings. @throws DomainError forbidden (owner/admin only: stores.manage). */
export async function getStockSettings({ ctx }: { ctx: ServiceContext }): Promise<StockSettings> {
  assertCan(ctx.actor.role, "stores.manage");
  return readStockSettings(ctx.d1);
}

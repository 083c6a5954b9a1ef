/**
 * Tenant-wide serial numbers (issue 3: "serials are unique per tenant and sold once"). Each store
 * ledger keeps its own serial states; a receipt first registers its serials in the tenant
 * database with one batch of plain INSERTs, so of two receipts racing for one serial exactly one
 * registers it (the batch of the other fails whole on the primary key) and nothing is half-written.
 */
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { nowIso } from "../../platform/ids";

/** The serials of receipt lines, with their SKUs. */
export function serialsOf(lines: { sku: string; serials?: string[] }[]): { sku: string; serial: string }[] {
  return lines.flatMap((l) => (l.serials ?? []).map((serial) => ({ sku: l.sku, serial })));
}

/**
 * Registers serials for a receipt into `storeId`.
 * @returns the serials this call registered (to release if the ledger then refuses the receipt).
 * @throws DomainError conflict naming the serials the tenant already has, in whichever store.
 */
export async function registerSerials(ctx: ServiceContext, storeId: string, items: { sku: string; serial: string }[]): Promise<string[]> {
  if (items.length === 0) return [];
  const serials = items.map((i) => i.serial);
  const taken = await ctx.d1
    .prepare(`SELECT serial, store_id FROM serial_numbers WHERE serial IN (${serials.map(() => "?").join(",")})`)
    .bind(...serials)
    .all<{ serial: string; store_id: string }>();
  const refuse = (list: string[]) => {
    throw new DomainError("conflict", `Serial numbers already received in this tenant: ${list.join(", ")}`, {
      fields: [{ path: "lines.serials", message: "serial already exists" }],
    });
  };
  // A serial this store already holds is the ledger's to judge (an idempotent retry returns its
  // first result; a second receipt is refused there); one held by another store is refused here.
  const elsewhere = taken.results.filter((r) => r.store_id !== storeId).map((r) => r.serial);
  if (elsewhere.length > 0) refuse(elsewhere);
  const known = new Set(taken.results.map((r) => r.serial));
  const fresh = items.filter((i) => !known.has(i.serial));
  if (fresh.length === 0) return [];
  const at = nowIso();
  try {
    await ctx.d1.batch(
      fresh.map((i) =>
        ctx.d1
          .prepare("INSERT INTO serial_numbers (serial, sku, store_id, received_at) VALUES (?, ?, ?, ?)")
          .bind(i.serial, i.sku, storeId, at),
      ),
    );
  } catch (err) {
    if (String(err).includes("UNIQUE")) refuse(fresh.map((i) => i.serial));
    throw err;
  }
  return fresh.map((i) => i.serial);
}

/** Forgets serials registered for a receipt the ledger refused. */
export async function releaseSerials(ctx: ServiceContext, serials: string[]): Promise<void> {
  if (serials.length === 0) return;
  await ctx.d1
    .prepare(`DELETE FROM serial_numbers WHERE serial IN (${serials.map(() => "?").join(",")})`)
    .bind(...serials)
    .run();
}

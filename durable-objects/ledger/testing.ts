/**
 * Test fixtures for the ledger: a fresh store object per test (unique name, so tests in one file
 * do not share stock) and small shorthands. Used only by *.test.ts beside it.
 */
import { env } from "cloudflare:workers";

let n = 0;

/** A new store object "ten_test<k>:str_<k>" with its ids. */
export function freshStore(tenantId = `ten_test${Date.now().toString(36)}`) {
  n++;
  const storeId = `str_${n}_${Math.random().toString(36).slice(2, 8)}`;
  return { tenantId, storeId, stub: env.STORE.getByName(`${tenantId}:${storeId}`) };
}

/** The actor tests act as. */
export const ACTOR = "usr_test";

/** Total on-hand of a SKU in a store (0 when it has none). */
export async function onHand(stub: ReturnType<typeof freshStore>["stub"], sku: string): Promise<number> {
  const r = await stub.getStock({ sku });
  if (!r.ok) throw new Error(r.detail);
  return r.items[0]?.onHand ?? 0;
}

/**
 * Fixtures for the sales tests (imported by *.test.ts only): products through the catalog API,
 * stock through the stock API, and a `sell` shorthand that sends an Idempotency-Key.
 */
import { call, json, type TestTenant } from "../../../test/helpers";

let keys = 0;
/** A fresh Idempotency-Key. */
export function key(): string {
  keys++;
  return `k-${Date.now().toString(36)}-${keys}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A product body: one SKU, price in minor units, GST/VAT rate in percent, tax-exclusive unless said. */
export function product(sku: string, price: number, rate: number, hsnSac: string, extra: Record<string, unknown> = {}) {
  const { openPrice, kind, taxInclusive, barcode, ...rest } = extra;
  return {
    name: `Item ${sku}`,
    kind: kind ?? "stock",
    hsnSac,
    gstRate: rate,
    taxInclusive: taxInclusive ?? false,
    variants: [{ sku, price: openPrice ? null : price, openPrice: openPrice ?? false, ...(barcode ? { barcode } : {}) }],
    ...rest,
  };
}

/** Creates products as the owner. @throws when one is refused. */
export async function addProducts(t: TestTenant, bodies: unknown[]): Promise<void> {
  for (const body of bodies) {
    const res = await call("POST", "/v1/products", { host: t.host, token: t.accessToken, body });
    if (res.status !== 201) throw new Error(`product failed: ${res.status} ${await res.text()}`);
  }
}

/** Receives stock into a store as the owner: [sku, qty, unitCost] triples. */
export async function receive(t: TestTenant, storeId: string, lines: [string, number, number][]): Promise<void> {
  const res = await call("POST", `/v1/stores/${storeId}/stock/receipts`, {
    host: t.host,
    token: t.accessToken,
    body: { lines: lines.map(([sku, qty, unitCost]) => ({ sku, qty, unitCost })) },
  });
  if (res.status !== 201) throw new Error(`receipt failed: ${res.status} ${await res.text()}`);
}

/** POST /v1/stores/{storeId}/sales with a new (or given) Idempotency-Key. */
export function sell(
  t: TestTenant,
  storeId: string,
  body: unknown,
  opts: { token?: string; key?: string; host?: string } = {},
): Promise<Response> {
  return call("POST", `/v1/stores/${storeId}/sales`, {
    host: opts.host ?? t.host,
    token: opts.token ?? t.accessToken,
    body,
    headers: { "idempotency-key": opts.key ?? key() },
  });
}

/** On-hand of a SKU in a store, through the stock API. */
export async function onHandOf(t: TestTenant, storeId: string, sku: string): Promise<number> {
  const b = await json(await call("GET", `/v1/stores/${storeId}/stock?sku=${sku}`, { host: t.host, token: t.accessToken }));
  return (b.items as { onHand: number }[])[0]?.onHand ?? 0;
}

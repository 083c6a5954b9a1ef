/**
 * Fixtures for the stock tests (imported by *.test.ts only): stock writes name catalog SKUs, so
 * tests first put their SKUs in the tenant's catalog through the catalog API.
 */
import { call, type TestTenant } from "../../../test/helpers";

/**
 * Creates one stock product per SKU as the owner (GST 5 %, HSN 1006).
 * @param extra product fields (e.g. { kind: "service" }); `stockUnit` goes on the variant.
 * @throws when the catalog refuses one.
 */
export async function catalogSkus(t: TestTenant, skus: string[], extra: Record<string, unknown> = {}): Promise<void> {
  const { stockUnit, ...product } = extra;
  for (const sku of skus) {
    const body = {
      name: `Item ${sku}`,
      hsnSac: "1006",
      gstRate: 5,
      ...product,
      variants: [{ sku, price: 1000, ...(stockUnit ? { stockUnit } : {}) }],
    };
    const res = await call("POST", "/v1/products", { host: t.host, token: t.accessToken, body });
    if (res.status !== 201) throw new Error(`product ${sku} failed: ${res.status} ${await res.text()}`);
  }
}

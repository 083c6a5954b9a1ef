import { describe, expect, it } from "vitest";
import { call, json } from "../../../test/helpers";
import { key } from "../sales/test-fixtures";
import { connect, pair, shop } from "./test-fixtures";

/** The id of the product holding `sku`, through the catalog API. */
async function productIdOf(t: Awaited<ReturnType<typeof shop>>["t"], sku: string): Promise<string> {
  const list = await json(await call("GET", "/v1/products?limit=50", { host: t.host, token: t.accessToken }));
  const p = (list.items as { id: string; variants: { sku: string }[] }[]).find((x) => x.variants.some((v) => v.sku === sku));
  if (!p) throw new Error(`no product with ${sku}`);
  return p.id;
}

describe("price pushes from the catalog", () => {
  it("pushes a catalog price PATCHed on a product to the store's connected terminal", async () => {
    const { t, storeId } = await shop(0);
    const term = await connect(t, storeId, await pair(t, storeId));
    const id = await productIdOf(t, "RICE");
    const res = await call("PATCH", `/v1/products/${id}`, {
      host: t.host,
      token: t.accessToken,
      body: { variants: [{ sku: "RICE", price: 9000 }] },
      headers: { "idempotency-key": key() },
    });
    expect(res.status).toBe(200);
    expect(await term.until(() => term.of("price_changed")[0])).toMatchObject({ prices: [{ sku: "RICE", price: 9000 }] });
    term.close();
  });

  it("pushes a store price-list override, and a removed override as null", async () => {
    const { t, storeId } = await shop(0);
    const term = await connect(t, storeId, await pair(t, storeId));
    const set = (price: number | null) =>
      call("POST", `/v1/price-lists/${storeId}`, {
        host: t.host,
        token: t.accessToken,
        body: { prices: [{ sku: "RICE", price }] },
        headers: { "idempotency-key": key() },
      });
    expect((await set(9500)).status).toBe(200);
    expect(await term.until(() => term.of("price_changed")[0])).toMatchObject({ prices: [{ sku: "RICE", price: 9500 }] });
    expect((await set(null)).status).toBe(200);
    expect(await term.until(() => term.of("price_changed")[1])).toMatchObject({ prices: [{ sku: "RICE", price: null }] });
    term.close();
  });

  it("does not push a catalog price to a store whose price list overrides the SKU", async () => {
    const { t, storeId } = await shop(0);
    await call("POST", `/v1/price-lists/${storeId}`, {
      host: t.host,
      token: t.accessToken,
      body: { prices: [{ sku: "RICE", price: 9500 }] },
      headers: { "idempotency-key": key() },
    });
    const term = await connect(t, storeId, await pair(t, storeId));
    const id = await productIdOf(t, "RICE");
    const res = await call("PATCH", `/v1/products/${id}`, {
      host: t.host,
      token: t.accessToken,
      body: { name: "Rice, renamed", variants: [{ sku: "RICE", price: 9000 }] },
      headers: { "idempotency-key": key() },
    });
    expect(res.status).toBe(200);
    // A later store push arrives; the catalog one, which would have come first, never did.
    await call("POST", `/v1/price-lists/${storeId}`, {
      host: t.host,
      token: t.accessToken,
      body: { prices: [{ sku: "RICE", price: 9400 }] },
      headers: { "idempotency-key": key() },
    });
    await term.until(() => term.of("price_changed")[0]);
    expect(term.of("price_changed").map((f) => f.prices)).toEqual([[{ sku: "RICE", price: 9400 }]]);
    term.close();
  });
});

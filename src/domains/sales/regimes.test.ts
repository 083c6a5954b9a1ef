import { describe, expect, it } from "vitest";
import { call, json, signup } from "../../../test/helpers";
import { addProducts, product, sell } from "./test-fixtures";

async function foreignShop(overrides: Record<string, unknown>, address: Record<string, string>) {
  const t = await signup({ gstin: undefined, ...overrides });
  const res = await call("POST", "/v1/stores", {
    host: t.host,
    token: t.accessToken,
    body: { code: "L1", name: "High Street", type: "shop", address },
  });
  if (res.status !== 201) throw new Error(`store failed: ${res.status} ${await res.text()}`);
  return { t, storeId: (await json(res)).id as string };
}

describe("other tax regimes", () => {
  it("sells under UK VAT in pounds: VAT fraction of inclusive prices, no round-off, words in pounds", async () => {
    const { t, storeId } = await foreignShop(
      { country: "GB", currency: "GBP", timeZone: "Europe/London", taxRegime: "vat" },
      { line1: "1 High Street", city: "London", postalCode: "SW1A 1AA", country: "GB" },
    );
    // 20 % is the UK standard rate (HMRC VAT Notice 700); the catalog takes it from a VAT tenant.
    await addProducts(t, [product("TEA", 1050, 20, "0902", { kind: "non_stock", taxInclusive: true })]);
    const res = await sell(t, storeId, {
      lines: [{ sku: "TEA", quantity: 2 }],
      tenders: [{ type: "card", amount: 2100, reference: "A1" }],
    });
    expect(res.status).toBe(201);
    const inv = (await json(res)).invoice;
    // £21.00 including VAT at 20 %: VAT = 21.00 × 1/6 = 3.50, net 17.50
    expect(inv.regime).toBe("vat");
    expect(inv.currency).toBe("GBP");
    expect(inv.lines[0].taxes).toEqual([expect.objectContaining({ kind: "VAT", amount: 350 })]);
    expect(inv.totals.taxableValue).toBe(1750);
    expect(inv.roundOff).toBe(0);
    expect(inv.grandTotal).toBe(2100);
    expect(inv.amountInWords).toBe("Twenty-One Pounds");
    expect(inv.placeOfSupply).toBeNull();
    expect(inv.supplyType).toBe("none");
    expect(inv.supplier.gstin).toBeNull();
    expect(inv.number).toMatch(/^L1\/\d{4}\/1$/);
  });

  it("sells with no tax: totals are the discounted amounts", async () => {
    const { t, storeId } = await foreignShop(
      { country: "US", currency: "USD", timeZone: "America/New_York", taxRegime: "none" },
      { line1: "1 Main St", city: "Albany", postalCode: "12207", country: "US" },
    );
    await addProducts(t, [product("MUG", 1999, 0, "6912", { kind: "non_stock" })]);
    const res = await sell(t, storeId, {
      lines: [{ sku: "MUG", quantity: 3, discount: { kind: "amount", amount: 97 } }],
      tenders: [{ type: "cash", amount: 6000 }],
    });
    expect(res.status).toBe(201);
    const sale = await json(res);
    expect(sale.invoice.regime).toBe("none");
    expect(sale.invoice.lines[0].taxes).toEqual([]);
    expect(sale.invoice.grandTotal).toBe(5900);
    expect(sale.changeDue).toBe(100);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { call, json, problem, signup, type TestTenant } from "../../../test/helpers";

const tshirt = (sku = "TSH-M-RED", barcode = "4006381333931") => ({
  name: "Cotton T-shirt",
  brand: "Acme",
  kind: "stock",
  hsnSac: "61091000",
  gstRate: 5,
  taxInclusive: true,
  options: ["size", "colour"],
  variants: [
    {
      sku,
      options: { size: "M", colour: "red" },
      barcode,
      mrp: 59_900,
      price: 49_900,
      stockUnit: "each",
      packs: [{ unit: "box", factor: 12, barcode: "96385074" }],
    },
  ],
});

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  a = await signup();
  b = await signup();
});

describe("POST /v1/products", () => {
  it("creates a product with a variant, barcode and pack, and reads it back", async () => {
    const res = await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: tshirt() });
    expect(res.status).toBe(201);
    const p = await json(res);
    expect(p).toMatchObject({ name: "Cotton T-shirt", gstRate: 5, gstRateBp: 500, hsnSac: "61091000", kind: "stock" });
    expect(p.variants[0]).toMatchObject({ sku: "TSH-M-RED", price: 49_900, mrp: 59_900, uqc: "NOS", barcode: "4006381333931" });
    const got = await call("GET", `/v1/products/${p.id}`, { host: a.host, token: a.accessToken });
    expect(got.status).toBe(200);
    expect((await json(got)).variants).toHaveLength(1);
  });

  it("refuses a barcode with a wrong check digit, naming the field", async () => {
    const res = await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: tshirt("TSH-X", "4006381333932") });
    const p = await problem(res);
    expect(p.status).toBe(400);
    expect(p.contentType).toContain("application/problem+json");
    expect(p.errors?.map((e) => e.path)).toContain("variants.0.barcode");
  });

  it("refuses an HSN code of the wrong shape and a SAC on goods", async () => {
    for (const hsnSac of ["61091", "998314"]) {
      const res = await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: { ...tshirt("TSH-H"), hsnSac } });
      const p = await problem(res);
      expect(p.status).toBe(400);
      expect(p.errors?.map((e) => e.path)).toContain("hsnSac");
    }
  });

  it("refuses a selling price above the MRP, counting tax on tax-exclusive prices", async () => {
    const over = tshirt("TSH-P", "0036000291452");
    over.variants[0]!.price = 60_000;
    let p = await problem(await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: over }));
    expect(p.status).toBe(400);
    expect(p.errors?.map((e) => e.path)).toContain("variants.0.price");
    // 57,100 + 5 % GST = 59,955 > 59,900
    const exclusive = { ...tshirt("TSH-Q", "0036000291452"), taxInclusive: false };
    exclusive.variants[0]!.price = 57_100;
    p = await problem(await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: exclusive }));
    expect(p.errors?.map((e) => e.path)).toContain("variants.0.price");
  });

  it("refuses a GST rate that is not a GST rate", async () => {
    const p = await problem(
      await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: { ...tshirt("TSH-R"), gstRate: 7 } }),
    );
    expect(p.status).toBe(400);
    expect(p.errors?.map((e) => e.path)).toContain("gstRate");
  });

  it("answers 409 naming the field when a SKU or barcode is taken", async () => {
    const p = await problem(
      await call("POST", "/v1/products", {
        host: a.host,
        token: a.accessToken,
        body: { ...tshirt("tsh-m-red", "0036000291452"), handle: "other" },
      }),
    );
    expect(p.status).toBe(409);
    expect(p.errors?.map((e) => e.path)).toContain("variants.0.sku");
    const q = await problem(
      await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: { ...tshirt("TSH-NEW"), handle: "other2" } }),
    );
    expect(q.status).toBe(409);
    expect(q.errors?.map((e) => e.path)).toContain("variants.0.barcode");
  });

  it("creates services and non-stock items without MRP or stock unit rules", async () => {
    const service = { name: "Alteration", kind: "service", hsnSac: "998831", gstRate: 18, variants: [{ sku: "SVC-ALTER", price: 20_000 }] };
    expect((await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: service })).status).toBe(201);
    const voucher = { name: "Gift voucher", kind: "non_stock", variants: [{ sku: "GV-OPEN", openPrice: true }] };
    const res = await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: voucher });
    expect(res.status).toBe(201);
    expect((await json(res)).variants[0]).toMatchObject({ openPrice: true, price: null });
  });
});

describe("tax rates by the tenant's regime", () => {
  const mug = (sku: string, gstRate: number, extra: Record<string, unknown> = {}) => ({
    name: "Mug",
    gstRate,
    ...extra,
    variants: [{ sku, price: 1200 }],
  });

  it("lets a UK VAT tenant store the 20 % standard rate and change it to any two-decimal rate", async () => {
    const uk = await signup({ country: "GB", currency: "GBP", timeZone: "Europe/London", taxRegime: "vat", gstin: undefined });
    const res = await call("POST", "/v1/products", { host: uk.host, token: uk.accessToken, body: mug("MUG-20", 20) });
    expect(res.status).toBe(201);
    const p = await json(res);
    expect(p).toMatchObject({ gstRate: 20, gstRateBp: 2000 });
    const patched = await call("PATCH", `/v1/products/${p.id}`, { host: uk.host, token: uk.accessToken, body: { gstRate: 17.5 } });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({ gstRateBp: 1750 });
    for (const [body, path] of [
      [mug("MUG-X", 12.125), "gstRate"],
      [mug("MUG-Y", 20, { cessRate: 1 }), "cessRate"],
    ] as const) {
      const bad = await problem(await call("POST", "/v1/products", { host: uk.host, token: uk.accessToken, body }));
      expect(bad.status).toBe(400);
      expect(bad.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it("refuses 20 % for a GST tenant (not a GST slab)", async () => {
    const p = await problem(
      await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body: mug("MUG-G20", 20, { kind: "non_stock" }) }),
    );
    expect(p.status).toBe(400);
    expect(p.errors?.map((e) => e.path)).toContain("gstRate");
  });

  it("lets a tenant with no tax regime store 0 % only", async () => {
    const us = await signup({ country: "US", currency: "USD", timeZone: "America/New_York", taxRegime: "none", gstin: undefined });
    expect((await call("POST", "/v1/products", { host: us.host, token: us.accessToken, body: mug("MUG-0", 0) })).status).toBe(201);
    const p = await problem(await call("POST", "/v1/products", { host: us.host, token: us.accessToken, body: mug("MUG-5", 5) }));
    expect(p.status).toBe(400);
    expect(p.errors?.map((e) => e.path)).toContain("gstRate");
  });
});

describe("PATCH /v1/products/{id}", () => {
  it("changes fields, adds a variant by SKU and re-checks price against MRP", async () => {
    const body = { ...tshirt("PAT-1", "5901234123457"), handle: "pat" };
    body.variants[0]!.packs = [{ unit: "box", factor: 6 } as never];
    const res0 = await call("POST", "/v1/products", { host: a.host, token: a.accessToken, body });
    expect(res0.status).toBe(201);
    const created = await json(res0);
    const res = await call("PATCH", `/v1/products/${created.id}`, {
      host: a.host,
      token: a.accessToken,
      body: { brand: "Zed", variants: [{ sku: "PAT-2", options: { size: "L" }, price: 100 }] },
    });
    expect(res.status).toBe(200);
    const p = await json(res);
    expect(p.brand).toBe("Zed");
    expect(p.variants.map((v: { sku: string }) => v.sku).sort()).toEqual(["PAT-1", "PAT-2"]);
    const bad = await problem(
      await call("PATCH", `/v1/products/${created.id}`, { host: a.host, token: a.accessToken, body: { taxInclusive: false, gstRate: 28 } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors?.map((e) => e.path)).toContain("variants.0.price");
  });
});

describe("search and lists", () => {
  it("finds products by name prefix, SKU and barcode, with cursor pages", async () => {
    for (const [i, name] of ["Basmati rice", "Brown rice", "Rice flour"].entries()) {
      const r = await call("POST", "/v1/products", {
        host: a.host,
        token: a.accessToken,
        body: { name, hsnSac: "1006", gstRate: 5, variants: [{ sku: `RICE-${i}`, price: 1000, stockUnit: "g" }] },
      });
      expect(r.status).toBe(201);
    }
    const names = async (q: string) =>
      (await json(await call("GET", `/v1/products?q=${encodeURIComponent(q)}`, { host: a.host, token: a.accessToken }))).items
        .map((p: { name: string }) => p.name)
        .sort();
    expect(await names("bas")).toEqual(["Basmati rice"]);
    expect(await names("ric")).toEqual(["Basmati rice", "Brown rice", "Rice flour"]);
    expect(await names("rice-1")).toEqual(["Brown rice"]);
    expect(await names("TSH-M")).toEqual(["Cotton T-shirt"]);
    expect(await names("4006381333931")).toEqual(["Cotton T-shirt"]);
    expect(await names("acme cot")).toEqual(["Cotton T-shirt"]);
    const first = await json(await call("GET", "/v1/products?q=rice&limit=2", { host: a.host, token: a.accessToken }));
    expect(first.items).toHaveLength(2);
    const second = await json(
      await call("GET", `/v1/products?q=rice&limit=2&cursor=${first.nextCursor}`, { host: a.host, token: a.accessToken }),
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });
});

describe("till lookups", () => {
  it("looks up a SKU and a pack barcode with price, tax, HSN, unit and quantity per scan", async () => {
    const sku = await json(await call("GET", "/v1/skus/tsh-m-red", { host: a.host, token: a.accessToken }));
    expect(sku).toMatchObject({
      sku: "TSH-M-RED",
      name: "Cotton T-shirt (M / red)",
      price: 49_900,
      priceSource: "catalog",
      gstRateBp: 500,
      hsnSac: "61091000",
      stockUnit: "each",
      kind: "stock",
      quantity: 1,
    });
    const box = await json(await call("GET", "/v1/barcodes/96385074", { host: a.host, token: a.accessToken }));
    expect(box).toMatchObject({ sku: "TSH-M-RED", scannedUnit: "box", quantity: 12 });
    expect((await call("GET", "/v1/barcodes/0000000000000", { host: a.host, token: a.accessToken })).status).toBe(404);
  });

  it("applies a store's price list and refuses an override above MRP", async () => {
    const store = await json(
      await call("POST", "/v1/stores", {
        host: a.host,
        token: a.accessToken,
        body: {
          code: "S1",
          name: "Main",
          type: "shop",
          address: { line1: "1 Road", city: "Pune", postalCode: "411001", country: "IN" },
          stateCode: "27",
        },
      }),
    );
    expect(store.id).toBeTruthy();
    const set = await call("POST", `/v1/price-lists/${store.id}`, {
      host: a.host,
      token: a.accessToken,
      body: { prices: [{ sku: "TSH-M-RED", price: 45_000 }] },
    });
    expect(set.status).toBe(200);
    const sku = await json(await call("GET", `/v1/skus/TSH-M-RED?storeId=${store.id}`, { host: a.host, token: a.accessToken }));
    expect(sku).toMatchObject({ price: 45_000, priceSource: "store" });
    const over = await problem(
      await call("POST", `/v1/price-lists/${store.id}`, {
        host: a.host,
        token: a.accessToken,
        body: { prices: [{ sku: "TSH-M-RED", price: 60_000 }] },
      }),
    );
    expect(over.status).toBe(400);
    expect(over.errors?.map((e) => e.path)).toContain("prices.0.price");
  });
});

describe("categories", () => {
  it("builds a tree, refuses a cycle and a delete of a category in use", async () => {
    const root = await json(await call("POST", "/v1/categories", { host: a.host, token: a.accessToken, body: { name: "Apparel" } }));
    const child = await json(
      await call("POST", "/v1/categories", { host: a.host, token: a.accessToken, body: { name: "Shirts", parentId: root.id } }),
    );
    expect(child.parentId).toBe(root.id);
    const cycle = await problem(
      await call("PATCH", `/v1/categories/${root.id}`, { host: a.host, token: a.accessToken, body: { parentId: child.id } }),
    );
    expect(cycle.status).toBe(400);
    expect((await call("DELETE", `/v1/categories/${root.id}`, { host: a.host, token: a.accessToken })).status).toBe(409);
    expect((await call("DELETE", `/v1/categories/${child.id}`, { host: a.host, token: a.accessToken })).status).toBe(204);
  });
});

describe("security", () => {
  it("answers 401 without a token", async () => {
    expect((await call("GET", "/v1/products", { host: a.host })).status).toBe(401);
    expect((await call("POST", "/v1/products", { host: a.host, body: tshirt("X1") })).status).toBe(401);
  });

  it("refuses another tenant's token and never lists another tenant's products", async () => {
    expect((await call("GET", "/v1/products", { host: b.host, token: a.accessToken })).status).toBe(403);
    const list = await json(await call("GET", "/v1/products", { host: b.host, token: b.accessToken }));
    expect(list.items).toEqual([]);
    expect((await call("GET", "/v1/skus/TSH-M-RED", { host: b.host, token: b.accessToken })).status).toBe(404);
  });

  it("lets a cashier look items up but not create them", async () => {
    const key = await json(
      await call("POST", "/v1/api-keys", { host: a.host, token: a.accessToken, body: { name: "till", role: "cashier" } }),
    );
    expect(key.key).toBeTruthy();
    expect((await call("GET", "/v1/skus/TSH-M-RED", { host: a.host, token: key.key })).status).toBe(200);
    const p = await problem(await call("POST", "/v1/products", { host: a.host, token: key.key, body: tshirt("CASH-1", "0012345678905") }));
    expect(p.status).toBe(403);
    expect(p.code).toBe("forbidden");
    expect((await call("GET", "/v1/skus/CASH-1", { host: a.host, token: a.accessToken })).status).toBe(404);
  });
});

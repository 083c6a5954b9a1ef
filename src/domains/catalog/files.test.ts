import { beforeAll, describe, expect, it } from "vitest";
import { call, json, problem, signup, type TestTenant } from "../../../test/helpers";

let t: TestTenant;
beforeAll(async () => {
  t = await signup();
});

/** Polls an import until it finishes (the Worker processes it after answering 202). */
async function finished(id: string): Promise<Record<string, any>> {
  for (let i = 0; i < 100; i++) {
    const imp = await json(await call("GET", `/v1/products/imports/${id}`, { host: t.host, token: t.accessToken }));
    if (imp.status === "done" || imp.status === "failed") return imp;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("import did not finish");
}

const upload = (csv: string, headers: Record<string, string> = {}) =>
  call("POST", "/v1/products/import", {
    host: t.host,
    token: t.accessToken,
    rawBody: csv,
    headers: { "content-type": "text/csv", ...headers },
  });

const CSV = [
  "handle,sku,name,brand,hsn_sac,gst_rate,mrp,price,barcode,option1_name,option1_value,pack_unit,pack_factor",
  "tee,TEE-S,Linen tee,Acme,61091000,5,599.00,499.00,4006381333931,size,S,box,12",
  "tee,TEE-M,Linen tee,Acme,61091000,5,599.00,499.00,,size,M,,",
  "soap,SOAP-1,Neem soap,Leaf,3401,18,40,45,,,,,", // price above MRP
  "pen,PEN-1,Gel pen,Inko,9608,18,20,10,4006381333932,,,,", // bad check digit
  '"mug",MUG-1,"Mug, ""big""",Clay,691200,12,,250.5,,,,,', // HSN of 6 digits; quoted comma and quotes
].join("\n");

describe("POST /v1/products/import", () => {
  it("imports rows, reports bad rows with line numbers and columns, and shows progress", async () => {
    const res = await upload(CSV);
    expect(res.status).toBe(202);
    const started = await json(res);
    expect(res.headers.get("location")).toBe(`/v1/products/imports/${started.id}`);
    const imp = await finished(started.id);
    expect(imp).toMatchObject({ status: "done", rowsTotal: 5, rowsDone: 3, rowsFailed: 2, created: 3, updated: 0 });
    expect(imp.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 4, field: "price" }),
        expect.objectContaining({ line: 5, field: "barcode" }),
      ]),
    );
    const tee = await json(await call("GET", "/v1/products?q=linen", { host: t.host, token: t.accessToken }));
    expect(tee.items).toHaveLength(1);
    expect(tee.items[0].variants.map((v: { sku: string }) => v.sku).sort()).toEqual(["TEE-M", "TEE-S"]);
    const mug = await json(await call("GET", "/v1/skus/MUG-1", { host: t.host, token: t.accessToken }));
    expect(mug).toMatchObject({ name: 'Mug, "big"', price: 25_050, gstRateBp: 1200 });
  });

  it("creates nothing new when the same file is imported again", async () => {
    const before = (await json(await call("GET", "/v1/products?limit=200", { host: t.host, token: t.accessToken }))).items.length;
    const imp = await finished((await json(await upload(CSV))).id);
    expect(imp).toMatchObject({ status: "done", created: 0, updated: 3, rowsFailed: 2 });
    const after = (await json(await call("GET", "/v1/products?limit=200", { host: t.host, token: t.accessToken }))).items.length;
    expect(after).toBe(before);
  });

  it("answers the same import for a retried Idempotency-Key", async () => {
    const first = await json(await upload("sku,name,hsn_sac,price\nIDEM-1,Thing,9608,10\n", { "idempotency-key": "import-key-0001" }));
    await finished(first.id);
    const again = await upload("sku,name,hsn_sac,price\nIDEM-1,Thing,9608,10\n", { "idempotency-key": "import-key-0001" });
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(first.id);
  });

  it("fails a file without the required columns at line 1", async () => {
    const imp = await finished((await json(await upload("name,price\nX,1\n"))).id);
    expect(imp.status).toBe("failed");
    expect(imp.errors[0]).toMatchObject({ line: 1 });
    expect(imp.errors[0].message, JSON.stringify(imp.errors)).toContain("sku");
  });

  it("refuses a body that is not CSV, and a cashier", async () => {
    const p = await problem(
      await call("POST", "/v1/products/import", {
        host: t.host,
        token: t.accessToken,
        rawBody: "{}",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(p.status).toBe(415);
    const key = await json(
      await call("POST", "/v1/api-keys", { host: t.host, token: t.accessToken, body: { name: "till", role: "cashier" } }),
    );
    const c = await call("POST", "/v1/products/import", {
      host: t.host,
      token: key.key,
      rawBody: CSV,
      headers: { "content-type": "text/csv" },
    });
    expect(c.status).toBe(403);
  });
});

describe("product media", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250, 251, 252, 0, 255]);

  it("stores an image in R2, serves it back byte for byte, and does not store the same bytes twice", async () => {
    const product = await json(
      await call("POST", "/v1/products", {
        host: t.host,
        token: t.accessToken,
        body: { name: "Lamp", hsnSac: "9405", gstRate: 18, variants: [{ sku: "LAMP-1", price: 90_000 }] },
      }),
    );
    const up = await call("POST", `/v1/products/${product.id}/media`, {
      host: t.host,
      token: t.accessToken,
      rawBody: png,
      headers: { "content-type": "image/png" },
    });
    expect(up.status).toBe(201);
    const media = await json(up);
    const again = await call("POST", `/v1/products/${product.id}/media`, {
      host: t.host,
      token: t.accessToken,
      rawBody: png,
      headers: { "content-type": "image/png" },
    });
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(media.id);
    const got = await call("GET", media.url, { host: t.host, token: t.accessToken });
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    const p = await json(await call("GET", `/v1/products/${product.id}`, { host: t.host, token: t.accessToken }));
    expect(p.media).toHaveLength(1);
  });

  it("refuses bytes that are not the declared image type", async () => {
    const product = await json(
      await call("POST", "/v1/products", {
        host: t.host,
        token: t.accessToken,
        body: { name: "Vase", hsnSac: "6913", gstRate: 12, variants: [{ sku: "VASE-1", price: 90_000 }] },
      }),
    );
    const res = await call("POST", `/v1/products/${product.id}/media`, {
      host: t.host,
      token: t.accessToken,
      rawBody: png,
      headers: { "content-type": "image/jpeg" },
    });
    expect(res.status).toBe(415);
    expect(
      (await call("POST", `/v1/products/${product.id}/media`, { host: t.host, rawBody: png, headers: { "content-type": "image/png" } }))
        .status,
    ).toBe(401);
  });
});

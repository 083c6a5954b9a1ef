import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";
import { signShareToken, verifyShareToken } from "./share";
import { cashSale, gstShop, invoiceOf, pdfText } from "./test-fixtures";

const share = (host: string, token: string, id: string, body?: unknown) => call("POST", `/v1/invoices/${id}/share`, { host, token, body });
const open = (url: string) => {
  const u = new URL(url);
  // No host of a tenant, no token: the link alone must be enough.
  return call("GET", `${u.pathname}${u.search}`, { host: "localhost" });
};
const nowS = () => Math.floor(Date.now() / 1000);

describe("invoice share links", () => {
  it("opens the invoice PDF from a signed link without a login or a tenant host", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    const res = await share(t.host, t.accessToken, inv.id);
    expect(res.status).toBe(201);
    const { url, expiresAt } = await json(res);
    expect(url).toMatch(new RegExp(`^http://${t.host}/public/invoices/.+\\.pdf$`));
    const ttl = Date.parse(expiresAt) / 1000 - nowS();
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 - 60);
    const pdf = await open(url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
    expect(await pdfText(await pdf.arrayBuffer())).toContain(inv.number);
    const receipt = await open(`${url}?format=receipt`);
    expect(receipt.status).toBe(200);
    // The share is audited.
    const audit = await json(await call("GET", "/v1/audit?action=invoice.shared", { host: t.host, token: t.accessToken }));
    expect(JSON.stringify(audit)).toContain(inv.id);
  });

  it("honours a shorter lifetime and refuses one out of range", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    const { expiresAt } = await json(await share(t.host, t.accessToken, inv.id, { expiresInSeconds: 600 }));
    expect(Math.abs(Date.parse(expiresAt) / 1000 - (nowS() + 600))).toBeLessThan(5);
    expect((await problem(await share(t.host, t.accessToken, inv.id, { expiresInSeconds: 10 }))).code).toBe("validation_failed");
    expect((await problem(await share(t.host, t.accessToken, inv.id, { expiresInSeconds: 31 * 24 * 3600 }))).code).toBe(
      "validation_failed",
    );
  });

  it("refuses a tampered signature, a moved invoice id and an expired link with one 404 problem", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    const other = await invoiceOf(t, storeId, cashSale());
    const { url } = await json(await share(t.host, t.accessToken, inv.id));
    const token = new URL(url).pathname.split("/").at(-1) as string;
    const [tenantId, invoiceId, exp, sig] = token.replace(/\.pdf$/, "").split(".") as [string, string, string, string];
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`;
    const bad = [
      `${tenantId}.${invoiceId}.${exp}.${flipped}.pdf`, // tampered signature
      `${tenantId}.${other.id}.${exp}.${sig}.pdf`, // same signature, another invoice
      `${tenantId}.${invoiceId}.${Number(exp) + 3600}.${sig}.pdf`, // extended expiry
      `${tenantId}.${invoiceId}.${exp}.pdf`, // no signature
      "not-a-token.pdf",
    ];
    for (const b of bad) {
      const p = await problem(await call("GET", `/public/invoices/${b}`, { host: "localhost" }));
      expect([p.status, p.code, p.contentType], b).toEqual([404, "not_found", "application/problem+json"]);
    }
    const expired = await signShareToken(env, { tenantId, invoiceId, expiresAt: nowS() - 1 });
    expect((await call("GET", `/public/invoices/${expired}.pdf`, { host: "localhost" })).status).toBe(404);
    await expect(verifyShareToken(env, expired)).rejects.toMatchObject({ code: "not_found" });
  });

  it("never serves another tenant's invoice, even with a valid signature for a different tenant", async () => {
    const a = await gstShop();
    const b = await gstShop();
    const invA = await invoiceOf(a.t, a.storeId, cashSale());
    const invB = await invoiceOf(b.t, b.storeId, cashSale());
    // A's token with B's tenant id: the signature no longer matches.
    const { url } = await json(await share(a.t.host, a.t.accessToken, invA.id));
    const moved = new URL(url).pathname.replace(a.t.id, b.t.id);
    expect((await call("GET", moved, { host: "localhost" })).status).toBe(404);
    // A correctly signed token naming tenant A and B's invoice: A's database has no such invoice.
    const crossed = await signShareToken(env, { tenantId: a.t.id, invoiceId: invB.id, expiresAt: nowS() + 600 });
    expect((await call("GET", `/public/invoices/${crossed}.pdf`, { host: "localhost" })).status).toBe(404);
    // Sharing B's invoice from A's session is refused like reading it.
    expect((await share(a.t.host, a.t.accessToken, invB.id)).status).toBe(404);
  });

  it("needs a login to make a link", async () => {
    const { t, storeId } = await gstShop();
    const inv = await invoiceOf(t, storeId, cashSale());
    expect((await call("POST", `/v1/invoices/${inv.id}/share`, { host: t.host })).status).toBe(401);
    const stranger = await signup();
    expect((await share(t.host, stranger.accessToken, inv.id)).status).toBe(403);
  });
});

import { describe, expect, it } from "vitest";
import { call, json, problem, signup } from "../../../test/helpers";

const store = (code: string) => ({
  code,
  name: `Store ${code}`,
  type: "shop",
  address: { line1: "1 MG Road", city: "Pune", postalCode: "411001", country: "IN" },
  stateCode: "27",
});

describe("the API contract", () => {
  it("answers malformed JSON with 400 malformed_json problem+json and writes nothing", async () => {
    const t = await signup();
    const res = await call("POST", "/v1/stores", {
      host: t.host,
      token: t.accessToken,
      rawBody: '{"code": "A1",',
      headers: { "content-type": "application/json" },
    });
    const p = await problem(res);
    expect(res.status).toBe(400);
    expect(p.code).toBe("malformed_json");
    expect(p.contentType).toBe("application/problem+json");
    expect((await json(await call("GET", "/v1/stores", { host: t.host, token: t.accessToken }))).items).toHaveLength(0);
  });

  it("names the fields of wrong types", async () => {
    const t = await signup();
    const res = await call("POST", "/v1/stores", {
      host: t.host,
      token: t.accessToken,
      body: { ...store("A1"), type: 7, address: "nowhere" },
    });
    const p = await problem(res);
    expect(res.status).toBe(400);
    expect(p.code).toBe("validation_failed");
    expect(p.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["type", "address"]));
  });

  it("refuses an oversized body with 413 and a non-JSON body with 415", async () => {
    const t = await signup();
    const big = JSON.stringify({ ...store("A1"), name: "x".repeat(1_100_000) });
    const res = await call("POST", "/v1/stores", {
      host: t.host,
      token: t.accessToken,
      rawBody: big,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe("payload_too_large");
    const form = await call("POST", "/v1/stores", {
      host: t.host,
      token: t.accessToken,
      rawBody: "code=A1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
  });

  it("replays the first answer for the same Idempotency-Key and body, and answers 422 for another body", async () => {
    const t = await signup();
    const headers = { "idempotency-key": "create-store-A1-0001" };
    const first = await call("POST", "/v1/stores", { host: t.host, token: t.accessToken, body: store("A1"), headers });
    const again = await call("POST", "/v1/stores", { host: t.host, token: t.accessToken, body: store("A1"), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await json(again)).id).toBe((await json(first)).id);
    const other = await call("POST", "/v1/stores", { host: t.host, token: t.accessToken, body: store("B2"), headers });
    expect(other.status).toBe(422);
    expect((await problem(other)).code).toBe("idempotency_key_reused");
    expect((await json(await call("GET", "/v1/stores", { host: t.host, token: t.accessToken }))).items).toHaveLength(1);
  });

  it("echoes a caller's request id and makes one otherwise, in headers and problems", async () => {
    const mine = await call("GET", "/v1/nowhere", { headers: { "x-request-id": "abc-123" } });
    expect(mine.headers.get("x-request-id")).toBe("abc-123");
    const p = await json(mine);
    expect(p.requestId).toBe("abc-123");
    expect(mine.status).toBe(404);
    const made = await call("GET", "/health");
    expect(made.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("paginates lists with an opaque cursor", async () => {
    const t = await signup();
    for (const code of ["S1", "S2", "S3"]) await call("POST", "/v1/stores", { host: t.host, token: t.accessToken, body: store(code) });
    const p1 = await json(await call("GET", "/v1/stores?limit=2", { host: t.host, token: t.accessToken }));
    expect(p1.items).toHaveLength(2);
    const p2 = await json(await call("GET", `/v1/stores?limit=2&cursor=${p1.nextCursor}`, { host: t.host, token: t.accessToken }));
    expect(p2.items.map((s: { code: string }) => s.code)).toEqual(["S3"]);
    expect(p2.nextCursor).toBeNull();
  });

  it("publishes an OpenAPI 3.1 document with unique operation ids and a docs page", async () => {
    const doc = await json(await call("GET", "/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string; responses?: object }>>).flatMap((p) =>
      Object.values(p),
    );
    const ids = ops.map((o) => o.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths["/v1/signup"].post).toBeDefined();
    const docs = await call("GET", "/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
    expect((await call("GET", "/health")).status).toBe(200);
  });
});

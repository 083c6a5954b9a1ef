import { describe, expect, it } from "vitest";
import { call, createStore, json, problem, signup, staff, storeBody } from "../../../test/helpers";

describe("staff and store scope", () => {
  it("invites a cashier who can log in after accepting, limited to their store", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    const cashier = await staff(t, "cashier", [a]);
    expect((await call("GET", `/v1/stores/${a}`, { host: t.host, token: cashier.token })).status).toBe(200);
    const other = await call("GET", `/v1/stores/${b}`, { host: t.host, token: cashier.token });
    expect(other.status).toBe(403);
    expect((await problem(other)).code).toBe("store_forbidden");
    const list = await json(await call("GET", "/v1/stores", { host: t.host, token: cashier.token }));
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([a]);
  });

  it("refuses writes a role may not make", async () => {
    const t = await signup();
    const cashier = await staff(t, "cashier");
    const res = await call("POST", "/v1/stores", { host: t.host, token: cashier.token, body: storeBody("C1") });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe("forbidden");
    const invite = await call("POST", "/v1/users/invitations", {
      host: t.host,
      token: cashier.token,
      body: { email: "x@y.example", name: "X", role: "cashier" },
    });
    expect(invite.status).toBe(403);
  });

  it("does not let an admin make an owner, and keeps the last owner", async () => {
    const t = await signup();
    const admin = await staff(t, "admin");
    const res = await call("POST", "/v1/users/invitations", {
      host: t.host,
      token: admin.token,
      body: { email: "o@y.example", name: "O", role: "owner" },
    });
    expect(res.status).toBe(403);
    const demote = await call("PATCH", `/v1/users/${t.ownerId}`, { host: t.host, token: t.accessToken, body: { role: "admin" } });
    expect(demote.status).toBe(403);
  });

  it("disabling a user ends their access at once", async () => {
    const t = await signup();
    const m = await staff(t, "store_manager");
    expect((await call("GET", "/v1/me", { host: t.host, token: m.token })).status).toBe(200);
    expect((await call("PATCH", `/v1/users/${m.id}`, { host: t.host, token: t.accessToken, body: { status: "disabled" } })).status).toBe(
      200,
    );
    expect((await call("GET", "/v1/me", { host: t.host, token: m.token })).status).toBe(401);
  });

  it("never lists another tenant's users or stores", async () => {
    const a = await signup();
    const b = await signup();
    await createStore(a, "A1");
    const users = await json(await call("GET", "/v1/users", { host: b.host, token: b.accessToken }));
    expect(users.items.map((u: { email: string }) => u.email)).toEqual([b.ownerEmail]);
    expect((await json(await call("GET", "/v1/stores", { host: b.host, token: b.accessToken }))).items).toHaveLength(0);
  });
});

describe("stores", () => {
  it("refuses a GSTIN registered in another state than the store's", async () => {
    const t = await signup();
    const res = await call("POST", "/v1/stores", {
      host: t.host,
      token: t.accessToken,
      body: storeBody("K1", { stateCode: "29", gstin: "27AAPFU0939F1ZV" }),
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.map((e) => e.path)).toContain("gstin");
  });

  it("updates a store and audits it", async () => {
    const t = await signup();
    const id = await createStore(t, "U1");
    const res = await call("PATCH", `/v1/stores/${id}`, { host: t.host, token: t.accessToken, body: { name: "Renamed" } });
    expect((await json(res)).name).toBe("Renamed");
  });
});

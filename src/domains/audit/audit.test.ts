import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createStore, json, signup, staff, type TestTenant } from "../../../test/helpers";

async function tenantDb(t: TestTenant): Promise<D1Database> {
  const b = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
  return (env as unknown as Record<string, D1Database>)[b?.b ?? ""] as D1Database;
}

/** A tenant with a few audited writes (stores created and renamed), chain sealed. */
async function tenantWithHistory(): Promise<{ t: TestTenant; db: D1Database; seqs: number[] }> {
  const t = await signup();
  const a = await createStore(t, "A1");
  await createStore(t, "B1");
  await call("PATCH", `/v1/stores/${a}`, { host: t.host, token: t.accessToken, body: { name: "Renamed" } });
  await createStore(t, "C1");
  const first = await json(await call("GET", "/v1/audit/verify", { host: t.host, token: t.accessToken }));
  expect(first.ok).toBe(true);
  const db = await tenantDb(t);
  const rows = await db.prepare("SELECT seq FROM audit_log ORDER BY seq").all<{ seq: number }>();
  return { t, db, seqs: rows.results.map((r) => r.seq) };
}

const verify = async (t: TestTenant) => json(await call("GET", "/v1/audit/verify", { host: t.host, token: t.accessToken }));

describe("GET /v1/audit", () => {
  it("lists entries newest first with filters and a seq cursor", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    await createStore(t, "B1");
    await call("PATCH", `/v1/stores/${a}`, { host: t.host, token: t.accessToken, body: { name: "Renamed" } });
    const all = await json(await call("GET", "/v1/audit?entityType=store", { host: t.host, token: t.accessToken }));
    expect(all.items.map((i: { action: string }) => i.action)).toEqual(["store.updated", "store.created", "store.created"]);
    expect(all.items[0]).toMatchObject({ entityId: a, actorId: t.ownerId, actorType: "user" });
    const one = await json(await call("GET", `/v1/audit?entityId=${a}&action=store.created`, { host: t.host, token: t.accessToken }));
    expect(one.items).toHaveLength(1);
    const p1 = await json(await call("GET", "/v1/audit?entityType=store&limit=2", { host: t.host, token: t.accessToken }));
    expect(p1.items).toHaveLength(2);
    const p2 = await json(
      await call("GET", `/v1/audit?entityType=store&limit=2&cursor=${p1.nextCursor}`, { host: t.host, token: t.accessToken }),
    );
    expect(p2.items.map((i: { seq: number }) => i.seq)).toEqual([all.items[2].seq]);
    expect(p2.nextCursor).toBeNull();
    const future = await json(
      await call("GET", `/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, {
        host: t.host,
        token: t.accessToken,
      }),
    );
    expect(future.items).toEqual([]);
  });

  it("refuses anonymous callers, roles without audit.read, and a malformed cursor", async () => {
    const t = await signup();
    expect((await call("GET", "/v1/audit", { host: t.host })).status).toBe(401);
    const cashier = await staff(t, "cashier");
    expect((await call("GET", "/v1/audit", { host: t.host, token: cashier.token })).status).toBe(403);
    expect((await call("GET", "/v1/audit/verify", { host: t.host, token: cashier.token })).status).toBe(403);
    const accountant = await staff(t, "accountant");
    expect((await call("GET", "/v1/audit", { host: t.host, token: accountant.token })).status).toBe(200);
    expect((await call("GET", "/v1/audit?cursor=abc", { host: t.host, token: t.accessToken })).status).toBe(400);
  });

  it("does not show one tenant's entries to another", async () => {
    const a = await signup();
    const b = await signup();
    await createStore(a, "A1");
    expect((await call("GET", "/v1/audit", { host: b.host, token: a.accessToken })).status).toBe(403);
    const bs = await json(await call("GET", "/v1/audit?entityType=store", { host: b.host, token: b.accessToken }));
    expect(bs.items).toEqual([]);
  });
});

describe("sealing", () => {
  it("seals a write's audit entry right after the request, without waiting for the cron", async () => {
    const t = await signup();
    await createStore(t, "A1");
    const db = await tenantDb(t);
    const deadline = Date.now() + 5_000;
    let open = 1;
    while (open > 0 && Date.now() < deadline) {
      open = (await db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE hash IS NULL").first<{ n: number }>())?.n ?? 0;
      if (open > 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(open).toBe(0);
    const head = await db.prepare("SELECT last_seq FROM audit_chain_head").first<{ last_seq: number }>();
    expect(head?.last_seq).toBe((await db.prepare("SELECT MAX(seq) AS s FROM audit_log").first<{ s: number }>())?.s);
  });
});

describe("GET /v1/audit/verify", () => {
  it("reports an untouched chain as ok, sealing pending entries first", async () => {
    const t = await signup();
    await createStore(t, "A1");
    const db = await tenantDb(t);
    await db.prepare("UPDATE audit_log SET hash = NULL, prev_hash = NULL").run(); // as if never sealed
    await db.prepare("DELETE FROM audit_chain_head").run();
    const r = await verify(t);
    expect(r).toMatchObject({ ok: true });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.checked).toBe((await db.prepare("SELECT COUNT(*) AS n FROM audit_log").first<{ n: number }>())?.n);
    expect((await verify(t)).sealed).toBe(0);
  });

  it("names the entry whose field was edited", async () => {
    const { t, db, seqs } = await tenantWithHistory();
    const target = seqs[2]!;
    await db.prepare("UPDATE audit_log SET actor_id = 'usr_someone_else' WHERE seq = ?").bind(target).run();
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: target, reason: "entry_altered" });
  });

  it("names a deleted middle entry", async () => {
    const { t, db, seqs } = await tenantWithHistory();
    const target = seqs[1]!;
    await db.prepare("DELETE FROM audit_log WHERE seq = ?").bind(target).run();
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: target, reason: "link_broken" });
  });

  it("names a deleted last entry, even after later entries are sealed", async () => {
    const { t, db, seqs } = await tenantWithHistory();
    const last = seqs.at(-1)!;
    await db.prepare("DELETE FROM audit_log WHERE seq = ?").bind(last).run();
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: last, reason: "entries_missing" });
    // New writes chain onto the head, so the hole stays visible.
    await createStore(t, "D1");
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: last });
  });

  it("notices a rewritten tail whose hash was recomputed", async () => {
    const { t, db, seqs } = await tenantWithHistory();
    const last = seqs.at(-1)!;
    const row = await db.prepare("SELECT * FROM audit_log WHERE seq = ?").bind(last).first<Record<string, unknown>>();
    const { entryHash } = await import("../../platform/audit");
    const forged = { ...row, action: "store.forged" } as Parameters<typeof entryHash>[1];
    await db
      .prepare("UPDATE audit_log SET action = 'store.forged', hash = ? WHERE seq = ?")
      .bind(await entryHash(row?.prev_hash as string, forged), last)
      .run();
    expect(await verify(t)).toMatchObject({ ok: false, brokenAt: last, reason: "head_mismatch" });
  });
});

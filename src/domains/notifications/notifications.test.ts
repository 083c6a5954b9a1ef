import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createStore, json, signup, staff, type TestTenant } from "../../../test/helpers";
import worker from "../../../workers/index";
import { outboxNotifier } from "../../platform/notify";
import { notify, sendDueNotifications } from "./send";

let n = 0;
function lowEvent(tenantId: string, storeId: string, sku = "RICE-5KG") {
  n++;
  return {
    eventId: `evt_low_${Date.now()}_${n}`,
    tenantId,
    storeId,
    type: "stock.low",
    version: 1,
    occurredAt: new Date().toISOString(),
    payload: { sku, onHand: 3, lowThreshold: 5, reorderPoint: 8 },
  };
}

async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `n${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function outbox(t: TestTenant, template: string) {
  const items = (await json(await call("GET", "/v1/dev/outbox", { host: t.host, token: t.accessToken }))).items as {
    template: string;
    recipient: string;
    subject: string;
    body: string;
  }[];
  return items.filter((i) => i.template === template);
}

async function tenantDb(t: TestTenant): Promise<D1Database> {
  const b = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
  return (env as unknown as Record<string, D1Database>)[b?.b ?? ""] as D1Database;
}

describe("stock.low notifications", () => {
  it("tells the store's managers once, even when the event is delivered twice", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const b = await createStore(t, "B1");
    const managerA = await staff(t, "store_manager", [a]);
    await staff(t, "store_manager", [b]);
    await staff(t, "cashier", [a]);
    const event = lowEvent(t.id, a);
    expect((await deliver([event])).explicitAcks).toHaveLength(1);
    expect((await deliver([event])).explicitAcks).toHaveLength(1);
    const sent = await outbox(t, "stock.low");
    expect(sent.map((m) => m.recipient).sort()).toEqual([managerA.email, t.ownerEmail].sort());
    expect(sent[0]).toMatchObject({ subject: "Low stock: RICE-5KG at Store A1" });
    expect(sent[0]!.body).toContain("down to 3");
    const status = await json(await call("GET", "/v1/notifications?status=sent", { host: t.host, token: t.accessToken }));
    expect(status.items).toHaveLength(2);
    expect(status.items[0]).toMatchObject({ templateKey: "stock.low", channel: "email", priority: "important", attempts: 1 });
  });

  it("uses the tenant's saved template, previewed first", async () => {
    const t = await signup();
    const a = await createStore(t, "A1");
    const draft = { subject: "Reorder {{sku}}", body: "{{storeName}} has {{onHand}} of {{sku}} left. {{note}}", priority: "critical" };
    const preview = await json(
      await call("POST", "/v1/notifications/templates/stock.low/email/preview", {
        host: t.host,
        token: t.accessToken,
        body: { variables: { sku: "TEA", onHand: 2, storeName: "Main" }, ...draft },
      }),
    );
    expect(preview).toEqual({ subject: "Reorder TEA", body: "Main has 2 of TEA left. ", missing: ["note"] });
    expect(
      (await call("PUT", "/v1/notifications/templates/stock.low/email", { host: t.host, token: t.accessToken, body: draft })).status,
    ).toBe(200);
    const list = await json(await call("GET", "/v1/notifications/templates", { host: t.host, token: t.accessToken }));
    expect(list.items.find((i: { key: string; channel: string }) => i.key === "stock.low" && i.channel === "email")).toMatchObject({
      custom: true,
      priority: "critical",
    });
    await deliver([lowEvent(t.id, a, "TEA")]);
    expect((await outbox(t, "stock.low"))[0]).toMatchObject({ subject: "Reorder TEA", body: "Store A1 has 3 of TEA left. " });
    expect((await call("DELETE", "/v1/notifications/templates/stock.low/email", { host: t.host, token: t.accessToken })).status).toBe(200);
    expect((await call("DELETE", "/v1/notifications/templates/stock.low/email", { host: t.host, token: t.accessToken })).status).toBe(404);
  });

  it("refuses roles without notifications.manage and unknown template keys", async () => {
    const t = await signup();
    const manager = await staff(t, "store_manager");
    expect((await call("GET", "/v1/notifications/templates", { host: t.host, token: manager.token })).status).toBe(403);
    expect((await call("GET", "/v1/notifications", { host: t.host })).status).toBe(401);
    expect(
      (
        await call("PUT", "/v1/notifications/templates/nope/email", {
          host: t.host,
          token: t.accessToken,
          body: { body: "x", priority: "normal" },
        })
      ).status,
    ).toBe(400);
  });
});

describe("sending", () => {
  it("suppresses a customer who opted out, except for critical messages", async () => {
    const t = await signup();
    expect((await call("PUT", "/v1/notifications/opt-outs/cus_1/sms", { host: t.host, token: t.accessToken })).status).toBe(200);
    const db = await tenantDb(t);
    const base = {
      templateKey: "udhaar.overdue",
      channel: "sms" as const,
      recipient: "+919800000001",
      customerId: "cus_1",
      variables: { customerName: "Asha", amount: "₹500.00" },
    };
    expect((await notify(db, outboxNotifier(db), { ...base, dedupeKey: "k1" })).status).toBe("suppressed");
    expect((await notify(db, outboxNotifier(db), { ...base, dedupeKey: "k2", priority: "critical" })).status).toBe("sent");
    expect(
      (await notify(db, outboxNotifier(db), { ...base, dedupeKey: "k3", channel: "email", recipient: "asha@example.test" })).status,
    ).toBe("sent");
    expect((await call("DELETE", "/v1/notifications/opt-outs/cus_1/sms", { host: t.host, token: t.accessToken })).status).toBe(200);
    expect((await notify(db, outboxNotifier(db), { ...base, dedupeKey: "k4" })).status).toBe("sent");
    expect((await outbox(t, "udhaar.overdue")).map((m) => m.recipient).sort()).toEqual([
      "+919800000001",
      "+919800000001",
      "asha@example.test",
    ]);
  });

  it("holds a scheduled message until it is due, and retries a failed send", async () => {
    const t = await signup();
    const db = await tenantDb(t);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const r = await notify(db, outboxNotifier(db), {
      dedupeKey: "s1",
      templateKey: "daily.summary",
      channel: "email",
      recipient: "o@example.test",
      variables: { date: "2026-11-20" },
      sendAfter: later,
    });
    expect(r.status).toBe("scheduled");
    expect(await sendDueNotifications(db, outboxNotifier(db))).toBe(0);
    expect(await sendDueNotifications(db, outboxNotifier(db), Date.now() + 3_700_000)).toBe(1);
    const failing = { send: async () => Promise.reject(new Error("provider down")) };
    expect(
      (
        await notify(db, failing, {
          dedupeKey: "f1",
          templateKey: "daily.summary",
          channel: "email",
          recipient: "o@example.test",
          variables: {},
        })
      ).status,
    ).toBe("failed");
    await sendDueNotifications(db, outboxNotifier(db));
    const list = await json(await call("GET", "/v1/notifications", { host: t.host, token: t.accessToken }));
    expect(list.items.map((i: { status: string; attempts: number }) => [i.status, i.attempts])).toEqual([
      ["sent", 2],
      ["sent", 1],
    ]);
  });
});

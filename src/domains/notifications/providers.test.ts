import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, signup, type TestTenant } from "../../../test/helpers";
import { RESEND, replay, TWILIO, WHATSAPP } from "./adapters/fixtures";
import { notifierFor, type ProviderEnv } from "./providers";
import { notify, sendDueNotifications } from "./send";

const RESEND_SECRETS = { RESEND_API_KEY: "re_test_123", EMAIL_FROM: "Edgetill <no-reply@mail.example.test>" };
const TWILIO_SECRETS = { TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000", TWILIO_AUTH_TOKEN: "tok", TWILIO_FROM: "+15017122661" };
const WHATSAPP_SECRETS = { WHATSAPP_TOKEN: "EAAG_test", WHATSAPP_PHONE_NUMBER_ID: "106540352242922" };

async function tenantDb(t: TestTenant): Promise<D1Database> {
  const b = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
  return (env as unknown as Record<string, D1Database>)[b?.b ?? ""] as D1Database;
}

async function row(db: D1Database, id: string) {
  return db
    .prepare("SELECT status, attempts, error, sent_at FROM notifications WHERE id = ?")
    .bind(id)
    .first<{ status: string; attempts: number; error: string | null; sent_at: string | null }>();
}

async function outboxCount(db: D1Database): Promise<number> {
  return (
    (await db.prepare("SELECT COUNT(*) AS n FROM notification_outbox WHERE template = 'daily.summary'").first<{ n: number }>())?.n ?? 0
  );
}

const summary = (dedupeKey: string) => ({
  dedupeKey,
  templateKey: "daily.summary",
  channel: "email" as const,
  recipient: "owner@example.test",
  variables: { date: "2026-11-20" },
});

describe("provider selection", () => {
  it("records a production send as failed, naming the secrets to set, when no provider is configured", async () => {
    const db = await tenantDb(await signup());
    const prod: ProviderEnv = { ENVIRONMENT: "production" };
    const r = await notify(db, notifierFor(prod, db), summary("p1"));
    expect(r.status).toBe("failed");
    expect(await row(db, r.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "no email provider is configured: set RESEND_API_KEY, EMAIL_FROM (wrangler secret put)",
    });
    const sms = await notify(db, notifierFor(prod, db), {
      ...summary("p2"),
      templateKey: "udhaar.overdue",
      channel: "sms",
      recipient: "+919812345678",
    });
    expect((await row(db, sms.id))?.error).toBe(
      "no sms provider is configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM (wrangler secret put)",
    );
    expect(await outboxCount(db)).toBe(0);
  });

  it("keeps development and tests on the outbox when no provider is configured", async () => {
    const t = await signup();
    const db = await tenantDb(t);
    for (const ENVIRONMENT of ["test", "development"]) {
      const r = await notify(db, notifierFor({ ENVIRONMENT }, db), summary(`d-${ENVIRONMENT}`));
      expect(r.status).toBe("sent");
    }
    // The Worker's own bindings (ENVIRONMENT "test", no provider secrets) land in the outbox too.
    await notify(db, notifierFor(env, db), summary("d-env"));
    const listed = await json(await call("GET", "/v1/dev/outbox", { host: t.host, token: t.accessToken }));
    expect(listed.items.filter((i: { template: string }) => i.template === "daily.summary")).toHaveLength(3);
  });

  it("sends through Resend when its secrets are bound, recording sent", async () => {
    const db = await tenantDb(await signup());
    const r = replay(RESEND.ok);
    const res = await notify(db, notifierFor({ ENVIRONMENT: "production", ...RESEND_SECRETS }, db, r.fetch), summary("r1"));
    expect(await row(db, res.id)).toMatchObject({ status: "sent", attempts: 1, error: null });
    expect(r.seen).toHaveLength(1);
    expect(r.seen[0]!.headers.get("idempotency-key")).toBe(res.id);
    expect(JSON.parse(r.seen[0]!.body)).toMatchObject({ to: ["owner@example.test"], subject: "Daily summary for 2026-11-20" });
    expect(await outboxCount(db)).toBe(0);
  });

  it("records a provider refusal as failed with its error, and the cron's retry as sent", async () => {
    const db = await tenantDb(await signup());
    const prod = { ENVIRONMENT: "production", ...RESEND_SECRETS };
    const refused = replay(RESEND.rateLimited);
    const res = await notify(db, notifierFor(prod, db, refused.fetch), summary("r2"));
    expect(res.status).toBe("failed");
    expect(await row(db, res.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "resend 429 rate_limit_exceeded: Too many requests. You can only make 2 requests per second.",
      sent_at: null,
    });
    const ok = replay(RESEND.ok);
    expect(await sendDueNotifications(db, notifierFor(prod, db, ok.fetch))).toBe(1);
    expect(await row(db, res.id)).toMatchObject({ status: "sent", attempts: 2, error: null });
    // The retry carries the same idempotency key, so Resend sends one email even if the first got through.
    expect(ok.seen[0]!.headers.get("idempotency-key")).toBe(refused.seen[0]!.headers.get("idempotency-key"));
  });

  it("routes each channel to its own provider: SMS to Twilio, WhatsApp to Meta, email stays failed without Resend", async () => {
    const db = await tenantDb(await signup());
    const prod = { ENVIRONMENT: "production", ...TWILIO_SECRETS, ...WHATSAPP_SECRETS };
    const sms = replay(TWILIO.invalidTo);
    const s = await notify(db, notifierFor(prod, db, sms.fetch), {
      ...summary("c1"),
      templateKey: "udhaar.overdue",
      channel: "sms",
      recipient: "+919812345678",
    });
    expect(await row(db, s.id)).toMatchObject({ status: "failed", error: "twilio 400 21211: Invalid 'To' Phone Number: +91981234XXXX" });
    expect(sms.seen[0]!.url).toContain("api.twilio.com");
    const wa = replay(WHATSAPP.ok);
    const w = await notify(db, notifierFor(prod, db, wa.fetch), {
      ...summary("c2"),
      templateKey: "invoice.issued",
      channel: "whatsapp",
      recipient: "+919812345678",
      variables: { invoiceNumber: "A1/1", storeName: "A1", link: "https://x.test/i" },
    });
    expect(await row(db, w.id)).toMatchObject({ status: "sent", error: null });
    expect(wa.seen[0]!.url).toBe("https://graph.facebook.com/v20.0/106540352242922/messages");
    const e = await notify(db, notifierFor(prod, db, wa.fetch), summary("c3"));
    expect((await row(db, e.id))?.error).toMatch(/^no email provider is configured/);
    expect(wa.seen).toHaveLength(1);
  });
});

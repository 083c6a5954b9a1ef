import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createStore, json, signup, staff, type TestTenant } from "../../../test/helpers";
import worker from "../../../workers/index";
import { drain, outboxEvents } from "../reports/test-fixtures";
import { addProducts, product, sell } from "../sales/test-fixtures";

const DAY_MS = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);

async function outbox(t: TestTenant, template: string) {
  const items = (await json(await call("GET", "/v1/dev/outbox", { host: t.host, token: t.accessToken }))).items as {
    template: string;
    channel: string;
    recipient: string;
    subject: string | null;
    body: string;
  }[];
  return items.filter((i) => i.template === template);
}

/** Fires the Worker's scheduled handler as the cron would at `at`, and waits for its work. */
async function tick(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A store with a manager, a batch expiring in 20 days, and an udhaar sale to a customer with a phone. */
async function shop() {
  const t = await signup();
  const a = await createStore(t, "A1");
  const manager = await staff(t, "store_manager", [a]);
  await addProducts(t, [product("RICE", 10000, 5, "1006")]);
  const res = await call("POST", `/v1/stores/${a}/stock/receipts`, {
    host: t.host,
    token: t.accessToken,
    body: { lines: [{ sku: "RICE", qty: 10, unitCost: 6000, batch: "R1", expiry: day(20) }] },
  });
  expect(res.status).toBe(201);
  const sale = await json(
    await sell(t, a, {
      lines: [{ sku: "RICE", quantity: 2 }],
      customer: { name: "Asha", phone: "+919812345678" },
      tenders: [{ type: "udhaar", amount: 21000 }],
    }),
  );
  expect(sale.grandTotal).toBe(21000);
  await sell(t, a, { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] });
  await drain(t, [a]);
  return { t, a, manager, sale };
}

describe("invoice issued → share link", () => {
  it("sends the customer's signed link once per invoice, only when the sale has a phone", async () => {
    const { t, a, sale } = await shop();
    await drain(t, [a]); // every event delivered a second time
    const sent = await outbox(t, "invoice.issued");
    expect(sent).toHaveLength(1); // the walk-in cash sale has nobody to send to
    expect(sent[0]).toMatchObject({ channel: "whatsapp", recipient: "+919812345678" });
    expect(sent[0]!.body).toContain(sale.invoice.number);
    const link = /(https:\/\/\S+\.pdf)/.exec(sent[0]!.body)?.[1] ?? "";
    expect(link).toContain("/public/invoices/");
    const pdf = await call("GET", new URL(link).pathname, { host: t.host });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
    const events = (await outboxEvents(t, a)).filter((e) => e.type === "invoice.issued");
    expect(events).toHaveLength(2);
  });
});

describe("password reset", () => {
  it("goes through the password.reset template as a critical message", async () => {
    const t = await signup();
    expect((await call("POST", "/v1/auth/password-reset", { host: t.host, body: { email: t.ownerEmail } })).status).toBe(202);
    const [m] = await outbox(t, "password.reset");
    expect(m).toMatchObject({ recipient: t.ownerEmail, subject: "Reset your Edgetill password" });
    expect(m!.body).toMatch(/"token":"[^"]+"/);
    expect(m!.body).toContain("valid for 60 minutes");
    const list = await json(await call("GET", "/v1/notifications", { host: t.host, token: t.accessToken }));
    expect(list.items[0]).toMatchObject({ templateKey: "password.reset", priority: "critical", status: "sent" });
  });
});

describe("scheduled jobs", () => {
  it("sends each daily message once per day however often the cron fires", async () => {
    const { t, manager } = await shop();
    // Tomorrow: yesterday's summary to the owner, the batch alert to the store's managers, no udhaar due yet.
    const tomorrow = Date.now() + DAY_MS;
    await tick(tomorrow);
    await tick(tomorrow + 5 * 60_000);
    const summary = await outbox(t, "daily.summary");
    expect(summary.map((m) => m.recipient)).toEqual([t.ownerEmail]);
    expect(summary[0]!.body).toContain("2 sales");
    expect(summary[0]!.body).toContain("₹315.00 net");
    const alerts = await outbox(t, "batch.expiring");
    expect(alerts.map((m) => m.recipient).sort()).toEqual([manager.email, t.ownerEmail].sort());
    expect(alerts[0]!.subject).toBe("Expiring: RICE batch R1 at Store A1");
    expect(await outbox(t, "udhaar.overdue")).toHaveLength(0);

    // 40 days on: the udhaar is overdue (reminded once), the batch alert repeats for the new day,
    // and a day without sales sends no summary.
    const later = Date.now() + 40 * DAY_MS;
    await tick(later);
    await tick(later + 60_000);
    const reminders = await outbox(t, "udhaar.overdue");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ channel: "sms", recipient: "+919812345678" });
    expect(reminders[0]!.body).toContain("Dear Asha, ₹210.00 is due since");
    expect(await outbox(t, "batch.expiring")).toHaveLength(4);
    expect(await outbox(t, "daily.summary")).toHaveLength(1);

    // Two days later the same overdue udhaar is not reminded again within the week.
    await tick(later + 2 * DAY_MS);
    expect(await outbox(t, "udhaar.overdue")).toHaveLength(1);
    await tick(later + 8 * DAY_MS);
    expect(await outbox(t, "udhaar.overdue")).toHaveLength(2);
  });
});

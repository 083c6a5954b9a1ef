import { describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../../platform/notify";
import { RESEND, replay, TWILIO, WHATSAPP } from "./fixtures";
import { ProviderError } from "./http";
import { RESEND_EMAILS_URL, resendNotifier } from "./resend";
import { twilioNotifier } from "./twilio";
import { whatsappNotifier } from "./whatsapp";

const email: OutgoingMessage = {
  id: "ntf_0193a1",
  channel: "email",
  recipient: "asha@example.test",
  template: "invoice.issued",
  subject: "Your invoice INV/1",
  body: "Thank you. Your invoice: https://x.test/i/1",
};
const sms: OutgoingMessage = {
  id: "ntf_0193a2",
  channel: "sms",
  recipient: "+919812345678",
  template: "udhaar.overdue",
  body: "₹500.00 is due",
};
const wa: OutgoingMessage = { ...sms, id: "ntf_0193a3", channel: "whatsapp", recipient: "+91 98123-45678" };

async function refusal(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe("Resend (email)", () => {
  const config = { apiKey: "re_test_123", from: "Edgetill <no-reply@mail.example.test>" };

  it("posts the email as JSON with a bearer key and our id as idempotency key, and returns Resend's id", async () => {
    const r = replay(RESEND.ok);
    expect(await resendNotifier(config, r.fetch).send(email)).toEqual({ provider: "resend", providerMessageId: RESEND.ok.body.id });
    const [req] = r.seen;
    expect(req).toMatchObject({ url: RESEND_EMAILS_URL, method: "POST" });
    expect(req!.headers.get("authorization")).toBe("Bearer re_test_123");
    expect(req!.headers.get("content-type")).toBe("application/json");
    expect(req!.headers.get("idempotency-key")).toBe("ntf_0193a1");
    expect(JSON.parse(req!.body)).toEqual({
      from: config.from,
      to: ["asha@example.test"],
      subject: "Your invoice INV/1",
      text: email.body,
    });
  });

  it("turns a refusal into an error with the status, Resend's error name and message", async () => {
    const err = await refusal(resendNotifier(config, replay(RESEND.invalidFrom).fetch).send(email));
    expect(err.message).toMatch(/^resend 422 validation_error: Invalid `from` field/);
    expect(err.message).not.toContain("re_test_123");
    expect((await refusal(resendNotifier(config, replay(RESEND.rateLimited).fetch).send(email))).status).toBe(429);
  });

  it("reports a request that got no answer as a network error", async () => {
    const down = async () => Promise.reject(new TypeError("Network connection lost."));
    expect((await refusal(resendNotifier(config, down).send(email))).message).toBe("resend network_error: Network connection lost.");
  });
});

describe("Twilio (SMS)", () => {
  const config = { accountSid: "AC00000000000000000000000000000000", authToken: "tok_secret", from: "+15017122661" };

  it("posts a form with To, From and Body under basic auth, and returns the SM sid", async () => {
    const r = replay(TWILIO.ok);
    expect(await twilioNotifier(config, r.fetch).send(sms)).toEqual({ provider: "twilio", providerMessageId: TWILIO.ok.body.sid });
    const [req] = r.seen;
    expect(req).toMatchObject({
      url: "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json",
      method: "POST",
    });
    expect(req!.headers.get("authorization")).toBe(`Basic ${btoa(`${config.accountSid}:tok_secret`)}`);
    expect(req!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({
      To: "+919812345678",
      From: "+15017122661",
      Body: "₹500.00 is due",
    });
  });

  it("sends from a Messaging Service when the sender is an MG sid", async () => {
    const r = replay(TWILIO.ok);
    await twilioNotifier({ ...config, from: "MG00000000000000000000000000000000" }, r.fetch).send(sms);
    const form = new URLSearchParams(r.seen[0]!.body);
    expect(form.get("MessagingServiceSid")).toBe("MG00000000000000000000000000000000");
    expect(form.has("From")).toBe(false);
  });

  it("turns a refusal into an error with Twilio's code and message", async () => {
    expect((await refusal(twilioNotifier(config, replay(TWILIO.invalidTo).fetch).send(sms))).message).toBe(
      "twilio 400 21211: Invalid 'To' Phone Number: +91981234XXXX",
    );
    const auth = await refusal(twilioNotifier(config, replay(TWILIO.badAuth).fetch).send(sms));
    expect(auth.message).toBe("twilio 401 20003: Authenticate");
    expect(auth.message).not.toContain("tok_secret");
  });
});

describe("WhatsApp Cloud API", () => {
  const config = { token: "EAAG_test", phoneNumberId: "106540352242922" };

  it("posts a text message with a bearer token, and returns the wamid", async () => {
    const r = replay(WHATSAPP.ok);
    expect(await whatsappNotifier(config, r.fetch).send(wa)).toEqual({
      provider: "whatsapp",
      providerMessageId: WHATSAPP.ok.body.messages[0]!.id,
    });
    const [req] = r.seen;
    expect(req).toMatchObject({ url: "https://graph.facebook.com/v20.0/106540352242922/messages", method: "POST" });
    expect(req!.headers.get("authorization")).toBe("Bearer EAAG_test");
    expect(JSON.parse(req!.body)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+919812345678",
      type: "text",
      text: { preview_url: true, body: "₹500.00 is due" },
    });
  });

  it("sends the configured approved template with the text as its one body variable", async () => {
    const r = replay(WHATSAPP.ok);
    await whatsappNotifier({ ...config, template: "edgetill_notice:en_US" }, r.fetch).send(wa);
    expect(JSON.parse(r.seen[0]!.body)).toMatchObject({
      type: "template",
      template: {
        name: "edgetill_notice",
        language: { code: "en_US" },
        components: [{ type: "body", parameters: [{ type: "text", text: "₹500.00 is due" }] }],
      },
    });
  });

  it("turns a Graph API error into an error with its code and details", async () => {
    const err = await refusal(whatsappNotifier(config, replay(WHATSAPP.notAllowed).fetch).send(wa));
    expect(err.message).toBe(
      "whatsapp 400 131030: Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.",
    );
  });

  it("refuses a message of another channel without calling the provider", async () => {
    const r = replay(WHATSAPP.ok);
    expect((await refusal(whatsappNotifier(config, r.fetch).send(sms))).code).toBe("wrong_channel");
    expect(r.seen).toHaveLength(0);
  });
});

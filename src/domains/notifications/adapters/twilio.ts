/**
 * SMS through Twilio Programmable Messaging
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
 * POST https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth
 * (AccountSid:AuthToken), form-encoded To, From (or MessagingServiceSid when TWILIO_FROM starts
 * with "MG"), Body. 201 → a Message resource {sid: "SM…", status: "queued"|…};
 * an error → {code, message, more_info, status}.
 */
import type { Notifier } from "../../../platform/notify";
import { assertChannel, type Fetch, field, ProviderError, postToProvider } from "./http";

/** Twilio's create-message endpoint for an account. */
export function twilioMessagesUrl(accountSid: string): string {
  return `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
}

/** Credentials and sender of the Twilio adapter (bindings TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM). */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** An E.164 sender number, or a Messaging Service sid ("MG…"). */
  from: string;
}

/** Twilio statuses of a message it did not take: anything else (queued, accepted, sending, sent…) is accepted. */
const TWILIO_REFUSED = new Set(["failed", "undelivered", "canceled"]);

/** The SMS Notifier backed by Twilio. @throws ProviderError on a refusal or no answer. */
export function twilioNotifier(config: TwilioConfig, fetcher: Fetch): Notifier {
  return {
    async send(m) {
      assertChannel("twilio", "sms", m);
      const form = new URLSearchParams({ To: m.recipient, Body: m.body });
      form.set(config.from.startsWith("MG") ? "MessagingServiceSid" : "From", config.from);
      const answer = await postToProvider(fetcher, "twilio", twilioMessagesUrl(config.accountSid), {
        headers: {
          authorization: `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form.toString(),
      });
      const sid = field(answer.body, "sid");
      const status = field(answer.body, "status");
      if (answer.status >= 200 && answer.status < 300 && sid && !TWILIO_REFUSED.has(status ?? ""))
        return { provider: "twilio", providerMessageId: sid };
      throw new ProviderError(
        "twilio",
        answer.status,
        field(answer.body, "code") ?? field(answer.body, "error_code") ?? undefined,
        field(answer.body, "message") ?? field(answer.body, "error_message") ?? `message ${status ?? "not created"}`,
      );
    },
  };
}

/**
 * Email through Resend (https://resend.com/docs/api-reference/emails/send-email):
 * POST https://api.resend.com/emails, `Authorization: Bearer <RESEND_API_KEY>`, JSON
 * {from, to: [..], subject, text}. 200 → {"id": "<uuid>"}; an error → {statusCode, name, message}.
 * Our message id goes in the `Idempotency-Key` header, so a retry after a lost answer sends no
 * second email (Resend keeps keys 24 hours).
 */
import type { Notifier } from "../../../platform/notify";
import { assertChannel, type Fetch, field, ProviderError, postToProvider } from "./http";

/** Resend's send-email endpoint. */
export const RESEND_EMAILS_URL = "https://api.resend.com/emails";

/** Credentials and sender of the Resend adapter (bindings RESEND_API_KEY, EMAIL_FROM). */
export interface ResendConfig {
  apiKey: string;
  /** "Name <address@verified-domain>". */
  from: string;
}

/** The email Notifier backed by Resend. @throws ProviderError on a refusal or no answer. */
export function resendNotifier(config: ResendConfig, fetcher: Fetch): Notifier {
  return {
    async send(m) {
      assertChannel("resend", "email", m);
      const headers: Record<string, string> = { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json" };
      if (m.id) headers["idempotency-key"] = m.id;
      const answer = await postToProvider(fetcher, "resend", RESEND_EMAILS_URL, {
        headers,
        body: JSON.stringify({ from: config.from, to: [m.recipient], subject: m.subject ?? m.template, text: m.body }),
      });
      const id = field(answer.body, "id");
      if (answer.status >= 200 && answer.status < 300 && id) return { provider: "resend", providerMessageId: id };
      throw new ProviderError("resend", answer.status, field(answer.body, "name"), field(answer.body, "message") ?? "no message id");
    },
  };
}

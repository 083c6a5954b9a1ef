/**
 * WhatsApp through Meta's WhatsApp Cloud API
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages):
 * POST https://graph.facebook.com/v20.0/{phone-number-id}/messages, `Authorization: Bearer
 * <WHATSAPP_TOKEN>`, JSON {messaging_product: "whatsapp", to, type, …}. 200 →
 * {contacts: [{input, wa_id}], messages: [{id: "wamid…"}]}; an error →
 * {error: {message, type, code, error_data: {details}, fbtrace_id}}.
 *
 * WhatsApp lets a business start a conversation only with an approved template; free text is
 * allowed inside the 24-hour window after the customer wrote. So when WHATSAPP_TEMPLATE names an
 * approved utility template ("name:language", e.g. "edgetill_notice:en") whose body has one
 * variable {{1}}, every message goes as that template with our rendered text as {{1}};
 * without it, messages go as text (fine for tests and the 24-hour window).
 */
import type { Notifier } from "../../../platform/notify";
import { assertChannel, type Fetch, field, ProviderError, postToProvider } from "./http";

/** The Graph API version the adapter is written against. */
export const WHATSAPP_GRAPH_VERSION = "v20.0";

/** The Cloud API's send-message endpoint of a business phone number. */
export function whatsappMessagesUrl(phoneNumberId: string): string {
  return `https://graph.facebook.com/${WHATSAPP_GRAPH_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`;
}

/** Credentials of the WhatsApp adapter (bindings WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TEMPLATE). */
export interface WhatsAppConfig {
  token: string;
  phoneNumberId: string;
  /** "name:language" of an approved one-variable template, or undefined to send text. */
  template?: string;
}

/** The JSON body of a send: a template message when one is configured, else a text message. */
export function whatsappBody(to: string, text: string, template?: string): Record<string, unknown> {
  const base = { messaging_product: "whatsapp", recipient_type: "individual", to };
  if (!template) return { ...base, type: "text", text: { preview_url: true, body: text } };
  const [name, language = "en"] = template.split(":");
  return {
    ...base,
    type: "template",
    template: { name, language: { code: language }, components: [{ type: "body", parameters: [{ type: "text", text }] }] },
  };
}

/** The WhatsApp Notifier backed by the Cloud API. @throws ProviderError on a refusal or no answer. */
export function whatsappNotifier(config: WhatsAppConfig, fetcher: Fetch): Notifier {
  return {
    async send(m) {
      assertChannel("whatsapp", "whatsapp", m);
      const answer = await postToProvider(fetcher, "whatsapp", whatsappMessagesUrl(config.phoneNumberId), {
        headers: { authorization: `Bearer ${config.token}`, "content-type": "application/json" },
        body: JSON.stringify(whatsappBody(m.recipient.replace(/[\s-]/g, ""), m.body, config.template)),
      });
      const messages = answer.body?.messages;
      const id = Array.isArray(messages) ? field(messages[0] as Record<string, unknown>, "id") : undefined;
      if (answer.status >= 200 && answer.status < 300 && id) return { provider: "whatsapp", providerMessageId: id };
      const error = answer.body?.error as Record<string, unknown> | undefined;
      const details = field(error?.error_data as Record<string, unknown> | undefined, "details");
      throw new ProviderError("whatsapp", answer.status, field(error, "code"), details ?? field(error, "message") ?? "no message id");
    },
  };
}

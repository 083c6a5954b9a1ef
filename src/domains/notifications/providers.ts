/**
 * Which provider sends a tenant's messages, per channel. A channel uses its real provider when
 * that provider's secrets are bound (adapters/: Resend for email, Twilio for SMS, Meta's WhatsApp
 * Cloud API for WhatsApp); otherwise development and tests use the outbox provider (the tenant's
 * notification_outbox, listed at GET /v1/dev/outbox), and production refuses the send with a
 * reason naming the secrets to set — the message is recorded failed and retried by the cron
 * (send.ts), so setting the secrets soon after still delivers it. Push has no provider yet.
 * Credentials come only from bindings (`wrangler secret put`; docs/operations.md).
 */
import type { Env } from "../../platform/env";
import { type Notifier, type OutgoingMessage, outboxNotifier } from "../../platform/notify";
import type { Fetch } from "./adapters/http";
import { resendNotifier } from "./adapters/resend";
import { twilioNotifier } from "./adapters/twilio";
import { whatsappNotifier } from "./adapters/whatsapp";

/** The bindings provider selection reads. */
export type ProviderEnv = Pick<
  Env,
  | "ENVIRONMENT"
  | "RESEND_API_KEY"
  | "EMAIL_FROM"
  | "TWILIO_ACCOUNT_SID"
  | "TWILIO_AUTH_TOKEN"
  | "TWILIO_FROM"
  | "WHATSAPP_TOKEN"
  | "WHATSAPP_PHONE_NUMBER_ID"
  | "WHATSAPP_TEMPLATE"
>;

/** The secrets each channel's provider needs, in the order the "not configured" reason names them. */
export const PROVIDER_SECRETS = {
  email: ["RESEND_API_KEY", "EMAIL_FROM"],
  sms: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"],
  whatsapp: ["WHATSAPP_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"],
  push: [],
} as const satisfies Record<OutgoingMessage["channel"], readonly (keyof ProviderEnv)[]>;

/** The real provider of `channel` when all its secrets are bound, else undefined. */
export function realProvider(env: ProviderEnv, channel: OutgoingMessage["channel"], fetcher: Fetch): Notifier | undefined {
  switch (channel) {
    case "email": {
      const { RESEND_API_KEY: apiKey, EMAIL_FROM: from } = env;
      return apiKey && from ? resendNotifier({ apiKey, from }, fetcher) : undefined;
    }
    case "sms": {
      const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from } = env;
      return accountSid && authToken && from ? twilioNotifier({ accountSid, authToken, from }, fetcher) : undefined;
    }
    case "whatsapp": {
      const { WHATSAPP_TOKEN: token, WHATSAPP_PHONE_NUMBER_ID: phoneNumberId } = env;
      return token && phoneNumberId
        ? whatsappNotifier({ token, phoneNumberId, template: env.WHATSAPP_TEMPLATE || undefined }, fetcher)
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Why a channel cannot send in production: the reason recorded on the failed message. */
export function notConfiguredReason(channel: OutgoingMessage["channel"]): string {
  const need = PROVIDER_SECRETS[channel];
  return need.length === 0
    ? `no ${channel} provider exists in production yet`
    : `no ${channel} provider is configured: set ${need.join(", ")} (wrangler secret put)`;
}

/**
 * The notifier for a tenant database in this environment: per message, the channel's real
 * provider, else the outbox (development, test), else a refusal naming the missing secrets.
 * @param fetcher the HTTP client of the real providers (tests pass a recorded replay).
 */
export function notifierFor(env: ProviderEnv, d1: D1Database, fetcher: Fetch = (url, init) => fetch(url, init)): Notifier {
  const dev = env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test";
  const outbox = outboxNotifier(d1);
  return {
    async send(m) {
      const real = realProvider(env, m.channel, fetcher);
      if (real) return real.send(m);
      if (dev) {
        await outbox.send(m);
        return { provider: "outbox" };
      }
      throw new Error(notConfiguredReason(m.channel));
    },
  };
}

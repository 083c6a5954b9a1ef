/**
 * Recorded provider answers, in the shapes their API references document, replayed by tests
 * (no test reaches the internet). `replay` is a Fetch that records each request and answers with
 * the next recorded answer. Used only by *.test.ts.
 */
import type { Fetch } from "./http";

/** One recorded HTTP answer. */
export interface Recorded {
  status: number;
  body: unknown;
}

/** Resend POST /emails. */
export const RESEND = {
  ok: { status: 200, body: { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" } },
  invalidFrom: {
    status: 422,
    body: {
      statusCode: 422,
      name: "validation_error",
      message: "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
    },
  },
  rateLimited: {
    status: 429,
    body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests. You can only make 2 requests per second." },
  },
} satisfies Record<string, Recorded>;

/** Twilio POST /2010-04-01/Accounts/{sid}/Messages.json. */
export const TWILIO = {
  ok: {
    status: 201,
    body: {
      account_sid: "AC00000000000000000000000000000000",
      api_version: "2010-04-01",
      body: "(redacted)",
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: "+15017122661",
      num_segments: "1",
      sid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
      status: "queued",
      to: "+919812345678",
      uri: "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f.json",
    },
  },
  invalidTo: {
    status: 400,
    body: {
      code: 21211,
      message: "Invalid 'To' Phone Number: +91981234XXXX",
      more_info: "https://www.twilio.com/docs/errors/21211",
      status: 400,
    },
  },
  badAuth: {
    status: 401,
    body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 },
  },
} satisfies Record<string, Recorded>;

/** Meta WhatsApp Cloud API POST /{phone-number-id}/messages. */
export const WHATSAPP = {
  ok: {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: "+919812345678", wa_id: "919812345678" }],
      messages: [{ id: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAERgSQzVGNzE2RDM5QjlBMUU0RjA3AA==" }],
    },
  },
  notAllowed: {
    status: 400,
    body: {
      error: {
        message: "(#131030) Recipient phone number not in allowed list",
        type: "OAuthException",
        code: 131030,
        error_data: {
          messaging_product: "whatsapp",
          details: "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.",
        },
        fbtrace_id: "AI5Ob6DZGNcbYhbFUwxqaSx",
      },
    },
  },
} satisfies Record<string, Recorded>;

/** A request a replay saw. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** A Fetch that answers with `answers` in turn (the last one repeats) and records each request. */
export function replay(...answers: Recorded[]): { fetch: Fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetch: Fetch = async (url, init) => {
    seen.push({ url, method: init.method ?? "GET", headers: new Headers(init.headers), body: String(init.body ?? "") });
    const a = answers[Math.min(seen.length - 1, answers.length - 1)] ?? { status: 500, body: null };
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { "content-type": "application/json" } });
  };
  return { fetch, seen };
}

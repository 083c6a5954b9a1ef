/**
 * What every provider adapter shares: the injected fetch, one POST that never throws a raw
 * network error, and ProviderError, whose message is what lands in notifications.error. Request
 * bodies (the message text) and credentials are never part of an error or a log line.
 */
import type { OutgoingMessage } from "../../../platform/notify";

/** The fetch a provider uses: the global one in production, a recorded replay in tests. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Longest provider error text kept (notifications.error is clipped to 300 characters anyway). */
export const PROVIDER_ERROR_MAX_CHARS = 200;

/**
 * A provider refused or could not take a message. `status` is the HTTP status (0 when the request
 * never got an answer); `code` the provider's own error code or name when it gave one.
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`${provider}${status ? ` ${status}` : ""}${code ? ` ${code}` : ""}: ${detail.slice(0, PROVIDER_ERROR_MAX_CHARS)}`);
    this.name = "ProviderError";
  }
}

/** A provider's answer: HTTP status and its JSON body (null when the body is not JSON). */
export interface ProviderAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/**
 * POSTs to a provider and reads its JSON answer, whatever the status.
 * @throws ProviderError (status 0) when the request fails before an answer (DNS, TLS, reset).
 */
export async function postToProvider(fetcher: Fetch, provider: string, url: string, init: RequestInit): Promise<ProviderAnswer> {
  let res: Response;
  try {
    res = await fetcher(url, { ...init, method: "POST" });
  } catch (err) {
    throw new ProviderError(provider, 0, "network_error", err instanceof Error ? err.message : "request failed");
  }
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page: the status alone tells what happened.
  }
  return { status: res.status, body };
}

/** A string field of a provider's JSON, or undefined. */
export function field(body: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const v = body?.[key];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** Refuses a message sent on the wrong channel (a wiring mistake, not a provider answer). */
export function assertChannel(provider: string, channel: OutgoingMessage["channel"], m: OutgoingMessage): void {
  if (m.channel !== channel) throw new ProviderError(provider, 0, "wrong_channel", `cannot send a ${m.channel} message`);
}

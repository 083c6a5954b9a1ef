import type { StoreDurableObject } from "../../durable-objects/store";

/**
 * Bindings and variables of the Edgetill Worker, as declared in wrangler.toml.
 *
 * Tenant databases are numbered bindings (`TENANT_DB_1` … `TENANT_DB_n`) from the generated pool
 * block; they are looked up by name at run time, so they are not listed here one by one.
 * Secrets (`JWT_PRIVATE_JWK`, `JWT_PUBLIC_JWK`) come only from bindings: `.dev.vars` locally,
 * `wrangler secret put` in production.
 */
export interface Env {
  /** Control-plane database: tenants, hostnames, the tenant database pool, platform admins. */
  PLATFORM_DB: D1Database;
  /** One Durable Object per store, named "<tenantId>:<storeId>". */
  STORE: DurableObjectNamespace<StoreDurableObject>;
  /** Domain events (typed envelopes). */
  EVENTS: Queue;
  /** Dead letters of EVENTS, for redrive. */
  EVENTS_DLQ: Queue;
  /** Invoices, media and exports under tenants/<tenantId>/…. */
  FILES: R2Bucket;
  /** Login attempts, keyed per account and per IP. */
  LOGIN_LIMITER: RateLimit;
  /** Tenants are served at `<slug>.<PLATFORM_DOMAIN>`. */
  PLATFORM_DOMAIN: string;
  /** "development" | "test" | "production". */
  ENVIRONMENT: string;
  /** Access-token lifetime in seconds, as a string var. */
  ACCESS_TOKEN_TTL_SECONDS?: string;
  /** Ed25519 private key as a JWK JSON string (secret). */
  JWT_PRIVATE_JWK: string;
  /** Ed25519 public key as a JWK JSON string (secret or var). */
  JWT_PUBLIC_JWK: string;
  /** HMAC-SHA256 key (secret, at least 32 characters) signing invoice share links (src/domains/invoices/share.ts). */
  SHARE_LINK_SECRET: string;
  /**
   * HMAC-SHA256 key (secret) of UPI payment-provider callbacks: Razorpay's webhook secret
   * (src/domains/payments/razorpay.ts). Unset: every callback is refused.
   */
  UPI_WEBHOOK_SECRET?: string;
  /** Cloudflare API token for custom hostnames (secret, production only). */
  CF_API_TOKEN?: string;
  /** Zone id of the SaaS zone for custom hostnames (production only). */
  CF_ZONE_ID?: string;
  /** Resend API key (secret): the email provider (src/domains/notifications/adapters/resend.ts). */
  RESEND_API_KEY?: string;
  /** Sender of emails, "Name <address@verified-domain>" (secret or var). */
  EMAIL_FROM?: string;
  /** Twilio account sid (secret): the SMS provider (adapters/twilio.ts). */
  TWILIO_ACCOUNT_SID?: string;
  /** Twilio auth token (secret). */
  TWILIO_AUTH_TOKEN?: string;
  /** Twilio sender: an E.164 number or a Messaging Service sid "MG…" (secret or var). */
  TWILIO_FROM?: string;
  /** Meta WhatsApp Cloud API access token (secret): the WhatsApp provider (adapters/whatsapp.ts). */
  WHATSAPP_TOKEN?: string;
  /** The WhatsApp business phone number id (secret or var). */
  WHATSAPP_PHONE_NUMBER_ID?: string;
  /** Approved one-variable template "name:language" for business-initiated WhatsApp messages (var; text when unset). */
  WHATSAPP_TEMPLATE?: string;
}

/** Prefix of the numbered tenant database bindings (see the generated block in wrangler.toml). */
export const TENANT_DB_BINDING_PREFIX = "TENANT_DB_";

/** The tenant database bindings present on this Worker, in numeric order. */
export function tenantDatabaseBindings(env: Env): string[] {
  return Object.keys(env)
    .filter((k) => k.startsWith(TENANT_DB_BINDING_PREFIX) && /^\d+$/.test(k.slice(TENANT_DB_BINDING_PREFIX.length)))
    .sort((a, b) => Number(a.slice(TENANT_DB_BINDING_PREFIX.length)) - Number(b.slice(TENANT_DB_BINDING_PREFIX.length)));
}

/** The D1 database bound as `binding`, or undefined when this Worker has no such binding. */
export function tenantDatabase(env: Env, binding: string): D1Database | undefined {
  if (!binding.startsWith(TENANT_DB_BINDING_PREFIX)) return undefined;
  return (env as unknown as Record<string, D1Database | undefined>)[binding];
}

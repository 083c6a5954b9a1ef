/**
 * Notification templates: per tenant, per key and channel, text with {{variables}}. Every key has
 * a built-in default here; a tenant's saved template (notification_templates) overrides it.
 */
import { DomainError } from "../../platform/errors";

/** Delivery channels. */
export const CHANNELS = ["email", "sms", "whatsapp", "push"] as const;
/** A channel. */
export type Channel = (typeof CHANNELS)[number];

/**
 * Priorities: `critical` is sent even to a customer who opted out of the channel (security and
 * legal notices) and first in a sweep; `important` and `normal` respect opt-outs, in that order.
 */
export const PRIORITIES = ["critical", "important", "normal"] as const;
/** A priority. */
export type Priority = (typeof PRIORITIES)[number];

/** A template: optional subject (email, push title), body, priority. */
export interface Template {
  subject: string | null;
  body: string;
  priority: Priority;
}

const all = (subject: string | null, body: string, priority: Priority, short = body): Record<Channel, Template> => ({
  email: { subject, body, priority },
  sms: { subject: null, body: short, priority },
  whatsapp: { subject: null, body: short, priority },
  push: { subject, body: short, priority },
});

/** Built-in templates by key and channel; the variables each uses are listed in docs/events.md. */
export const DEFAULT_TEMPLATES = {
  "stock.low": all(
    "Low stock: {{sku}} at {{storeName}}",
    "{{sku}} is down to {{onHand}} at {{storeName}} (low-stock line {{threshold}}). Time to reorder.",
    "important",
    "Low stock at {{storeName}}: {{sku}} is down to {{onHand}}.",
  ),
  "invoice.issued": all(
    "Your invoice {{invoiceNumber}} from {{tenantName}}",
    "Thank you for shopping at {{storeName}}. Your invoice {{invoiceNumber}}: {{link}}",
    "normal",
  ),
  "password.reset": all(
    "Reset your Edgetill password",
    "Use this link to reset your password: {{link}} (valid for {{validMinutes}} minutes).",
    "critical",
  ),
  "udhaar.overdue": all(
    "Payment reminder from {{tenantName}}",
    "Dear {{customerName}}, {{amount}} is due since {{dueDate}}. Please pay at {{storeName}}.",
    "normal",
  ),
  "daily.summary": all(
    "Daily summary for {{date}}",
    "{{storeName}} on {{date}}: {{salesCount}} sales, {{returnsCount}} returns, {{netTotal}} net.\n{{storeLines}}",
    "normal",
    "{{storeName}} on {{date}}: {{salesCount}} sales, {{netTotal}} net.",
  ),
  "batch.expiring": all(
    "Expiring: {{sku}} batch {{batch}} at {{storeName}}",
    "{{onHand}} of {{sku}} (batch {{batch}}) at {{storeName}} expire on {{expiry}} ({{daysLeft}} days). Sell, return or write them off.",
    "important",
    "{{sku}} batch {{batch}} at {{storeName}} expires {{expiry}}: {{onHand}} on hand.",
  ),
} as const satisfies Record<string, Record<Channel, Template>>;
/** A template key. */
export type TemplateKey = keyof typeof DEFAULT_TEMPLATES;
/** Every template key. */
export const TEMPLATE_KEYS = Object.keys(DEFAULT_TEMPLATES) as TemplateKey[];

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/**
 * Fills {{name}} (dotted paths reach into objects) from `vars`. A missing variable renders as
 * the empty string and is reported, so a preview shows what a template still needs.
 * @returns the text and the names of missing variables.
 */
export function render(text: string, vars: Record<string, unknown>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(VARIABLE, (_m, path: string) => {
    let v: unknown = vars;
    for (const part of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
    if (v === undefined || v === null) {
      missing.add(path);
      return "";
    }
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  });
  return { text: out, missing: [...missing] };
}

/** The tenant's template for (key, channel), else the default. @throws DomainError not_found for an unknown key. */
export async function effectiveTemplate(d1: D1Database, key: string, channel: Channel): Promise<Template & { custom: boolean }> {
  const saved = await d1
    .prepare("SELECT subject, body, priority FROM notification_templates WHERE key = ? AND channel = ?")
    .bind(key, channel)
    .first<{ subject: string | null; body: string; priority: Priority }>();
  if (saved) return { ...saved, custom: true };
  const def = (DEFAULT_TEMPLATES as Record<string, Record<Channel, Template>>)[key]?.[channel];
  if (!def) throw new DomainError("not_found", `No template ${key}`);
  return { ...def, custom: false };
}

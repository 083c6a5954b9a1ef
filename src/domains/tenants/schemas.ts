/** Request and response schemas of tenant signup and administration. */
import { z } from "@hono/zod-openapi";
import { isValidGstin } from "../../platform/gst/gstin";

/** Tenant slugs: lower-case letters, digits and hyphens, 3–40 long, used as `<slug>.<PLATFORM_DOMAIN>`. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, "3–40 lower-case letters, digits or hyphens, not starting or ending with a hyphen")
  .openapi({ example: "sharma-kirana" });

/** Slugs that would shadow platform hosts. */
export const RESERVED_SLUGS = new Set(["www", "api", "app", "admin", "docs", "platform", "status", "mail"]);

const PasswordSchema = z.string().min(10, "at least 10 characters").max(200);

/** POST /v1/signup body. */
export const SignupInput = z
  .object({
    slug: SlugSchema,
    legalName: z.string().min(1).max(200).openapi({ example: "Sharma General Stores" }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2")
      .openapi({ example: "IN" }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "ISO 4217")
      .openapi({ example: "INR" }),
    timeZone: z.string().min(1).max(64).openapi({ example: "Asia/Kolkata" }),
    taxRegime: z.enum(["gst", "vat", "none"]).openapi({ example: "gst" }),
    gstin: z.string().optional().openapi({ example: "27AAPFU0939F1ZV" }),
    dataRegion: z.string().max(32).optional().openapi({ description: "Location hint for the tenant database, e.g. apac" }),
    plan: z.enum(["starter", "growth", "enterprise"]).default("starter"),
    owner: z.object({
      name: z.string().min(1).max(200).openapi({ example: "Asha Sharma" }),
      email: z.email().max(254).openapi({ example: "asha@example.com" }),
      password: PasswordSchema.openapi({ example: "correct horse battery" }),
    }),
  })
  .superRefine((v, ctx) => {
    if (RESERVED_SLUGS.has(v.slug)) ctx.addIssue({ code: "custom", path: ["slug"], message: "this slug is reserved" });
    if (!isValidTimeZone(v.timeZone)) ctx.addIssue({ code: "custom", path: ["timeZone"], message: "not an IANA time zone" });
    if (v.taxRegime === "gst") {
      if (!v.gstin) ctx.addIssue({ code: "custom", path: ["gstin"], message: "required when taxRegime is gst" });
      else if (!isValidGstin(v.gstin))
        ctx.addIssue({ code: "custom", path: ["gstin"], message: "not a valid GSTIN (format or check digit)" });
    }
  })
  .openapi("SignupInput");

/** Whether `tz` is an IANA time zone the runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A tenant as the API shows it. */
export const TenantOut = z
  .object({
    id: z.string(),
    slug: z.string(),
    legalName: z.string(),
    country: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    taxRegime: z.string(),
    gstin: z.string().nullable(),
    stateCode: z.string().nullable(),
    dataRegion: z.string(),
    plan: z.string(),
    status: z.string(),
    createdAt: z.string(),
  })
  .openapi("Tenant");

/** Access and refresh token pair. */
export const TokenPair = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().openapi({ description: "Access-token lifetime in seconds" }),
    tokenType: z.literal("Bearer"),
  })
  .openapi("TokenPair");

/** Maps a tenant row to its API shape (leaves out the database binding and schema version). */
export function toTenantOut(t: z.infer<typeof TenantOut> & Record<string, unknown>): z.infer<typeof TenantOut> {
  return {
    id: t.id,
    slug: t.slug,
    legalName: t.legalName,
    country: t.country,
    currency: t.currency,
    timeZone: t.timeZone,
    taxRegime: t.taxRegime,
    gstin: t.gstin,
    stateCode: t.stateCode,
    dataRegion: t.dataRegion,
    plan: t.plan,
    status: t.status,
    createdAt: t.createdAt,
  };
}

/**
 * Plans and feature flags. A tenant's plan enables features; `featureOverrides` on the tenant
 * turns single features on or off on top of it. A route of a disabled feature answers 403
 * feature_disabled (see requireFeature in src/platform/http/middleware.ts).
 */

/** Every feature a plan can enable. */
export const FEATURES = ["pos", "inventory", "custom_domains", "api_keys", "reports", "multi_store", "webhooks", "e_invoice"] as const;
/** A feature flag name. */
export type Feature = (typeof FEATURES)[number];

/** Plan names and their features. */
export const PLANS = {
  starter: ["pos", "inventory"],
  growth: ["pos", "inventory", "multi_store", "reports", "api_keys", "custom_domains"],
  enterprise: [...FEATURES],
} as const satisfies Record<string, readonly Feature[]>;
/** A plan name. */
export type Plan = keyof typeof PLANS;

/** Whether `feature` is on for a tenant on `plan` with JSON `overridesJson` ({"reports": true}). */
export function featureEnabled(plan: string, overridesJson: string, feature: Feature): boolean {
  let overrides: Record<string, unknown> = {};
  try {
    overrides = JSON.parse(overridesJson) as Record<string, unknown>;
  } catch {
    // A malformed override column must not open features: fall back to the plan.
  }
  if (typeof overrides[feature] === "boolean") return overrides[feature];
  const features: readonly Feature[] = PLANS[plan as Plan] ?? [];
  return features.includes(feature);
}

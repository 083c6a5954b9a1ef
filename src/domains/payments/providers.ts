/** The UPI payment providers a deployment accepts (adapters: razorpay.ts, local.ts). */
import type { Env } from "../../platform/env";
import { localUpiProvider } from "./local";
import type { UpiProvider } from "./provider";
import { razorpayUpiProvider } from "./razorpay";

/**
 * The providers this deployment accepts, each keyed with UPI_WEBHOOK_SECRET (the secret comes only
 * from that binding). The local provider is refused in production. None without the secret.
 */
export function upiProviders(env: Pick<Env, "UPI_WEBHOOK_SECRET" | "ENVIRONMENT">): UpiProvider[] {
  const secret = env.UPI_WEBHOOK_SECRET;
  if (!secret) return [];
  const all = [razorpayUpiProvider(secret)];
  if (env.ENVIRONMENT !== "production") all.push(localUpiProvider(secret));
  return all;
}

/** The provider whose signature header the request carries, if any. */
export function providerFor(providers: UpiProvider[], headers: Headers): UpiProvider | undefined {
  return providers.find((p) => headers.has(p.signatureHeader));
}

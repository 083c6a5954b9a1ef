/**
 * The one event envelope (ARCHITECTURE.md, "Events"): {eventId, tenantId, storeId?, type,
 * version, occurredAt, payload}, validated with zod when sent and when consumed. Payload schemas
 * per type live with their emitters; this module checks the envelope and the payloads the
 * consumers read.
 */
import { z } from "zod";
import { payloadIssues } from "./catalogue";

/** Largest Queue message: 128 KB (Cloudflare Queues limit). */
export const MAX_EVENT_BYTES = 128 * 1024;

/** The envelope every event travels in. */
export const EventEnvelopeSchema = z.object({
  eventId: z.string().min(1).max(64),
  tenantId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(64).optional(),
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, "dotted lower-case type, e.g. stock.moved"),
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime(),
  actor: z.string().max(64).optional(),
  payload: z.record(z.string(), z.unknown()),
});
/** A validated event envelope. */
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

/** Payload of stock.moved v1: one ledger entry (quantities in the SKU's stock unit, money in minor units). */
export const StockMovedPayload = z.object({
  entryId: z.string(),
  sku: z.string(),
  batch: z.string().nullable().optional(),
  qty: z.number().int(),
  kind: z.string(),
  unitCost: z.number().int().nullable().optional(),
  costTotal: z.number().int().nullable().optional(),
  postedAt: z.string(),
  onHandAfter: z.number().int(),
});

/**
 * Validates an envelope before it is sent, and its payload against the event catalogue
 * (src/platform/events/catalogue.ts) when the type and version are catalogued: emitters keep the
 * full contract; consumers read tolerantly (each parses only the fields it uses).
 * @throws ZodError when the envelope is malformed; TypeError when a catalogued payload is not
 *   valid; RangeError when larger than a Queue message.
 */
export function checkEnvelope(e: unknown): EventEnvelope {
  const parsed = EventEnvelopeSchema.parse(e);
  const issues = payloadIssues(parsed.type, parsed.version, parsed.payload);
  if (issues.length > 0) throw new TypeError(`event ${parsed.eventId} (${parsed.type} v${parsed.version}) payload: ${issues.join("; ")}`);
  if (JSON.stringify(parsed).length > MAX_EVENT_BYTES) throw new RangeError(`event ${parsed.eventId} exceeds ${MAX_EVENT_BYTES} bytes`);
  return parsed;
}

import { describe, expect, it } from "vitest";
import { EVENT_CATALOGUE, EVENT_TYPES, payloadIssues } from "./catalogue";
import { checkEnvelope, EventEnvelopeSchema, MAX_EVENT_BYTES } from "./envelope";

const envelope = (over: Record<string, unknown> = {}) => ({
  eventId: "evt_0193a0c0e6b07c2a9f5e2b1d3c4e5f70",
  tenantId: "ten_0193a0c0e6b07c2a9f5e2b1d3c4e5f71",
  storeId: "str_0193a0c0e6b07c2a9f5e2b1d3c4e5f72",
  type: "stock.low",
  version: 1,
  occurredAt: "2026-11-20T10:15:00.000Z",
  payload: EVENT_CATALOGUE["stock.low"].example,
  ...over,
});

describe("event catalogue", () => {
  it.each(EVENT_TYPES)("round-trips the example of %s through its payload schema and the envelope", (type) => {
    const entry = EVENT_CATALOGUE[type];
    expect(entry.schema.parse(entry.example)).toEqual(entry.example);
    const e = envelope({ type, version: entry.version, payload: entry.example });
    expect(checkEnvelope(e)).toEqual(e);
    expect(EventEnvelopeSchema.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  it("documents an emitter and at least one consumer for every type", () => {
    for (const type of EVENT_TYPES) {
      expect(EVENT_CATALOGUE[type].emitter.length).toBeGreaterThan(0);
      expect(EVENT_CATALOGUE[type].consumers.length).toBeGreaterThan(0);
    }
  });

  it("refuses a catalogued payload that breaks its schema when sent", () => {
    expect(payloadIssues("stock.low", 1, { sku: "X", onHand: "four" })).not.toEqual([]);
    expect(() => checkEnvelope(envelope({ payload: { sku: "X", onHand: 1.5, lowThreshold: null, reorderPoint: null } }))).toThrow(
      TypeError,
    );
  });

  it("checks the POS payloads: an invoice.issued that claims to be a credit note is refused", () => {
    const example = EVENT_CATALOGUE["invoice.issued"].example;
    expect(payloadIssues("invoice.issued", 1, example)).toEqual([]);
    expect(payloadIssues("invoice.issued", 1, { ...example, kind: "credit_note" })).not.toEqual([]);
    expect(payloadIssues("sale.completed", 1, { ...EVENT_CATALOGUE["sale.completed"].example, grandTotal: 10.5 })).not.toEqual([]);
  });

  it("lets an uncatalogued type or version through with its envelope checked", () => {
    expect(checkEnvelope(envelope({ type: "sales.completed", payload: { any: 1 } })).type).toBe("sales.completed");
    expect(payloadIssues("stock.low", 2, { whatever: true })).toEqual([]);
  });
});

describe("event envelope", () => {
  it.each([
    ["no event id", { eventId: undefined }],
    ["an empty tenant", { tenantId: "" }],
    ["an undotted type", { type: "stocklow" }],
    ["an upper-case type", { type: "Stock.Low" }],
    ["version 0", { version: 0 }],
    ["a fractional version", { version: 1.5 }],
    ["a local time", { occurredAt: "2026-11-20 10:15" }],
    ["an array payload", { payload: [1, 2] }],
    ["a string payload", { payload: "x" }],
  ])("rejects %s", (_name, over) => {
    expect(EventEnvelopeSchema.safeParse(envelope(over)).success).toBe(false);
    expect(() => checkEnvelope(envelope(over))).toThrow();
  });

  it("rejects an event larger than one Queue message", () => {
    expect(() => checkEnvelope(envelope({ type: "blob.made", payload: { x: "a".repeat(MAX_EVENT_BYTES) } }))).toThrow(RangeError);
  });
});

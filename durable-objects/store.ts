/**
 * StoreDurableObject: one per store, named "<tenantId>:<storeId>", with SQLite storage. It will
 * own what must be serialized per store — the stock ledger, reservations, invoice series, POS
 * sessions and terminal sockets, and the outbox of domain events (ARCHITECTURE.md, "Store plane").
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../src/platform/env";

/** The Durable Object of one store. */
export class StoreDurableObject extends DurableObject<Env> {
  /** Liveness probe used by tests and ops: the object's name as it was addressed. */
  async ping(): Promise<{ ok: true }> {
    return { ok: true };
  }
}

/**
 * Fixtures for the reports tests (imported by *.test.ts only): the tenant's database, and the
 * delivery of a store object's outbox events (stock.moved, sale.*) through the real queue handler,
 * as the Queue would deliver them — any number of times.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { TestTenant } from "../../../test/helpers";
import worker from "../../../workers/index";
import { tenantDatabase } from "../../platform/env";

/** The tenant database of a test tenant. */
export async function tenantDb(t: TestTenant): Promise<D1Database> {
  const row = await env.PLATFORM_DB.prepare("SELECT database_binding AS b FROM tenants WHERE id = ?").bind(t.id).first<{ b: string }>();
  return tenantDatabase(env, row!.b)!;
}

/** Every event a store object has written to its outbox (sent or not), oldest first. */
export async function outboxEvents(t: TestTenant, storeId: string): Promise<Record<string, unknown>[]> {
  const stub = env.STORE.getByName(`${t.id}:${storeId}`);
  return runInDurableObject(stub, (_i: unknown, state: DurableObjectState) =>
    state.storage.sql
      .exec<{ event_id: string; type: string; version: number; occurred_at: string; payload: string }>(
        "SELECT event_id, type, version, occurred_at, payload FROM outbox ORDER BY seq",
      )
      .toArray()
      .map((r) => ({
        eventId: r.event_id,
        tenantId: t.id,
        storeId,
        type: r.type,
        version: r.version,
        occurredAt: r.occurred_at,
        payload: JSON.parse(r.payload),
      })),
  );
}

/** Delivers events through the Worker's queue handler; @returns the acked count. @throws when one is retried. */
export async function deliver(bodies: unknown[]): Promise<number> {
  const batch = createMessageBatch(
    "edgetill-events",
    bodies.map((body, i) => ({ id: `m${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const r = await getQueueResult(batch, ctx);
  if (r.retryMessages.length > 0) throw new Error(`${r.retryMessages.length} event(s) retried`);
  return r.explicitAcks.length;
}

/** Delivers every outbox event of the stores (stock.moved → costs and stock levels; sale.* → projections). */
export async function drain(t: TestTenant, storeIds: string[]): Promise<void> {
  for (const s of storeIds) {
    const events = await outboxEvents(t, s);
    for (let i = 0; i < events.length; i += 50) await deliver(events.slice(i, i + 50));
  }
}

import { createExecutionContext, createScheduledController, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoreDurableObject } from "../../durable-objects/store";
import { createStore, signup } from "../../test/helpers";
import worker from "../../workers/index";
import { storeObjectName } from "../domains/stores/access";
import { CRON_PERIOD_MS, isReservationSweepTick, RESERVATION_SWEEP_PERIOD_MS } from "./scheduled";

/** Fires the Worker's scheduled handler as the cron would at `at`, and waits for its work. */
async function tick(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

type Stub = DurableObjectStub<StoreDurableObject>;

const reservationState = (stub: Stub, id: string) =>
  runInDurableObject(
    stub,
    (_i: StoreDurableObject, s) => s.storage.sql.exec<{ state: string }>("SELECT state FROM reservations WHERE id = ?", id).one().state,
  );

describe("lapsed-reservations sweep", () => {
  it("runs on the first tick of each hour only", () => {
    const hour = Date.UTC(2026, 10, 20, 9);
    expect(isReservationSweepTick(hour)).toBe(true);
    expect(isReservationSweepTick(hour + CRON_PERIOD_MS)).toBe(false);
    expect(isReservationSweepTick(hour + RESERVATION_SWEEP_PERIOD_MS - CRON_PERIOD_MS)).toBe(false);
  });

  it("releases a lapsed reservation whose store lost its alarm", async () => {
    const t = await signup();
    const storeId = await createStore(t, "A1");
    const stub = env.STORE.getByName(storeObjectName(t.id, storeId)) as Stub;
    expect((await stub.receive({ actor: "usr_test", lines: [{ sku: "RICE", qty: 5, unitCost: 100 }] })).ok).toBe(true);
    const r = await stub.reserve({ actor: "usr_test", reservationId: "rsv_lost", ttlSeconds: 1, lines: [{ sku: "RICE", qty: 3 }] });
    expect(r.ok).toBe(true);
    // The alarm is gone (a lost alarm): nothing inside the object will expire the hold.
    await runInDurableObject(stub, (_i: StoreDurableObject, s) => s.storage.deleteAlarm());
    await new Promise((res) => setTimeout(res, 1100));
    expect(await runInDurableObject(stub, (_i: StoreDurableObject, s) => s.storage.getAlarm())).toBeNull();
    expect(await reservationState(stub, "rsv_lost")).toBe("active");

    // A tick that is not the hour's first leaves it; the hour's first releases it.
    const hour = Math.ceil(Date.now() / RESERVATION_SWEEP_PERIOD_MS) * RESERVATION_SWEEP_PERIOD_MS;
    await tick(hour + CRON_PERIOD_MS);
    expect(await reservationState(stub, "rsv_lost")).toBe("active");
    await tick(hour);
    expect(await reservationState(stub, "rsv_lost")).toBe("expired");
    const stock = await stub.getStock({ sku: "RICE" });
    expect(stock.ok && stock.items[0]).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await stub.checkBalances()).ok).toBe(true);
    // The expiry is an ordinary ledger event: it goes out through the store's outbox like the alarm's.
    const events = await runInDurableObject(stub, (_i: StoreDurableObject, s) =>
      s.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE type = 'stock.reservation_expired'").one(),
    );
    expect(events.n).toBe(1);
  });
});

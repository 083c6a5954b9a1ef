/**
 * One alarm for all timed work of a store: unsent outbox events (due now, or after a backoff
 * when the queue last failed), lapsed reservations, and pending transfer messages. The alarm is
 * always set to the earliest of these; the handler does all that is due.
 */
import { nextDeliveryDue } from "./deliveries";
import { hasPendingOutbox } from "./outbox";
import { nextReservationExpiry } from "./reservations";

/** Wait after a failed queue send before the next try, in ms. */
export const OUTBOX_RETRY_MS = 5000;

/** The next due time (ms since epoch), or null when nothing is waiting. */
export function nextDue(sql: SqlStorage): number | null {
  const times: number[] = [];
  if (hasPendingOutbox(sql)) {
    const retry = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'outbox_retry_at'").toArray()[0];
    times.push(retry ? Number(retry.value) : Date.now());
  }
  const r = nextReservationExpiry(sql);
  if (r !== null) times.push(r);
  const d = nextDeliveryDue(sql);
  if (d !== null) times.push(d);
  return times.length === 0 ? null : Math.min(...times);
}

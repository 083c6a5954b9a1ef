/**
 * The Worker's queue handler: one entry point for every queue this Worker consumes
 * (wrangler.toml [[queues.consumers]]), dispatched by the batch's queue name.
 */
import type { Env } from "../env";
import { consumeEvents, type EventConsumer } from "./consumer";
import { storeDeadLetters } from "./dead-letters";

/** The domain events queue (wrangler.toml). */
export const EVENTS_QUEUE = "edgetill-events";
/** Its dead-letter queue (wrangler.toml dead_letter_queue). */
export const EVENTS_DLQ_QUEUE = "edgetill-events-dlq";

/**
 * Routes a batch: the dead-letter queue to {@link storeDeadLetters}, everything else (the events
 * queue, under whatever name an environment gives it) to {@link consumeEvents}.
 */
export function handleQueue(batch: MessageBatch<unknown>, env: Env, consumers: readonly EventConsumer[]): Promise<void> {
  if (batch.queue === EVENTS_DLQ_QUEUE) return storeDeadLetters(batch, env);
  return consumeEvents(batch, env, consumers);
}

/** Every consumer of the events queue, in the order they run for an event. */
import { stockProjection } from "./domains/projections/stock";
import type { EventConsumer } from "./platform/events/consumer";

/** Registered event consumers. */
export const CONSUMERS: readonly EventConsumer[] = [stockProjection];

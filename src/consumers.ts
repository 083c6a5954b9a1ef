/** Every consumer of the events queue, in the order they run for an event. */

import { invoiceIssuedNotifier } from "./domains/notifications/invoice-issued";
import { stockLowNotifier } from "./domains/notifications/stock-low";
import { stockProjection } from "./domains/projections/stock";
import { reportCostsConsumer } from "./domains/reports/costs";
import { reportStockMovesConsumer } from "./domains/reports/moves";
import { salesProjection } from "./domains/sales/project";
import { webhookConsumer, workerFetch } from "./domains/webhooks/deliver";
import type { EventConsumer } from "./platform/events/consumer";

/** Registered event consumers. */
export const CONSUMERS: readonly EventConsumer[] = [
  stockProjection,
  salesProjection,
  reportCostsConsumer,
  reportStockMovesConsumer,
  stockLowNotifier,
  invoiceIssuedNotifier,
  webhookConsumer(workerFetch),
];

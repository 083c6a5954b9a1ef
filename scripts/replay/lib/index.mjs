/** The replay's modules in one place (the CLI, run.mjs, and the CI slice test, test/replay-slice.test.ts). */
export { ApiError, createClient } from "./client.mjs";
export { expectedFigures, WALK_IN } from "./expected.mjs";
export { ceilPence, formatPence, lineAmountPence, parseDecimal, wholePence } from "./money.mjs";
export { formatReconciliation, reconcile } from "./reconcile.mjs";
export { customerOf, replay } from "./replay.mjs";
export { lineRole, skuOf, utcOf } from "./rows.mjs";

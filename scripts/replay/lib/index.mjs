/** The replay's modules in one place (the CLI, run.mjs, and the CI slice tests, test/replay-slice.test.ts and test/replay-gst-slice.test.ts). */
export { ApiError, createClient } from "./client.mjs";
export { expectedFigures, WALK_IN } from "./expected.mjs";
export {
  assertCodesInMaster,
  COUNTRY_STATE_CODES,
  GST_REPLAY_GSTIN,
  GST_STORE_STATE,
  gstItemOf,
  rupeeRounded,
  stateOfCountry,
} from "./gst.mjs";
export { completingNotes, formatGstChecks, gstChecks, splitProblems } from "./gst-checks.mjs";
export { ceilPence, formatPence, lineAmountPence, parseDecimal, wholePence } from "./money.mjs";
export { formatReconciliation, reconcile } from "./reconcile.mjs";
export { COUNTRIES, customerOf, invoicesInOrder, replay } from "./replay.mjs";
export { lineRole, skuOf, utcOf } from "./rows.mjs";

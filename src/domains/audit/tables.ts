/** Audit tables (tenant database) beside audit_log (src/db/tenant.ts). */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The head of the audit hash chain: the last sealed seq and its hash, one row (id = 1), moved
 * forward by the sealer in the same batch as the seals. Without it, deleting the newest sealed
 * entries would leave a shorter chain that still verifies; with it, verify knows where the chain
 * must end, and the sealer links new entries to the head rather than to whatever row is last.
 */
export const auditChainHead = sqliteTable("audit_chain_head", {
  id: integer("id").primaryKey(),
  lastSeq: integer("last_seq").notNull(),
  lastHash: text("last_hash").notNull(),
  sealedAt: text("sealed_at").notNull(),
});

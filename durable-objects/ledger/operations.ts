/**
 * Idempotent operations: each verb runs in ONE transactionSync — the idempotency check, the
 * validation, the entries, the balances, the outbox rows and the stored result — so it happens
 * entirely or not at all, and at most once per key.
 *
 * Same key and same payload → the stored result, no second effect. Same key with another
 * payload → `idempotency_key_reused`. Refusals are not stored: nothing was written, and a retry
 * after (say) a restock should be judged afresh — the rule the HTTP idempotency layer follows
 * for 409s too.
 */
import { canonicalJson } from "../../src/platform/audit";
import { sha256Hex } from "../../src/platform/crypto";
import { checkLowStock } from "./low-stock";
import type { EventEnvelope, Failure, Result, StoreConfig } from "./tx";
import { LedgerTx, Refusal } from "./tx";

/** What a finished operation hands the Durable Object: the result and the events to broadcast. */
export interface Ran<T> {
  result: Result<T>;
  events: EventEnvelope[];
}

/** The digest an idempotency key is bound to: the operation name and its canonical payload. */
export function payloadHash(op: string, payload: unknown): Promise<string> {
  return sha256Hex(`${op}\n${canonicalJson(payload)}`);
}

/**
 * Runs `body` as the operation `op` under `key` (when given) in one transaction.
 * @param payload the parsed input without the key and actor (the same request by another actor replays too).
 */
export async function runOperation<T extends object>(
  storage: DurableObjectStorage,
  config: StoreConfig,
  op: string,
  input: { actor: string; idempotencyKey?: string },
  payload: unknown,
  body: (tx: LedgerTx) => T,
): Promise<Ran<T>> {
  const hash = input.idempotencyKey ? await payloadHash(op, payload) : null;
  const key = input.idempotencyKey ?? null;
  const tx = new LedgerTx(storage.sql, config, input.actor, key);
  try {
    const result = storage.transactionSync((): Result<T> => {
      if (key) {
        const prior = tx.one<{ payload_hash: string; result: string }>("SELECT payload_hash, result FROM operations WHERE key = ?", key);
        if (prior) {
          if (prior.payload_hash !== hash) {
            return { ok: false, code: "idempotency_key_reused", detail: `Idempotency key ${key} was used for another request` };
          }
          tx.events.length = 0;
          return JSON.parse(prior.result) as Result<T>;
        }
      }
      const value = body(tx);
      checkLowStock(tx);
      const result = { ok: true as const, ...value };
      if (key) {
        tx.run(
          "INSERT INTO operations (key, op, payload_hash, result, created_at) VALUES (?, ?, ?, ?, ?)",
          key,
          op,
          hash,
          JSON.stringify(result),
          tx.now,
        );
      }
      return result;
    });
    return { result, events: result.ok ? tx.events : [] };
  } catch (e) {
    if (e instanceof Refusal) return { result: e.failure as Failure, events: [] };
    throw e;
  }
}

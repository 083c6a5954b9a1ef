/**
 * The store's identity and settings, kept in the `meta` table. A store's object is addressed
 * by name "<tenantId>:<storeId>" (ARCHITECTURE.md, "Store plane"); when configure() was never
 * called the identity is read from that name, with the defaults FIFO and no negative stock.
 */
import type { ConfigureInput } from "./inputs";
import type { StoreConfig } from "./tx";
import { refuse } from "./tx";

type Parsed<T extends { parse: (x: unknown) => unknown }> = ReturnType<T["parse"]>;

function meta(sql: SqlStorage): Map<string, string> {
  return new Map(
    sql
      .exec<{ key: string; value: string }>("SELECT key, value FROM meta")
      .toArray()
      .map((r) => [r.key, r.value]),
  );
}

/** Splits an object name "<tenantId>:<storeId>"; undefined when it is not one. */
export function parseObjectName(name: string | undefined): { tenantId: string; storeId: string } | undefined {
  if (!name) return undefined;
  const i = name.indexOf(":");
  if (i <= 0 || i === name.length - 1) return undefined;
  return { tenantId: name.slice(0, i), storeId: name.slice(i + 1) };
}

/** The store's configuration, or undefined when neither configure() nor the object name says who it is. */
export function loadConfig(sql: SqlStorage, objectName: string | undefined): StoreConfig | undefined {
  const m = meta(sql);
  const named = parseObjectName(objectName);
  const tenantId = m.get("tenant_id") ?? named?.tenantId;
  const storeId = m.get("store_id") ?? named?.storeId;
  if (!tenantId || !storeId) return undefined;
  return {
    tenantId,
    storeId,
    valuation: (m.get("valuation") as StoreConfig["valuation"]) ?? "fifo",
    allowNegative: m.get("allow_negative") === "1",
    deliveryMode: (m.get("delivery_mode") as StoreConfig["deliveryMode"]) ?? "inline",
  };
}

/**
 * Saves the configuration. @throws Refusal validation_failed when the ids contradict the object's
 * name; conflict when changing the valuation method after stock has moved (costs already posted
 * would mix two methods).
 */
export function saveConfig(sql: SqlStorage, objectName: string | undefined, input: Parsed<typeof ConfigureInput>): StoreConfig {
  const named = parseObjectName(objectName);
  if (named && (named.tenantId !== input.tenantId || named.storeId !== input.storeId)) {
    refuse("validation_failed", `This object is ${objectName}, not ${input.tenantId}:${input.storeId}`);
  }
  const before = meta(sql).get("valuation") ?? "fifo";
  const moved = sql.exec("SELECT 1 FROM ledger_entries LIMIT 1").toArray().length > 0;
  if (moved && before !== input.valuation)
    refuse("conflict", `Stock has moved under ${before} valuation; it cannot change to ${input.valuation}`);
  const set = (k: string, v: string) => sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", k, v);
  set("tenant_id", input.tenantId);
  set("store_id", input.storeId);
  set("valuation", input.valuation);
  set("allow_negative", input.allowNegative ? "1" : "0");
  set("delivery_mode", input.deliveryMode);
  return loadConfig(sql, objectName)!;
}

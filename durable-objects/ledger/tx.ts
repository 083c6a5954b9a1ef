/**
 * The transaction context every ledger operation runs in: one `ctx.storage.transactionSync`
 * holding the SQL handle, the store's configuration, the actor, and what the operation emitted.
 * A refusal is a thrown {@link Refusal}: throwing inside transactionSync rolls everything back,
 * so "a refused request changes nothing" holds by construction.
 */
import type { ErrorCode, FieldError } from "../../src/platform/errors";
import { newId } from "../../src/platform/ids";
import type { EntryKind } from "./schema";

/** How the store values stock (per tenant): FIFO cost layers or moving average. */
export type ValuationMethod = "fifo" | "moving_average";

/** The store's identity and settings, kept in `meta`. */
export interface StoreConfig {
  tenantId: string;
  storeId: string;
  valuation: ValuationMethod;
  /** Default for SKUs without their own setting: may on-hand go below zero? */
  allowNegative: boolean;
  deliveryMode: "inline" | "alarm";
}

/** A shortfall of one SKU (and batch when one was named): what was asked, what is available. */
export interface Shortfall {
  sku: string;
  batch?: string;
  requested: number;
  available: number;
  short: number;
}

/** An expected failure, returned across RPC (never thrown across it). */
export interface Failure {
  ok: false;
  code: ErrorCode;
  detail: string;
  fields?: FieldError[];
  shortfall?: Shortfall[];
}

/** A result object: `{ ok: true, ...T }` or a {@link Failure}. */
export type Result<T> = ({ ok: true } & T) | Failure;

/** Thrown inside a transaction to refuse the operation; becomes a {@link Failure}. */
export class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail);
  }
}

/** Refuses the current operation with `code`. Never returns. */
export function refuse(code: ErrorCode, detail: string, extra: Partial<Failure> = {}): never {
  throw new Refusal({ ok: false, code, detail, ...extra });
}

/** A domain event envelope (ARCHITECTURE.md, "Events"), as written to the outbox and the queue. */
export interface EventEnvelope {
  eventId: string;
  tenantId: string;
  storeId: string;
  type: string;
  version: number;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** A ledger entry to post. `qty` is signed (in the SKU's stock unit); costs are in minor units. */
export interface EntryInput {
  sku: string;
  batch?: string;
  serial?: string | null;
  qty: number;
  kind: EntryKind;
  reason?: string | null;
  documentType: string;
  documentId: string;
  /** Cost per stock unit, minor units (for outgoing entries: costTotal / |qty| rounded half-up). */
  unitCost: number;
  /** |qty| × cost, minor units: the value that came in, or for outgoing entries the COGS. */
  costTotal: number;
  flagged?: boolean;
}

/** A posted ledger entry, as results and events show it. */
export interface PostedEntry {
  entryId: string;
  seq: number;
  sku: string;
  batch: string;
  serial: string | null;
  qty: number;
  kind: EntryKind;
  reason: string | null;
  documentType: string;
  documentId: string;
  unitCost: number;
  costTotal: number;
  postedAt: string;
  actor: string;
  flagged: boolean;
}

type Row = Record<string, SqlStorageValue>;

/** The context of one ledger operation inside transactionSync. */
export class LedgerTx {
  /** The instant of this operation; every row it writes carries it. */
  readonly now: string;
  readonly nowMs: number;
  /** Events written to the outbox by this operation, for the broadcast point after commit. */
  readonly events: EventEnvelope[] = [];
  /** SKUs whose on-hand changed (low-stock checks run on these before commit). */
  readonly touched = new Set<string>();

  constructor(
    readonly sql: SqlStorage,
    readonly config: StoreConfig,
    readonly actor: string,
    readonly idempotencyKey: string | null,
  ) {
    this.nowMs = Date.now();
    this.now = new Date(this.nowMs).toISOString();
  }

  /** All rows of a query. */
  rows<T extends Row>(query: string, ...bindings: unknown[]): T[] {
    return this.sql.exec<T>(query, ...bindings).toArray();
  }

  /** The first row of a query, or undefined. */
  one<T extends Row>(query: string, ...bindings: unknown[]): T | undefined {
    return this.sql.exec<T>(query, ...bindings).toArray()[0];
  }

  /** Runs a statement. */
  run(query: string, ...bindings: unknown[]): void {
    this.sql.exec(query, ...bindings);
  }

  /** Whether `sku` may go below zero: its own setting, else the store default. */
  allowsNegative(sku: string): boolean {
    const s = this.one<{ allow_negative: number | null }>("SELECT allow_negative FROM sku_settings WHERE sku = ?", sku);
    return s?.allow_negative === null || s?.allow_negative === undefined ? this.config.allowNegative : s.allow_negative === 1;
  }

  /** On-hand and reserved of one (sku, batch); zeros when there is no row yet. */
  balance(sku: string, batch = ""): { onHand: number; reserved: number } {
    const b = this.one<{ on_hand: number; reserved: number }>(
      "SELECT on_hand, reserved FROM balances WHERE sku = ? AND batch = ?",
      sku,
      batch,
    );
    return { onHand: b?.on_hand ?? 0, reserved: b?.reserved ?? 0 };
  }

  /** Adds `delta` to the reserved quantity of (sku, batch). */
  addReserved(sku: string, batch: string, delta: number): void {
    this.run(
      `INSERT INTO balances (sku, batch, on_hand, reserved, updated_at) VALUES (?, ?, 0, ?, ?)
       ON CONFLICT (sku, batch) DO UPDATE SET reserved = reserved + excluded.reserved, updated_at = excluded.updated_at`,
      sku,
      batch,
      delta,
      this.now,
    );
  }

  /**
   * Appends a ledger entry, moves the (sku, batch) balance by its qty, and writes its
   * `stock.moved` outbox event — all in this transaction (issue 3: "every ledger entry goes to
   * the store's outbox in the same SQLite transaction").
   */
  post(e: EntryInput): PostedEntry {
    const id = newId("ledgerEntry");
    const batch = e.batch ?? "";
    const cur = this.sql.exec<{ seq: number }>(
      `INSERT INTO ledger_entries (id, sku, batch, serial, qty, kind, reason, document_type, document_id, unit_cost, cost_total, posted_at, actor, idempotency_key, flagged)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      id,
      e.sku,
      batch,
      e.serial ?? null,
      e.qty,
      e.kind,
      e.reason ?? null,
      e.documentType,
      e.documentId,
      e.unitCost,
      e.costTotal,
      this.now,
      this.actor,
      this.idempotencyKey,
      e.flagged ? 1 : 0,
    );
    const seq = cur.one().seq;
    this.run(
      `INSERT INTO balances (sku, batch, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)
       ON CONFLICT (sku, batch) DO UPDATE SET on_hand = on_hand + excluded.on_hand, updated_at = excluded.updated_at`,
      e.sku,
      batch,
      e.qty,
      this.now,
    );
    this.touched.add(e.sku);
    const posted: PostedEntry = {
      entryId: id,
      seq,
      sku: e.sku,
      batch,
      serial: e.serial ?? null,
      qty: e.qty,
      kind: e.kind,
      reason: e.reason ?? null,
      documentType: e.documentType,
      documentId: e.documentId,
      unitCost: e.unitCost,
      costTotal: e.costTotal,
      postedAt: this.now,
      actor: this.actor,
      flagged: e.flagged ?? false,
    };
    const { seq: _seq, ...payload } = posted;
    this.emit("stock.moved", { ...payload, onHandAfter: this.balance(e.sku, batch).onHand });
    return posted;
  }

  /** Writes an event to the outbox (sent to the queue by the alarm) and remembers it for broadcast. */
  emit(type: string, payload: Record<string, unknown>, version = 1): EventEnvelope {
    const env: EventEnvelope = {
      eventId: newId("event"),
      tenantId: this.config.tenantId,
      storeId: this.config.storeId,
      type,
      version,
      occurredAt: this.now,
      payload,
    };
    this.run(
      "INSERT INTO outbox (event_id, type, version, occurred_at, payload) VALUES (?, ?, ?, ?, ?)",
      env.eventId,
      type,
      version,
      env.occurredAt,
      JSON.stringify(payload),
    );
    this.events.push(env);
    return env;
  }
}

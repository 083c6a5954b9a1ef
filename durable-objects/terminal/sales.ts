/**
 * Sales made at a terminal: online checkout of the active cart and offline sales synced later.
 * Both go down the HTTP checkout's path — draftSale prices and taxes from the catalog (tenant
 * D1, reached from the object, ./tenant.ts), then the object's posCheckout commits the ledger
 * sale, the invoice number and the outbox events — plus one more row in the SAME transaction:
 * the terminal-sales record keyed by the client's sale id (UUIDv7). That key makes sync
 * idempotent: a sale resent after a lost answer (or five times) finds its record and gets the
 * original result, never a second sale (the Odoo POS duplicate-order failures, odoo/odoo#42862).
 *
 * Offline sales keep their client time (the invoice instant, never later than now), commit with
 * `allowShortfall`: stock the till sold while offline is not refused but flagged on the ledger
 * entry and the sale (odoo/odoo#108518), and land in their own shift or — when it has closed —
 * the terminal's rescue session (./shifts.ts).
 */

import { draftSale } from "../../src/domains/sales/checkout";
import { saleStatements } from "../../src/domains/sales/project";
import type { CheckoutBody } from "../../src/domains/sales/schemas";
import { auditStatement } from "../../src/platform/audit";
import type { ServiceContext } from "../../src/platform/context";
import { DomainError } from "../../src/platform/errors";
import type { LedgerTx, Result } from "../ledger/tx";
import { refuse } from "../ledger/tx";
import type { SaleDocument } from "../pos/documents";
import type { PosCheckoutInput } from "../pos/inputs";
import type { SaleOutcome } from "./protocol";
import { getShift, openShiftOf, rescueShift } from "./shifts";

/** Commits a priced sale with `record` in the same transaction (the store object's posCheckout). */
export type CommitTerminalSale = (
  input: PosCheckoutInput,
  record: (tx: LedgerTx, sale: SaleDocument) => void,
) => Promise<Result<{ sale: SaleDocument }>>;

/** One sale to commit from a terminal. */
export interface TerminalSale {
  clientSaleId: string;
  body: CheckoutBody;
  /** Offline: client time, shortfall flagged, closed shift → rescue. Online: now, shortfall refused, the open shift. */
  offline: boolean;
  deviceSeq?: number;
  clientTime?: string;
  shiftId?: string;
}

/** Detail of the refusal that means "another frame recorded this client sale first". */
const RECORDED_MEANWHILE = "terminal sale recorded meanwhile";

type Recorded = { sale_id: string; invoice_number: string; shift_id: string; status: "accepted" | "flagged"; rescued: number };

/** The stored outcome of a client sale id, answered as a duplicate; null when never recorded. */
export function recordedSale(sql: SqlStorage, clientSaleId: string): SaleOutcome | null {
  const r = sql
    .exec<Recorded>("SELECT sale_id, invoice_number, shift_id, status, rescued FROM terminal_sales WHERE client_sale_id = ?", clientSaleId)
    .toArray()[0];
  if (!r) return null;
  return {
    clientSaleId,
    status: "duplicate",
    saleId: r.sale_id,
    invoiceNumber: r.invoice_number,
    shiftId: r.shift_id,
    rescued: r.rescued === 1,
  };
}

/** The invoice instant of an offline sale: its client time, but never in the future (a fast device clock). */
export function offlineInstant(clientTime: string, nowMs = Date.now()): string {
  return new Date(Math.min(Date.parse(clientTime), nowMs)).toISOString();
}

/** The shift a sale lands in, decided inside the commit transaction. @throws Refusal conflict (online, no open shift). */
function shiftFor(tx: LedgerTx, terminalId: string, s: TerminalSale): { shiftId: string; rescued: boolean } {
  const open = openShiftOf(tx.sql, terminalId);
  if (!s.offline) {
    if (!open) refuse("conflict", "Open a shift before selling (open_shift)");
    return { shiftId: open.shiftId, rescued: false };
  }
  const own = s.shiftId ? getShift(tx.sql, s.shiftId) : null;
  if (own && own.terminalId === terminalId && own.closedAt === null) return { shiftId: own.shiftId, rescued: false };
  if (!s.shiftId && open) return { shiftId: open.shiftId, rescued: false };
  return { shiftId: rescueShift(tx.sql, terminalId, tx.actor).shiftId, rescued: true };
}

/**
 * Prices, commits and records one terminal sale, then projects it to the tenant database.
 * @returns the outcome: accepted | flagged | duplicate, or refused with the API error code
 *   (insufficient_stock online, unprocessable pricing, conflict without a shift, …). Never throws
 *   for a client's mistake.
 */
export async function sellAtTerminal(
  ctx: ServiceContext,
  sql: SqlStorage,
  commit: CommitTerminalSale,
  terminalId: string,
  storeId: string,
  s: TerminalSale,
): Promise<SaleOutcome & { sale?: SaleDocument }> {
  const before = recordedSale(sql, s.clientSaleId);
  if (before) return before;
  let draft: Awaited<ReturnType<typeof draftSale>>;
  try {
    draft = await draftSale({ ctx, input: { storeId, body: s.body } });
  } catch (e) {
    if (e instanceof DomainError) return { clientSaleId: s.clientSaleId, status: "refused", code: e.code, detail: e.detail };
    throw e;
  }
  let placed: { shiftId: string; rescued: boolean } | null = null;
  const result = await commit(
    {
      actor: ctx.actor.id,
      idempotencyKey: `terminal-sale:${s.clientSaleId}`,
      at: s.offline && s.clientTime ? offlineInstant(s.clientTime) : undefined,
      allowShortfall: s.offline,
      draft,
    },
    (tx, sale) => {
      // Pricing awaited D1: another frame may have committed this client sale meanwhile.
      if (tx.one("SELECT 1 AS x FROM terminal_sales WHERE client_sale_id = ?", s.clientSaleId)) refuse("conflict", RECORDED_MEANWHILE);
      placed = shiftFor(tx, terminalId, s);
      tx.run(
        `INSERT INTO terminal_sales (client_sale_id, terminal_id, device_seq, client_time, shift_id, sale_id, invoice_number, status, rescued, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        s.clientSaleId,
        terminalId,
        s.deviceSeq ?? null,
        s.clientTime ?? null,
        placed.shiftId,
        sale.id,
        sale.invoice.number,
        sale.flaggedShortfall ? "flagged" : "accepted",
        placed.rescued ? 1 : 0,
        tx.now,
      );
    },
  );
  if (!result.ok) {
    const recorded = result.detail === RECORDED_MEANWHILE ? recordedSale(sql, s.clientSaleId) : null;
    if (recorded) return recorded;
    return { clientSaleId: s.clientSaleId, status: "refused", code: result.code, detail: result.detail };
  }
  const { sale } = result;
  // The operations table may have replayed an earlier commit of this key without running `record`.
  const where = (placed as { shiftId: string; rescued: boolean } | null) ?? recordedSale(sql, s.clientSaleId);
  await project(ctx, sale);
  return {
    clientSaleId: s.clientSaleId,
    status: sale.flaggedShortfall ? "flagged" : "accepted",
    saleId: sale.id,
    invoiceNumber: sale.invoice.number,
    shiftId: where?.shiftId,
    rescued: where?.rescued ?? false,
    sale,
  };
}

/**
 * The tenant database's projection and audit entry of a terminal sale, as the HTTP checkout
 * writes them. A failure is logged, not raised: the sale is committed, and the sales_projection
 * consumer rewrites the projection from sale.completed.
 */
async function project(ctx: ServiceContext, sale: SaleDocument): Promise<void> {
  try {
    const audit = await auditStatement(ctx, {
      action: "sale.completed",
      entityType: "sale",
      entityId: sale.id,
      after: { invoiceNumber: sale.invoice.number, grandTotal: sale.grandTotal },
      summary: {
        storeId: sale.storeId,
        invoiceNumber: sale.invoice.number,
        grandTotal: sale.grandTotal,
        lines: sale.lines.length,
        terminal: true,
      },
    });
    await ctx.d1.batch([...saleStatements(ctx.d1, sale), audit]);
  } catch (e) {
    console.error(JSON.stringify({ level: "error", msg: "terminal sale projection failed", saleId: sale.id, error: String(e) }));
  }
}

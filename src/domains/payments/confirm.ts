/**
 * Confirming a UPI tender that awaits its payment: the verbs behind
 * POST /v1/payments/upi/callback (a provider's verified event) and
 * POST /v1/sales/{saleId}/tenders/{index}/confirm (a reference the cashier keyed). Both find the
 * sale's store and ask its Durable Object to settle the tender (durable-objects/pos/confirm.ts),
 * then project the sale into the tenant database with the audit entry in the same batch. A
 * repeated confirmation changes nothing, here or in the object.
 */
import type { SaleDocument, Tender } from "../../../durable-objects/pos/documents";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { Actor, ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { saleStatements } from "../sales/project";
import { ledgerKey, unwrap } from "../stock/ledger";
import { mayActInStore, storeObjectName } from "../stores/access";
import type { UpiEvent, UpiProvider } from "./provider";

/** What a confirmation answers: the tender as it stands and whether this call settled it. */
export interface ConfirmationOut {
  saleId: string;
  invoiceNumber: string;
  tenderIndex: number;
  tender: Tender;
  /** false: the tender was already settled by this payment (a redelivery); nothing changed. */
  changed: boolean;
}

/** The actor a provider's callback acts as (the signature, not a user, authenticates it). */
export function providerActor(provider: UpiProvider["name"]): Actor {
  return { type: "api_key", id: `system:upi-${provider}`, role: "cashier", storeIds: null };
}

async function settle(
  ctx: ServiceContext,
  where: { saleId: string; storeId: string },
  input: { via: "razorpay" | "local" | "cashier"; paymentId: string; amount?: number; index?: number; idempotencyKey?: string },
): Promise<ConfirmationOut> {
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, where.storeId));
  const { sale, tenderIndex, changed } = unwrap(await stub.posConfirmUpi({ actor: ctx.actor.id, saleId: where.saleId, ...input })) as {
    sale: SaleDocument;
    tenderIndex: number;
    changed: boolean;
  };
  const tender = sale.tenders[tenderIndex] as Tender;
  if (changed) {
    const audit = await auditStatement(ctx, {
      action: "payment.confirmed",
      entityType: "sale",
      entityId: sale.id,
      before: { tenderIndex, status: "awaiting_confirmation" },
      after: { tenderIndex, status: tender.status, reference: tender.reference },
      summary: { invoiceNumber: sale.invoice.number, tenderIndex, amount: tender.amount, via: input.via, paymentId: input.paymentId },
    });
    await ctx.d1.batch([...saleStatements(ctx.d1, sale), audit]);
  }
  return { saleId: sale.id, invoiceNumber: sale.invoice.number, tenderIndex, tender, changed };
}

/**
 * Settles the UPI tender a provider's captured payment paid. The sale is found by our reference
 * (the invoice number, the `tr` of the UPI payload) in this tenant only.
 * @throws DomainError not_found (the event names another tenant, or no invoice has this number),
 *   unprocessable (currency or amount differs from the awaiting tender: nothing changes),
 *   conflict (sale cancelled, or no UPI tender awaits confirmation).
 */
export async function confirmProviderPayment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { provider: UpiProvider["name"]; event: UpiEvent & { status: "captured" } };
}): Promise<ConfirmationOut> {
  const e = input.event;
  const unknown = new DomainError("not_found", `No invoice ${e.reference} awaits a UPI payment here`);
  // One secret serves every tenant: the tenant named inside the signed body must be the host's.
  if (e.tenantId !== ctx.tenant.id) throw unknown;
  const row = await ctx.d1
    .prepare("SELECT sale_id, store_id FROM invoices WHERE kind = 'invoice' AND number = ?")
    .bind(e.reference)
    .first<{ sale_id: string; store_id: string }>();
  if (!row) throw unknown;
  if (e.currency !== ctx.tenant.currency)
    throw new DomainError("unprocessable", `The payment is in ${e.currency}; invoice ${e.reference} is in ${ctx.tenant.currency}`);
  return settle(
    ctx,
    { saleId: row.sale_id, storeId: row.store_id },
    { via: input.provider, paymentId: e.providerPaymentId, amount: e.amount },
  );
}

/**
 * Settles tender `index` of a sale with the reference the cashier keyed (the UTR the customer's
 * UPI app shows). Needs `sales.create` in the sale's store.
 * @throws DomainError forbidden, store_forbidden, not_found (sale or tender), unprocessable (not a UPI
 *   tender), conflict (already settled by another reference, or the sale is cancelled).
 */
export async function confirmTenderByCashier({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { saleId: string; index: number; reference: string; idempotencyKey?: string };
}): Promise<ConfirmationOut> {
  assertCan(ctx.actor.role, "sales.create");
  const row = await ctx.d1.prepare("SELECT store_id FROM sales WHERE id = ?").bind(input.saleId).first<{ store_id: string }>();
  if (!row) throw new DomainError("not_found", "Sale not found");
  if (!mayActInStore(ctx, row.store_id)) throw new DomainError("store_forbidden", "You are not assigned to this store");
  return settle(
    ctx,
    { saleId: input.saleId, storeId: row.store_id },
    {
      via: "cashier",
      paymentId: input.reference,
      index: input.index,
      idempotencyKey: ledgerKey(ctx, input.idempotencyKey, "confirm-upi"),
    },
  );
}

/**
 * returnWithoutReceipt: the verb behind POST /v1/stores/{storeId}/returns — goods come back with
 * no sale of this system to return against (the receipt is lost, or the invoice was issued outside
 * Edgetill). The lines are priced and taxed by the very code a checkout uses (draftSale: catalog
 * lookup, keyed prices, discounts, the tenant's tax strategy and place of supply, rule 46
 * particulars), then the store's Durable Object restocks or writes off, refunds and issues a credit
 * note from its credit-note series in one transaction (durable-objects/pos/unreceipted.ts). The
 * tenant database gets the projection and the audit entry right after.
 *
 * GST: a credit note must normally cite the invoice it corrects (CGST Rules rule 53(1A)(g)). This
 * one has none to cite, so it states the reason and "without original invoice" instead, and is
 * issued to an unregistered person only (B2C): a registered buyer needs the original invoice
 * (its input tax credit is reversed against it, table 9B of GSTR-1). In GSTR-1 such a note reduces
 * B2CS (table 7) for its month, place of supply and rate (src/domains/reports/gstr1.ts).
 */
import type { ReturnDocument } from "../../../durable-objects/pos/documents";
import type { UnreceiptedRefund } from "../../../durable-objects/pos/unreceipted";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { ledgerKey, unwrap } from "../stock/ledger";
import { storeObjectName } from "../stores/access";
import { draftSale } from "./checkout";
import { documentInstant } from "./occurred-at";
import { returnStatements } from "./project";
import { checkTenderFields } from "./tenders";
import type { UnreceiptedReturnBody } from "./unreceipted-schemas";

function unprocessable(path: string, message: string): never {
  throw new DomainError("unprocessable", `${path}: ${message}`, { fields: [{ path, message }] });
}

/**
 * How the credit note's `total` (minor units) goes back: the tenders as given (they must add up
 * to it exactly; checkout's per-tender rules apply), else all of it by `refundTo` (default cash).
 * @throws DomainError unprocessable (a sum that differs, udhaar without a customer phone).
 */
export function refundsOf(body: UnreceiptedReturnBody, total: number): UnreceiptedRefund[] {
  if (body.tenders) {
    checkTenderFields(body.tenders, body.customer);
    const sum = body.tenders.reduce((a, t) => a + t.amount, 0);
    if (sum !== total) unprocessable("tenders", `the refund tenders (${sum}) must add up to the credit note's total (${total})`);
    return body.tenders.map((t) => ({ type: t.type, amount: t.amount, reference: t.reference ?? null }));
  }
  const type = body.refundTo ?? "cash";
  if (type === "udhaar" && !body.customer?.phone) unprocessable("customer.phone", "a refund to udhaar needs the customer's phone");
  return total > 0 ? [{ type, amount: total, reference: null }] : [];
}

/**
 * Takes goods back without a receipt. Only roles with sales.refund (owner, admin, store manager)
 * may; `occurredAt` (imports) only the owner or an admin.
 * @returns the return (saleId null, reason) with its credit note (original null).
 * @throws DomainError forbidden, store_forbidden, not_found (store), conflict (store closed),
 *   unprocessable (an item not in the catalog, a GSTIN under GST, refunds that do not add up, tax
 *   or rule 46 particulars), validation_failed (serials, occurredAt).
 */
export async function returnWithoutReceipt({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { storeId: string; body: UnreceiptedReturnBody; idempotencyKey?: string };
}): Promise<ReturnDocument> {
  assertCan(ctx.actor.role, "sales.refund");
  const { body } = input;
  const at = documentInstant(ctx, body.occurredAt);
  if (ctx.tenant.taxRegime === "gst" && body.customer?.gstin)
    unprocessable("customer.gstin", "a return without the original invoice is B2C: a registered buyer's return needs its invoice");
  // The same pricing and tax as a sale; its tenders are the refund's, checked here and not as a payment.
  const sale = await draftSale({
    ctx,
    input: {
      storeId: input.storeId,
      body: { lines: body.lines, customer: body.customer, shipToStateCode: body.shipToStateCode, tenders: [] },
      tendersCoverDifference: true,
    },
  });
  const refunds = refundsOf(body, sale.figures.grandTotal);
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, sale.storeId));
  const out = unwrap(
    await stub.posUnreceiptedReturn({
      actor: ctx.actor.id,
      at,
      idempotencyKey: ledgerKey(ctx, input.idempotencyKey, `unreceipted:${sale.storeId}`),
      reason: body.reason,
      draft: {
        storeId: sale.storeId,
        storeCode: sale.storeCode,
        timeZone: sale.timeZone,
        currency: sale.currency,
        lines: sale.lines.map((l, i) => ({ ...l, disposition: body.lines[i]?.disposition ?? "restock" })),
        figures: sale.figures,
        supplier: sale.supplier,
        recipient: sale.recipient,
        customer: sale.customer,
        placeOfSupply: sale.placeOfSupply,
        supplyType: sale.supplyType,
        refunds,
        amountInWords: sale.amountInWords,
      },
    }),
  );
  const ret = out.return;
  const audit = await auditStatement(ctx, {
    action: "return.unreceipted",
    entityType: "return",
    entityId: ret.id,
    after: { creditNote: ret.creditNote.number, grandTotal: ret.creditNote.grandTotal, reason: body.reason },
    summary: {
      storeId: sale.storeId,
      reason: body.reason,
      creditNoteNumber: ret.creditNote.number,
      grandTotal: ret.creditNote.grandTotal,
      lines: ret.lines.length,
      refunds: ret.refunds,
      ...(at ? { occurredAt: at } : {}),
    },
  });
  await ctx.d1.batch([...returnStatements(ctx.d1, ret), audit]);
  return ret;
}

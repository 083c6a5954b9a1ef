/**
 * exchangeSale: the verb behind POST /v1/sales/{saleId}/exchanges (issue 4: "an exchange is a
 * return and a new sale in one atomic step"). The Worker prices and taxes the new sale from the
 * catalog (draftSale); the store's Durable Object posts the return with its credit note and the new
 * sale with its invoice in one transaction, applying the credit to the new invoice
 * (durable-objects/pos/exchange.ts). The tenant database gets both projections and one audit entry.
 */
import type { ReturnDocument, SaleDocument } from "../../../durable-objects/pos/documents";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { ledgerKey, unwrap } from "../stock/ledger";
import { requireStore, storeObjectName } from "../stores/access";
import { draftSale } from "./checkout";
import { returnStatements, saleStatements } from "./project";
import { storeOfSale } from "./returns";
import type { CheckoutBody, ExchangeBody } from "./schemas";

/** The original sale's customer in request terms (name, phone, GSTIN, address, state), or undefined. */
function customerOf(sale: SaleDocument): CheckoutBody["customer"] {
  const c = sale.customer;
  const r = sale.invoice.recipient;
  if (!c && !r) return undefined;
  const out = {
    name: c?.name ?? r?.name ?? undefined,
    phone: c?.phone ?? r?.phone ?? undefined,
    gstin: c?.gstin ?? r?.gstin ?? undefined,
    address: r?.address ?? undefined,
    stateCode: r?.gstin ? undefined : (r?.stateCode ?? undefined),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as CheckoutBody["customer"];
}

/**
 * Exchanges goods of a sale for a new sale. Needs sales.refund (owner, admin, store manager) and
 * sales.create. @returns the return (credit note) and the new sale (invoice).
 * @throws DomainError forbidden, store_forbidden, not_found, conflict (cancelled sale, store closed),
 *   unprocessable (return lines, catalog, tenders that do not settle the difference — paths
 *   `returnLines.N…`, `newSale.…`), insufficient_stock (409: neither document is written).
 */
export async function exchangeSale({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { saleId: string; body: ExchangeBody; idempotencyKey?: string };
}): Promise<{ return: ReturnDocument; sale: SaleDocument }> {
  assertCan(ctx.actor.role, "sales.refund");
  const storeId = await storeOfSale(ctx, input.saleId);
  const store = await requireStore(ctx, storeId);
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, storeId));
  const { newSale } = input.body;
  const customer = newSale.customer ?? customerOf(unwrap(await stub.getSale(input.saleId)).sale);
  const draft = await draftSale({ ctx, input: { storeId, body: { ...newSale, customer }, tendersCoverDifference: true } });
  const out = unwrap(
    await stub.posExchange({
      actor: ctx.actor.id,
      idempotencyKey: ledgerKey(ctx, input.idempotencyKey, `exchange:${input.saleId}`),
      saleId: input.saleId,
      timeZone: ctx.tenant.timeZone,
      storeCode: store.code,
      lines: input.body.returnLines,
      refundTo: input.body.refundTo,
      draft,
    }),
  );
  const audit = await auditStatement(ctx, {
    action: "sale.exchanged",
    entityType: "sale",
    entityId: input.saleId,
    after: { returnId: out.return.id, creditNote: out.return.creditNote.number, saleId: out.sale.id, invoice: out.sale.invoice.number },
    summary: { storeId, refunds: out.return.refunds, newSaleTotal: out.sale.grandTotal },
  });
  await ctx.d1.batch([...returnStatements(ctx.d1, out.return), ...saleStatements(ctx.d1, out.sale), audit]);
  return { return: out.return, sale: out.sale };
}

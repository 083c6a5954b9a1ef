/**
 * returnSale: the verb behind POST /v1/sales/{saleId}/returns. The store's Durable Object checks
 * the quantities against what was sold and already returned, moves the stock (restock or write
 * off), refunds and issues the credit note in one transaction; the tenant database gets the
 * projection and the audit entry right after.
 */
import type { ReturnDocument } from "../../../durable-objects/pos/documents";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { ledgerKey, unwrap } from "../stock/ledger";
import { requireStore, storeObjectName } from "../stores/access";
import { documentInstant } from "./occurred-at";
import { returnStatements } from "./project";
import type { ReturnBody } from "./schemas";

/** The store of a sale of this tenant. @throws DomainError not_found. */
export async function storeOfSale(ctx: ServiceContext, saleId: string): Promise<string> {
  const row = await ctx.d1.prepare("SELECT store_id FROM sales WHERE id = ?").bind(saleId).first<{ store_id: string }>();
  if (!row) throw new DomainError("not_found", "Sale not found");
  return row.store_id;
}

/**
 * Takes goods back against a sale. Only roles with sales.refund (owner, admin, store manager) may,
 * so a chosen `refundTo` is always a manager's choice.
 * @throws DomainError forbidden, store_forbidden, not_found, unprocessable (a line not of the sale,
 *   or more than sold minus already returned), validation_failed.
 */
export async function returnSale({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { saleId: string; body: ReturnBody; idempotencyKey?: string };
}): Promise<ReturnDocument> {
  assertCan(ctx.actor.role, "sales.refund");
  const storeId = await storeOfSale(ctx, input.saleId);
  const store = await requireStore(ctx, storeId);
  const at = documentInstant(ctx, input.body.occurredAt);
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, storeId));
  const out = unwrap(
    await stub.posReturn({
      actor: ctx.actor.id,
      at,
      idempotencyKey: ledgerKey(ctx, input.idempotencyKey, `return:${input.saleId}`),
      saleId: input.saleId,
      timeZone: ctx.tenant.timeZone,
      storeCode: store.code,
      lines: input.body.lines,
      refundTo: input.body.refundTo,
    }),
  );
  const ret = out.return;
  const audit = await auditStatement(ctx, {
    action: "sale.returned",
    entityType: "sale",
    entityId: input.saleId,
    after: { returnId: ret.id, creditNote: ret.creditNote.number, grandTotal: ret.creditNote.grandTotal },
    summary: {
      storeId,
      returnId: ret.id,
      creditNoteNumber: ret.creditNote.number,
      refunds: ret.refunds,
      ...(at ? { occurredAt: at } : {}),
    },
  });
  await ctx.d1.batch([...returnStatements(ctx.d1, ret), audit]);
  return ret;
}

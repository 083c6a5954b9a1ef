/**
 * cancelInvoice: the verb behind POST /v1/invoices/{id}/cancel. The store's Durable Object marks
 * the invoice cancelled (it keeps its number), puts the stock back into the batches sold and
 * refunds by the original tenders in one transaction (durable-objects/pos/cancel.ts, which also
 * holds the rule: same business day, no credit note yet). The projection is rewritten and audited
 * right after; the PDF is redrawn on its next request because its cached copy records the status
 * it was drawn with (pdf/files.ts), and the redrawn one says CANCELLED (pdf/particulars.ts).
 */
import type { InvoiceDocument } from "../../../durable-objects/pos/documents";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { saleStatements } from "../sales/project";
import { ledgerKey, unwrap } from "../stock/ledger";
import { requireStore, storeObjectName } from "../stores/access";

/**
 * Cancels a tax invoice. Only roles with sales.refund (owner, admin, store manager) may.
 * @returns the invoice as cancelled (`status: "cancelled"`, `cancellation: {at, actor, reason}`).
 * @throws DomainError forbidden, store_forbidden, not_found, unprocessable (a credit note),
 *   conflict (already cancelled, a credit note cites it, or not its day of issue).
 */
export async function cancelInvoice({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; reason: string; idempotencyKey?: string };
}): Promise<InvoiceDocument> {
  assertCan(ctx.actor.role, "sales.refund");
  const row = await ctx.d1
    .prepare("SELECT store_id, kind FROM invoices WHERE id = ?")
    .bind(input.id)
    .first<{ store_id: string; kind: string }>();
  if (!row) throw new DomainError("not_found", "Invoice not found");
  await requireStore(ctx, row.store_id);
  if (row.kind !== "invoice") throw new DomainError("unprocessable", "Only a tax invoice can be cancelled, not a credit note");
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, row.store_id));
  const { sale } = unwrap(
    await stub.posCancelInvoice({
      actor: ctx.actor.id,
      idempotencyKey: ledgerKey(ctx, input.idempotencyKey, `cancel:${input.id}`),
      invoiceId: input.id,
      timeZone: ctx.tenant.timeZone,
      reason: input.reason,
    }),
  );
  const audit = await auditStatement(ctx, {
    action: "invoice.cancelled",
    entityType: "invoice",
    entityId: input.id,
    before: { status: "issued" },
    after: { status: "cancelled", reason: input.reason },
    summary: { storeId: row.store_id, number: sale.invoice.number, saleId: sale.id, refunds: sale.cancelRefunds },
  });
  await ctx.d1.batch([...saleStatements(ctx.d1, sale), audit]);
  return sale.invoice;
}

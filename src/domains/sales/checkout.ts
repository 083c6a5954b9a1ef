/**
 * checkoutSale: the verb behind POST /v1/stores/{storeId}/sales. Prices and taxes on the server,
 * checks tenders and the rule 46 particulars, then hands the draft to the store's Durable Object,
 * which commits the stock movement, the invoice number, the sale and its outbox events in one
 * transaction. The tenant database gets the projection and the audit entry right after.
 */
import type { Party, SaleDocument, SaleDraft, TaxFigures } from "../../../durable-objects/pos/documents";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { checkGstin } from "../../platform/gst/gstin";
import { gstState } from "../../platform/gst/states";
import { ledgerKey, unwrap } from "../stock/ledger";
import { requireStore, type StoreRecord, storeObjectName } from "../stores/access";
import { type ComputedInvoice, missingRule46Particulars, STORE_CODE_PATTERN, type TaxRegime } from "../tax";
import { type GstPlace, saleFigures } from "./figures";
import { documentInstant } from "./occurred-at";
import { priceLines } from "./price";
import { saleStatements } from "./project";
import type { CheckoutBody } from "./schemas";
import { checkTenderFields, settleTenders } from "./tenders";
import { amountInWords } from "./words";

/** One line of a store address: "1 MG Road, Pune 411001, IN". */
export function addressLine(a: StoreRecord["address"]): string {
  return [a.line1, a.line2, `${a.city} ${a.postalCode}`.trim(), a.country].filter((s) => s && s.trim() !== "").join(", ");
}

function unprocessable(path: string, message: string): never {
  throw new DomainError("unprocessable", `${path}: ${message}`, { fields: [{ path, message }] });
}

/** The figures with each serial-tracked line's serials on its invoice line (so the invoice shows them). */
function withSerials(figures: TaxFigures, lines: { lineId: string; serials?: string[] }[]): TaxFigures {
  const byLine = new Map(lines.filter((l) => l.serials?.length).map((l) => [l.lineId, l.serials]));
  if (byLine.size === 0) return figures;
  return { ...figures, lines: figures.lines.map((l) => (byLine.has(l.lineId) ? { ...l, serials: byLine.get(l.lineId) } : l)) };
}

/** The recipient of the invoice from the request's customer; a GSTIN makes it B2B (checked: format, check digit, state). */
function recipientOf(regime: TaxRegime, c: CheckoutBody["customer"], shipTo: string | undefined): Party | null {
  if (!c) return null;
  let gstin: string | null = null;
  let stateCode = c.stateCode ?? shipTo ?? null;
  if (c.gstin) {
    if (regime !== "gst") unprocessable("customer.gstin", "a GSTIN applies only to GST invoices");
    const g = checkGstin(c.gstin);
    if (!g.ok) unprocessable("customer.gstin", `not a valid GSTIN (${g.problem})`);
    gstin = g.gstin;
    stateCode = g.stateCode;
  }
  return { name: c.name ?? null, address: c.address ?? null, gstin, stateCode, phone: c.phone ?? null };
}

/**
 * Prices and taxes a sale from the catalog (the Worker's half of a checkout, shared by HTTP and
 * the store terminals' socket): role and store checks, prices, tax figures, tenders, rule 46.
 * @returns the draft the store object commits.
 * @throws DomainError forbidden, store_forbidden, not_found (store), conflict (store closed),
 *   unprocessable (catalog, tax, tenders, rule 46).
 */
export async function draftSale({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  /** `tendersCoverDifference`: an exchange's tenders settle only what its credit note leaves (checked in the object). */
  input: { storeId: string; body: CheckoutBody; tendersCoverDifference?: boolean };
}): Promise<SaleDraft> {
  assertCan(ctx.actor.role, "sales.create");
  const store = await requireStore(ctx, input.storeId);
  if (store.status !== "active") throw new DomainError("conflict", "This store is closed");
  if (!STORE_CODE_PATTERN.test(store.code))
    unprocessable("store.code", `store code ${store.code} cannot open invoice numbers (1–6 capital letters or digits)`);
  const t = ctx.tenant;
  const regime = t.taxRegime as TaxRegime;
  const { body } = input;

  const lines = await priceLines(ctx, store.id, body.lines);
  let place: GstPlace | null = null;
  const supplierGstin = regime === "gst" ? (store.gstin ?? t.gstin) : null;
  if (regime === "gst") {
    if (!supplierGstin) unprocessable("store.gstin", "a GST sale needs the store's or the tenant's GSTIN");
    const supplierStateCode = supplierGstin.slice(0, 2);
    place = {
      supplierStateCode,
      storeStateCode: store.stateCode ?? supplierStateCode,
      supply: body.shipToStateCode ? { kind: "delivery", shipToStateCode: body.shipToStateCode } : { kind: "counter" },
    };
  }
  const { figures: computed, supply } = saleFigures(regime, t.currency, lines, place);
  const figures = withSerials(computed, lines);
  if (input.tendersCoverDifference) checkTenderFields(body.tenders, body.customer);
  const changeDue = input.tendersCoverDifference ? 0 : settleTenders(figures.grandTotal, body.tenders, body.customer);

  const supplier: Party = {
    name: t.legalName,
    address: addressLine(store.address),
    gstin: supplierGstin,
    stateCode: place?.supplierStateCode ?? null,
  };
  const recipient = recipientOf(regime, body.customer, body.shipToStateCode);
  if (regime === "gst") {
    const computed = { ...figures, supply, pricesIncludeTax: false } as ComputedInvoice;
    const missing = missingRule46Particulars({
      supplier: { name: supplier.name ?? undefined, address: supplier.address ?? undefined, gstin: supplier.gstin ?? undefined },
      number: "X1", // the real number is taken at commit; its format is guaranteed by formatDocumentNumber
      issuedOn: "2000-01-01",
      recipient: recipient
        ? {
            name: recipient.name ?? undefined,
            address: recipient.address ?? undefined,
            gstin: recipient.gstin ?? undefined,
            stateCode: recipient.stateCode ?? undefined,
          }
        : undefined,
      reverseCharge: false,
      aatoAbove5Crore: false,
      invoice: computed,
    }).map((e) => ({ path: e.path.replace(/^recipient\./, "customer.").replace(/^lines\[(\d+)\]/, "lines.$1"), message: e.message }));
    if (missing.length > 0)
      throw new DomainError("unprocessable", `The invoice would lack rule 46 particulars: ${missing.map((m) => m.message).join("; ")}`, {
        fields: missing,
      });
  }

  const draft: SaleDraft = {
    storeId: store.id,
    storeCode: store.code,
    timeZone: t.timeZone,
    currency: t.currency,
    lines: lines.map(({ discount: _d, hsn: _h, gstRateBp: _g, cessRateBp: _c, ...l }) => l),
    figures,
    supplier,
    recipient,
    customer: body.customer
      ? { name: body.customer.name ?? null, phone: body.customer.phone ?? null, gstin: recipient?.gstin ?? null }
      : null,
    placeOfSupply: supply ? { stateCode: supply.placeOfSupply, stateName: gstState(supply.placeOfSupply)?.name ?? null } : null,
    supplyType: regime !== "gst" ? "none" : recipient?.gstin ? "b2b" : "b2c",
    tenders: body.tenders.map((x) => ({
      type: x.type,
      amount: x.amount,
      reference: x.reference ?? null,
      ...(x.payeeVpa ? { payeeVpa: x.payeeVpa } : {}),
    })),
    changeDue,
    amountInWords: amountInWords(figures.grandTotal, t.currency),
  };
  return draft;
}

/**
 * Sells. @returns the committed sale with its invoice and change due.
 * @throws DomainError forbidden, store_forbidden, not_found (store), conflict (store closed),
 *   unprocessable (catalog, tax, tenders, rule 46), insufficient_stock (409, nothing written),
 *   credit_limit_exceeded (409).
 */
export async function checkoutSale({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { storeId: string; body: CheckoutBody; idempotencyKey?: string };
}): Promise<SaleDocument> {
  const draft = await draftSale({ ctx, input });
  const at = documentInstant(ctx, input.body.occurredAt);
  const stub = ctx.env.STORE.getByName(storeObjectName(ctx.tenant.id, draft.storeId));
  const { sale } = unwrap(
    await stub.posCheckout({ actor: ctx.actor.id, idempotencyKey: ledgerKey(ctx, input.idempotencyKey, "sale"), draft, at }),
  );
  const audit = await auditStatement(ctx, {
    action: "sale.completed",
    entityType: "sale",
    entityId: sale.id,
    after: { invoiceNumber: sale.invoice.number, grandTotal: sale.grandTotal },
    summary: {
      storeId: draft.storeId,
      invoiceNumber: sale.invoice.number,
      grandTotal: sale.grandTotal,
      lines: sale.lines.length,
      ...(at ? { occurredAt: at } : {}),
    },
  });
  await ctx.d1.batch([...saleStatements(ctx.d1, sale), audit]);
  return sale;
}

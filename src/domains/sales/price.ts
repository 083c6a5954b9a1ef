/**
 * Prices a sale on the server, from the catalog: each line's SKU (or barcode) is looked up with the
 * store's price override, quantity is converted to stock units (a pack barcode counts its factor),
 * and a client price is accepted only for open-price items or roles allowed to override (issue 4).
 */
import type { SaleLine } from "../../../durable-objects/pos/documents";
import type { Role } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { lookupBarcode, lookupSku } from "../catalog/lookup";
import type { SkuLookupOut } from "../catalog/schemas";
import type { CheckoutBody } from "./schemas";

/** Roles that may key a price for an item that is not open-price (a manager's override). */
export const PRICE_OVERRIDE_ROLES: readonly Role[] = ["owner", "admin", "store_manager"];

/** A priced line with its discount, ready for the tax engine. */
export interface PricedLine extends SaleLine {
  discount?: CheckoutBody["lines"][number]["discount"];
  hsn: string | null;
  gstRateBp: number;
  cessRateBp: number;
}

async function find(ctx: ServiceContext, storeId: string, l: CheckoutBody["lines"][number], i: number): Promise<SkuLookupOut> {
  try {
    return l.sku !== undefined
      ? await lookupSku({ ctx, input: { sku: l.sku, storeId } })
      : await lookupBarcode({ ctx, input: { code: l.barcode ?? "", storeId } });
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") {
      const path = l.sku !== undefined ? `lines.${i}.sku` : `lines.${i}.barcode`;
      throw new DomainError("unprocessable", `Line ${i + 1}: ${e.detail}`, { fields: [{ path, message: "not in the catalog" }] });
    }
    throw e;
  }
}

/**
 * The sale's lines priced from the catalog, in request order with line ids "1", "2", ….
 * @throws DomainError unprocessable (unknown or archived item, no price), forbidden (keyed price
 *   without the right), store_forbidden (the actor may not read this store's prices).
 */
export async function priceLines(ctx: ServiceContext, storeId: string, lines: CheckoutBody["lines"]): Promise<PricedLine[]> {
  const found = await Promise.all(lines.map((l, i) => find(ctx, storeId, l, i)));
  return lines.map((l, i): PricedLine => {
    const item = found[i] as SkuLookupOut;
    const path = `lines.${i}`;
    if (item.status !== "active")
      throw new DomainError("unprocessable", `${item.sku} is ${item.status}`, { fields: [{ path, message: "not for sale" }] });
    let unitPrice = item.price;
    let priceSource: SaleLine["priceSource"] = item.priceSource === "store" ? "store" : "catalog";
    if (l.unitPrice !== undefined) {
      if (!item.openPrice && !PRICE_OVERRIDE_ROLES.includes(ctx.actor.role))
        throw new DomainError("forbidden", `Your role (${ctx.actor.role}) may not key a price for ${item.sku}`, {
          fields: [{ path: `${path}.unitPrice`, message: "only open-price items or managers" }],
        });
      unitPrice = l.unitPrice;
      priceSource = "keyed";
    }
    if (unitPrice === null)
      throw new DomainError("unprocessable", `${item.sku} has no price: key one (open price)`, {
        fields: [{ path: `${path}.unitPrice`, message: "required" }],
      });
    const quantity = l.quantity * item.quantity;
    if (l.serials && item.kind !== "stock")
      throw new DomainError("validation_failed", `${item.sku} is not a stock item: it has no serials`, {
        fields: [{ path: `${path}.serials`, message: "not a stock item" }],
      });
    // Whether the SKU is serial-tracked is the ledger's to know (it refuses a tracked SKU without serials).
    if (l.serials && l.serials.length !== quantity)
      throw new DomainError("validation_failed", `${item.sku}: ${quantity} units need ${quantity} serials, got ${l.serials.length}`, {
        fields: [{ path: `${path}.serials`, message: `give exactly ${quantity} serials` }],
      });
    return {
      lineId: String(i + 1),
      sku: item.sku,
      variantId: item.variantId,
      name: item.name,
      kind: item.kind,
      quantity,
      stockUnit: item.stockUnit,
      uqc: item.uqc,
      unitPrice,
      priceSource,
      taxInclusive: item.taxInclusive,
      discount: l.discount,
      hsn: item.hsnSac,
      gstRateBp: item.gstRateBp,
      cessRateBp: item.cessRateBp,
      ...(l.serials ? { serials: l.serials } : {}),
    };
  });
}

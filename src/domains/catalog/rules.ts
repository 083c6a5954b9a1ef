/**
 * Cross-field rules of a product, shared by POST, PATCH and the CSV import so all three refuse
 * the same things with the same messages: tax rate (by the tenant's regime) and HSN/SAC shape, price vs MRP, open price,
 * SKU/barcode/pack uniqueness inside one product.
 */
import type { FieldError } from "../../platform/errors";
import { DomainError } from "../../platform/errors";
import { MAX_VAT_RATE_BP, type TaxRegime } from "../tax";
import { GST_RATES_BP, isHsnShape, isSacShape, MAX_CESS_RATE_BP, percentToBasisPoints } from "./codes";
import { withinMrp } from "./pricing";
import type { Pack } from "./units";

/** A product kind: only stock items have ledger entries. */
export type ProductKind = "stock" | "service" | "non_stock";

/** A variant ready to write: money in minor units. */
export interface VariantDraft {
  sku: string;
  options: Record<string, string>;
  barcode: string | null;
  mrp: number | null;
  price: number | null;
  openPrice: boolean;
  stockUnit: string;
  packs: Pack[];
  status: "active" | "archived";
}

/** A product ready to write: rates in basis points, money in minor units. */
export interface ProductDraft {
  handle: string;
  name: string;
  description: string | null;
  brand: string | null;
  categoryId: string | null;
  kind: ProductKind;
  hsnSac: string | null;
  gstRateBp: number;
  cessRateBp: number;
  taxInclusive: boolean;
  options: string[];
  attributes: Record<string, unknown>;
  status: "active" | "archived";
  variants: VariantDraft[];
}

/**
 * A GST rate in percent as basis points, with a field error when it is not an accepted rate.
 * @returns [bp, error?]
 */
export function gstRateBp(percent: number, path = "gstRate"): [number, FieldError | null] {
  const bp = percentToBasisPoints(percent);
  if (bp === null || !(GST_RATES_BP as readonly number[]).includes(bp)) {
    return [0, { path, message: `must be one of ${GST_RATES_BP.map((r) => r / 100).join(", ")} (percent)` }];
  }
  return [bp, null];
}

/**
 * A VAT / sales-tax rate in percent as basis points: any rate 0–MAX_VAT_RATE_BP (100 %) with at
 * most two decimals. VAT rates are not a closed list across countries (UK 20/5/0 %, HMRC VAT
 * Notice 700; EU states 17–27 %), so only the shape is checked.
 * @returns [bp, error?]
 */
export function vatRateBp(percent: number, path = "gstRate"): [number, FieldError | null] {
  const bp = percentToBasisPoints(percent);
  if (bp === null || bp > MAX_VAT_RATE_BP)
    return [0, { path, message: `a percentage 0–${MAX_VAT_RATE_BP / 100} with at most two decimals` }];
  return [bp, null];
}

/**
 * The tax rate of a product under the tenant's regime, in percent, as basis points (the API field
 * keeps its historical name gstRate):
 * - gst: one of the GST slabs (GST_RATES_BP);
 * - vat: any rate 0–100 % with at most two decimals (vatRateBp);
 * - none: 0 only. A tenant registered for no tax charges none (the no-tax line taxer ignores line
 *   rates), so a stored non-zero rate would be a number that never reaches an invoice.
 * @returns [bp, error?]
 */
export function taxRateBp(percent: number, regime: TaxRegime, path = "gstRate"): [number, FieldError | null] {
  if (regime === "vat") return vatRateBp(percent, path);
  if (regime === "none") return percent === 0 ? [0, null] : [0, { path, message: "must be 0: the tenant charges no tax" }];
  return gstRateBp(percent, path);
}

/** A cess rate in percent as basis points, with a field error when out of range or over two decimals. */
export function cessRateBp(percent: number, path = "cessRate"): [number, FieldError | null] {
  const bp = percentToBasisPoints(percent);
  if (bp === null || bp > MAX_CESS_RATE_BP)
    return [0, { path, message: `a percentage 0–${MAX_CESS_RATE_BP / 100} with at most two decimals` }];
  return [bp, null];
}

/**
 * Every broken rule of `d`, as field errors with paths like "variants.0.price".
 * @param opts.gst the tenant charges GST: stock items and services then need an HSN/SAC code, and
 *   only then may a product carry a compensation cess (the VAT line taxer refuses a cess on a line).
 * @param opts.prefix prepended to paths (the CSV import uses column names instead).
 */
export function productRuleErrors(d: ProductDraft, opts: { gst: boolean }): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (d.hsnSac) {
    if (d.kind === "service" && !isSacShape(d.hsnSac)) add("hsnSac", "a service needs a SAC: 6 digits starting with 99");
    if (d.kind === "stock" && !isHsnShape(d.hsnSac)) add("hsnSac", "an HSN code is 4, 6 or 8 digits of a goods chapter (01–98)");
    if (d.kind === "non_stock" && !isHsnShape(d.hsnSac) && !isSacShape(d.hsnSac))
      add("hsnSac", "not an HSN (4, 6 or 8 digits) or SAC (99xxxx) code");
  } else if (opts.gst && d.kind !== "non_stock") {
    add("hsnSac", d.kind === "service" ? "required: the SAC of the service" : "required: the HSN code of the goods");
  }
  if (!opts.gst && d.cessRateBp > 0) add("cessRate", "must be 0: compensation cess exists only under GST");
  const skus = new Set<string>();
  const codes = new Set<string>();
  d.variants.forEach((v, i) => {
    const at = (f: string) => `variants.${i}.${f}`;
    if (skus.has(v.sku.toUpperCase())) add(at("sku"), "appears twice in this product");
    skus.add(v.sku.toUpperCase());
    for (const key of Object.keys(v.options))
      if (!d.options.includes(key)) add(at("options"), `"${key}" is not an option of the product (${d.options.join(", ") || "none"})`);
    if (!v.openPrice && v.price === null) add(at("price"), "required unless openPrice is true");
    if (d.kind === "service" && v.mrp !== null) add(at("mrp"), "a service has no MRP");
    if (d.kind === "service" && v.packs.length > 0) add(at("packs"), "a service has no packs");
    if (!withinMrp({ price: v.price, mrp: v.mrp, taxInclusive: d.taxInclusive, gstRateBp: d.gstRateBp, cessRateBp: d.cessRateBp })) {
      add(at("price"), "exceeds the MRP once taxes are included (Legal Metrology (Packaged Commodities) Rules 2011, rule 2(m))");
    }
    const units = new Set<string>([v.stockUnit]);
    v.packs.forEach((p, j) => {
      if (units.has(p.unit)) add(`${at("packs")}.${j}.unit`, `"${p.unit}" is used twice or is the stock unit`);
      units.add(p.unit);
    });
    for (const [code, path] of [[v.barcode, at("barcode")], ...v.packs.map((p, j) => [p.barcode, `${at("packs")}.${j}.barcode`])] as [
      string | null | undefined,
      string,
    ][]) {
      if (!code) continue;
      if (codes.has(code)) add(path, "this barcode appears twice in the product");
      codes.add(code);
    }
  });
  return errors;
}

/** @throws DomainError validation_failed naming every failing field, when `errors` is not empty. */
export function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) {
    throw new DomainError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { fields: errors });
  }
}

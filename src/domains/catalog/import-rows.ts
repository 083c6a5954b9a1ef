/**
 * One CSV row → one variant of a product, validated with the same rules as POST /v1/products.
 *
 * Columns (header row required, names case-insensitive, order free, unknown columns ignored):
 * sku*, name*, handle (groups variant rows into one product; default the SKU), brand,
 * category_id, kind (stock | service | non_stock), hsn_sac, gst_rate, cess_rate (percent),
 * tax_inclusive (true/false/yes/no/1/0, default true), mrp and price (decimal amounts in major
 * units, "499.00"), open_price, stock_unit (each | g | ml | cm), barcode, option1_name …
 * option3_name with option1_value … option3_value, pack_unit, pack_factor, pack_barcode,
 * description, status (active | archived).
 */
import type { FieldError } from "../../platform/errors";
import type { TaxRegime } from "../tax";
import { isValidGtin, normalizeBarcode } from "./codes";
import { currencyMinorDigits, parseMajorAmount } from "./pricing";
import { cessRateBp, type ProductDraft, productRuleErrors, taxRateBp } from "./rules";
import { MAX_PACK_FACTOR, STOCK_UNITS } from "./units";

/** Columns a file must have. */
export const REQUIRED_COLUMNS = ["sku", "name"] as const;

/** An error of one row: the 1-based line of the file, the column, the message. */
export interface RowError {
  line: number;
  field?: string;
  message: string;
}

/** Draft field paths → the CSV column to blame. */
const COLUMN_OF: Record<string, string> = {
  hsnSac: "hsn_sac",
  gstRate: "gst_rate",
  cessRate: "cess_rate",
  price: "price",
  mrp: "mrp",
  barcode: "barcode",
  sku: "sku",
  options: "option1_name",
  packs: "pack_unit",
  unit: "pack_unit",
};

function columnFor(path: string): string {
  const parts = path.split(".");
  return COLUMN_OF[parts.at(-1) ?? ""] ?? COLUMN_OF[parts[2] ?? ""] ?? parts.at(-1) ?? path;
}

function bool(v: string | undefined, fallback: boolean): boolean | null {
  if (v === undefined || v.trim() === "") return fallback;
  const t = v.trim().toLowerCase();
  if (["true", "yes", "y", "1"].includes(t)) return true;
  if (["false", "no", "n", "0"].includes(t)) return false;
  return null;
}

/**
 * Parses row `r` (column → text) at `line` into a one-variant product draft.
 * @param opts.currency the tenant's ISO 4217 currency, fixing how many decimals an amount may have.
 * @param opts.regime the tenant's tax regime: gst_rate is checked as a rate of that regime (taxRateBp).
 * @returns the draft, or the row's errors (each naming its column).
 */
export function rowToDraft(
  r: Record<string, string | undefined>,
  line: number,
  opts: { currency: string; regime: TaxRegime },
): { draft: ProductDraft } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ line, field, message });
  const get = (k: string) => (r[k] ?? "").trim();
  const digits = currencyMinorDigits(opts.currency);

  const sku = get("sku").toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._\-/]{0,63}$/.test(sku)) err("sku", "required: 1–64 letters, digits or . _ - /");
  const name = get("name");
  if (!name || name.length > 200) err("name", "required, at most 200 characters");
  const kind = get("kind") || "stock";
  if (!["stock", "service", "non_stock"].includes(kind)) err("kind", "one of stock, service, non_stock");
  const stockUnit = get("stock_unit") || "each";
  if (!(stockUnit in STOCK_UNITS)) err("stock_unit", `one of ${Object.keys(STOCK_UNITS).join(", ")}`);
  const status = get("status") || "active";
  if (!["active", "archived"].includes(status)) err("status", "active or archived");

  const amount = (col: string): number | null => {
    const t = get(col);
    if (!t) return null;
    const v = parseMajorAmount(t, digits);
    if (v === null) err(col, `an amount with at most ${digits} decimals, e.g. 499.00`);
    return v;
  };
  const rate = (col: string, parse: typeof cessRateBp): number => {
    const t = get(col);
    if (!t) return 0;
    const [bp, e] = parse(Number(t.replace(/%$/, "")), col);
    if (e || !/^\d+(\.\d+)?%?$/.test(t)) err(col, e?.message ?? "a number");
    return bp;
  };
  const barcode = (col: string): string | null => {
    const t = get(col);
    if (!t) return null;
    if (!isValidGtin(t)) err(col, "not a valid EAN-13, UPC-A or EAN-8 (length or GS1 check digit)");
    return normalizeBarcode(t);
  };
  const taxInclusive = bool(r.tax_inclusive, true);
  if (taxInclusive === null) err("tax_inclusive", "true or false");
  const openPrice = bool(r.open_price, false);
  if (openPrice === null) err("open_price", "true or false");

  const options: Record<string, string> = {};
  for (const n of [1, 2, 3]) {
    const key = get(`option${n}_name`);
    const value = get(`option${n}_value`);
    if (key && value) options[key] = value;
    else if (key || value) err(`option${n}_${key ? "value" : "name"}`, "an option needs both a name and a value");
  }
  const packs = [];
  if (get("pack_unit") || get("pack_factor")) {
    const unit = get("pack_unit").toLowerCase();
    const factor = Number(get("pack_factor"));
    if (!/^[a-z][a-z0-9_]{0,19}$/.test(unit)) err("pack_unit", "a lower-case unit name, e.g. box");
    if (!Number.isInteger(factor) || factor < 2 || factor > MAX_PACK_FACTOR) err("pack_factor", `a whole number 2–${MAX_PACK_FACTOR}`);
    const code = barcode("pack_barcode");
    packs.push(code ? { unit, factor, barcode: code } : { unit, factor });
  }
  const draft: ProductDraft = {
    handle: get("handle") || sku,
    name,
    description: get("description") || null,
    brand: get("brand") || null,
    categoryId: get("category_id") || null,
    kind: kind as ProductDraft["kind"],
    hsnSac: get("hsn_sac") || null,
    gstRateBp: rate("gst_rate", (percent, path) => taxRateBp(percent, opts.regime, path)),
    cessRateBp: rate("cess_rate", cessRateBp),
    taxInclusive: taxInclusive ?? true,
    options: Object.keys(options),
    attributes: {},
    status: status as ProductDraft["status"],
    variants: [
      {
        sku,
        options,
        barcode: barcode("barcode"),
        mrp: amount("mrp"),
        price: amount("price"),
        openPrice: openPrice ?? false,
        stockUnit,
        packs,
        status: status as "active",
      },
    ],
  };
  if (errors.length) return { errors };
  const rules: FieldError[] = productRuleErrors(draft, { gst: opts.regime === "gst" });
  if (rules.length) return { errors: rules.map((e) => ({ line, field: columnFor(e.path), message: e.message })) };
  return { draft };
}

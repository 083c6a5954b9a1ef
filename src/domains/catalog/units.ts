/**
 * Units of measure. Stock is counted in a SKU's stock unit, which is the smallest unit the SKU is
 * sold in, so every quantity is an integer: loose rice is stocked in grams (a kilogram sold is
 * 1,000), cloth in centimetres, milk in millilitres, anything counted in pieces as "each". Packs
 * convert to the stock unit by an integer factor (a box of 12 → 12 each). The ledger (durable
 * objects) and the POS work only with integer stock-unit quantities.
 */

/**
 * Stock units and their GST Unique Quantity Codes (UQC) for invoices and e-invoice JSON
 * (UQC list of the GST portal / NIC e-invoice schema master "UQC").
 */
export const STOCK_UNITS = { each: "NOS", g: "GMS", ml: "MLT", cm: "CMS" } as const;

/** A stock unit. */
export type StockUnit = keyof typeof STOCK_UNITS;

/** Largest pack factor accepted (a pallet of 100,000 units); keeps quantities far inside safe integers. */
export const MAX_PACK_FACTOR = 100_000;

/** A pack: `factor` stock units sold or received as one `unit` (e.g. {unit:"box", factor:12}). */
export interface Pack {
  unit: string;
  factor: number;
  barcode?: string;
}

/**
 * Converts `quantity` of `unit` to stock units of a SKU: the stock unit itself converts 1:1; a
 * pack by its factor. @returns null when the SKU has no such unit.
 * @example toStockQuantity(2, "box", "each", [{unit:"box", factor:12}]) === 24
 */
export function toStockQuantity(quantity: number, unit: string, stockUnit: string, packs: readonly Pack[]): number | null {
  if (unit === stockUnit) return quantity;
  const pack = packs.find((p) => p.unit === unit);
  return pack ? quantity * pack.factor : null;
}

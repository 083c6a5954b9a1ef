/**
 * What one CSV line of the Online Retail data set is for the replay: its SKU in Edgetill, its kind
 * of item, and what the line does (a sale line, a cancellation, a stock write-off, or something a
 * till cannot take). Pure functions, shared by the replay, its reconciliation and the CI test.
 */

/** Non-product codes of the data set and the item kind a retailer would give them. */
export const NON_PRODUCT_KINDS = {
  POST: "service", // postage
  DOT: "service", // dotcom postage
  C2: "service", // carriage
  M: "non_stock", // manual line
  D: "non_stock", // discount
  S: "non_stock", // samples
  B: "non_stock", // adjust bad debt
  CRUK: "non_stock", // Cancer Research UK commission
  AMAZONFEE: "non_stock",
  "BANK CHARGES": "non_stock",
};

/** VAT rate (percent) of an item under the VAT regime: gift vouchers and fees/donations are outside the scope of VAT (VAT Notice 700/1). */
export function vatRateOf(code) {
  const c = code.toUpperCase();
  if (c.startsWith("GIFT_")) return 0;
  if (["CRUK", "AMAZONFEE", "BANK CHARGES", "B"].includes(c)) return 0;
  return 20; // UK standard rate (VAT Act 1994 s.2)
}

/** Item kind of a StockCode: gift vouchers are non-stock, the codes above their own kind, the rest stock. */
export function kindOf(code) {
  const c = code.toUpperCase();
  if (c in NON_PRODUCT_KINDS) return NON_PRODUCT_KINDS[c];
  if (c.startsWith("GIFT_")) return "non_stock";
  return "stock";
}

/**
 * The Edgetill SKU of a StockCode: upper case (Edgetill keeps SKUs upper-case, so "m" is "M"),
 * characters outside the SKU alphabet (letters, digits, . _ - /) as "-": "BANK CHARGES" → "BANK-CHARGES".
 */
export function skuOf(code) {
  return code
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9._\-/]/g, "-");
}

/** CustomerID "17850.0" → "17850"; "" → null. */
export function customerIdOf(raw) {
  const s = String(raw ?? "").trim();
  if (s === "") return null;
  return s.replace(/\.0+$/, "");
}

/**
 * What a line is: "sale" (quantity > 0, price ≥ 0, not a C invoice), "cancel" (a C invoice),
 * "writeoff" (a negative quantity outside a C invoice at price 0: damaged, lost, found stock),
 * "badDebt" (a negative price: "Adjust bad debt", not a sale — accounts receivable, not the till),
 * or "other" (anything else; none in the data).
 */
export function lineRole(r) {
  const q = Number(r.Quantity);
  const neg = String(r.UnitPrice).trim().startsWith("-");
  if (r.InvoiceNo.startsWith("C")) return q < 0 && !neg ? "cancel" : "other";
  if (neg) return "badDebt";
  if (q > 0) return "sale";
  if (q < 0 && Number(r.UnitPrice) === 0) return "writeoff";
  return "other";
}

/** Calendar month "YYYY-MM" of an InvoiceDate (UK local time, as the data gives it). */
export function monthOf(invoiceDate) {
  return invoiceDate.slice(0, 7);
}

const london = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Offset of Europe/London from UTC at instant `ms`, in ms (0 or 3,600,000). */
function londonOffset(ms) {
  const p = Object.fromEntries(london.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - ms;
}

/**
 * A UK local "YYYY-MM-DD HH:MM:SS" as an ISO 8601 UTC instant (GMT in winter, BST in summer).
 * @example utcOf("2011-06-01 10:00:00") // "2011-06-01T09:00:00.000Z"
 */
export function utcOf(local) {
  const [d, t = "00:00:00"] = local.trim().split(" ");
  const [y, mo, da] = d.split("-").map(Number);
  const [h, mi, s = 0] = t.split(":").map(Number);
  const wall = Date.UTC(y, mo - 1, da, h, mi, s);
  let utc = wall - londonOffset(wall);
  utc = wall - londonOffset(utc);
  return new Date(utc).toISOString();
}

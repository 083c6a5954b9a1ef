/**
 * The 80 mm thermal receipt: one page 226.77 pt wide (80 mm) and as tall as its content, with the
 * same rule 46 particulars as the A4 invoice in one column.
 */
import { PDFDocument } from "pdf-lib";
import type { InvoiceDocument } from "../../../../durable-objects/pos/documents";
import { formatDecimal } from "../../tax";
import { type Branding, describe, embedLogo } from "./a4";
import { embedFonts, Flow } from "./flow";
import { documentTitle, headerFacts, recipientLines, taxText, totalRows } from "./particulars";
import { formatMinor, formatMoney } from "./text";

/** 80 mm paper in PDF points (80 / 25.4 × 72). */
export const RECEIPT_WIDTH_PT = 226.77;
const MARGIN = 8;
const BODY = 7.5;
const SMALL = 6.5;

/** Renders the receipt. @returns the PDF bytes. */
export async function renderReceipt(inv: InvoiceDocument, branding: Branding = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  describe(doc, inv);
  const f = new Flow(await embedFonts(doc), RECEIPT_WIDTH_PT, null, MARGIN);
  const cur = inv.currency;
  const gst = inv.regime === "gst";

  const logo = await embedLogo(doc, branding.logoPng);
  if (logo) {
    const h = 36;
    const w = (logo.width / logo.height) * h;
    f.image(logo, f.left + (f.inner - w) / 2, h);
    f.gap(h + 4);
  }
  f.line(inv.supplier.name ?? "", 10, { bold: true, align: "center" });
  if (inv.supplier.address) f.line(inv.supplier.address, SMALL, { align: "center" });
  if (gst && inv.supplier.gstin) f.line(`GSTIN: ${inv.supplier.gstin}`, BODY, { align: "center" });
  f.line(documentTitle(inv), 9, { bold: true, align: "center" });
  f.rule();
  const half = f.inner / 2;
  for (const [k, v] of headerFacts(inv))
    f.row(
      [
        { width: half - 10, text: k },
        { width: half + 10, text: v, align: "right", bold: true },
      ],
      BODY,
      { padding: 0 },
    );
  f.line(`To: ${recipientLines(inv).join(", ")}`, SMALL);
  f.rule();

  inv.lines.forEach((l, i) => {
    f.line(`${i + 1}. ${l.description}${l.hsn ? `  HSN ${l.hsn}` : ""}`, BODY);
    const disc = l.lineDiscount + l.billDiscount;
    const qty = `${formatDecimal(l.quantity)} ${l.quantity.unit} x ${formatDecimal(l.unitPrice)}${disc ? ` - ${formatMinor(disc, cur)}` : ""}`;
    f.row(
      [
        { width: f.inner - 60, text: qty },
        { width: 60, text: formatMinor(l.lineTotal, cur), align: "right" },
      ],
      BODY,
      { padding: 0 },
    );
    const taxes = l.taxes.map((t) => taxText(t, cur)).join(", ");
    f.line(`Taxable ${formatMinor(l.taxableValue, cur)}${taxes ? `; ${taxes}` : ""}`, SMALL);
  });
  f.rule();

  for (const [name, amount] of totalRows(inv)) {
    const sign = name === "Round off" && amount > 0 ? "+" : "";
    f.row(
      [
        { width: f.inner - 70, text: name },
        { width: 70, text: `${sign}${formatMinor(amount, cur)}`, align: "right" },
      ],
      BODY,
      { padding: 0 },
    );
  }
  f.row(
    [
      { width: f.inner - 90, text: "TOTAL", bold: true },
      { width: 90, text: formatMoney(inv.grandTotal, cur), bold: true, align: "right" },
    ],
    10,
    { padding: 0 },
  );
  f.line(inv.amountInWords, SMALL);
  if (gst && inv.hsnSummary.length > 0) {
    f.rule();
    const w = [50, 36, f.inner - 50 - 36 - 50, 50];
    f.row(
      ["HSN", "Rate %", "Taxable", "Tax"].map((text, i) => ({ width: w[i] ?? 0, text, bold: true, align: i === 0 ? "left" : "right" })),
      SMALL,
      { padding: 0 },
    );
    for (const h of inv.hsnSummary) {
      const tax = h.igst + h.cgst + h.sgst + h.utgst + h.cess;
      const v = [h.hsn ?? "-", formatDecimal({ units: h.taxRateBp, scale: 2 }), formatMinor(h.taxableValue, cur), formatMinor(tax, cur)];
      f.row(
        v.map((text, i) => ({ width: w[i] ?? 0, text, align: i === 0 ? "left" : "right" })),
        SMALL,
        { padding: 0 },
      );
    }
  }
  f.rule();
  f.line("Thank you. This is a computer-generated invoice.", SMALL, { align: "center" });
  f.finish(doc);
  return doc.save({ useObjectStreams: false });
}

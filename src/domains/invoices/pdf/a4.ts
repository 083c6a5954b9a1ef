/**
 * The A4 tax invoice (portrait, 595.28 × 841.89 pt): tenant name and logo, supplier, recipient,
 * invoice particulars, line table with HSN and every tax, HSN summary, totals with the round-off
 * line, amount in words and a signature line — the particulars of CGST Rules 2017, rule 46.
 */
import { PDFDocument, type PDFImage } from "pdf-lib";
import type { InvoiceDocument } from "../../../../durable-objects/pos/documents";
import { formatDecimal } from "../../tax";
import { type Cell, embedFonts, Flow } from "./flow";
import { documentTitle, headerFacts, recipientLines, taxText, totalRows } from "./particulars";
import { formatMinor, formatMoney } from "./text";

/** ISO 216 A4 in PDF points. */
export const A4_SIZE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 36;
const BODY = 8.5;
const SMALL = 7.5;

/** Branding drawn on the document: the logo bytes (PNG) when the tenant stored one. */
export interface Branding {
  logoPng?: Uint8Array | null;
}

/** Embeds the PNG logo; a broken file is skipped (the invoice matters more than the logo). */
export async function embedLogo(doc: PDFDocument, png: Uint8Array | null | undefined): Promise<PDFImage | null> {
  if (!png) return null;
  try {
    return await doc.embedPng(png);
  } catch {
    return null;
  }
}

/** Sets document metadata from the invoice, so the same invoice renders the same bytes. */
export function describe(doc: PDFDocument, inv: InvoiceDocument): void {
  doc.setTitle(`${documentTitle(inv)} ${inv.number}`);
  doc.setAuthor(inv.supplier.name ?? "");
  doc.setProducer("Edgetill");
  doc.setCreator("Edgetill");
  doc.setCreationDate(new Date(inv.issuedAt));
  doc.setModificationDate(new Date(inv.issuedAt));
}

/** Renders the A4 invoice or credit note. @returns the PDF bytes. */
export async function renderA4(inv: InvoiceDocument, branding: Branding = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  describe(doc, inv);
  const f = new Flow(await embedFonts(doc), A4_SIZE.width, A4_SIZE.height, MARGIN);
  const cur = inv.currency;
  const gst = inv.regime === "gst";

  // Header: logo, tenant (supplier) name, title.
  const logo = await embedLogo(doc, branding.logoPng);
  const indent = logo ? f.image(logo, f.left, 44) + 10 : 0;
  f.row(
    [
      { width: indent, text: "" },
      { width: f.inner - indent - 150, text: inv.supplier.name ?? "", bold: true },
      { width: 150, text: documentTitle(inv), bold: true, align: "right" },
    ],
    15,
    { padding: 0 },
  );
  const supplier = [
    inv.supplier.address,
    gst && inv.supplier.gstin ? `GSTIN: ${inv.supplier.gstin}` : null,
    gst && inv.supplier.stateCode ? `State code: ${inv.supplier.stateCode}` : null,
  ];
  for (const l of supplier)
    if (l)
      f.row(
        [
          { width: indent, text: "" },
          { width: f.inner - indent, text: l },
        ],
        BODY,
        { padding: 0 },
      );
  f.gap(logo ? Math.max(0, 50 - 15 * 1.25 - supplier.filter(Boolean).length * BODY * 1.25) : 6);
  f.rule(1);

  // Recipient on the left, particulars on the right.
  const half = f.inner / 2;
  const facts = headerFacts(inv);
  const left = ["Bill to", ...recipientLines(inv)];
  const rows = Math.max(left.length, facts.length);
  for (let i = 0; i < rows; i++) {
    const fact = facts[i];
    f.row(
      [
        { width: half, text: left[i] ?? "", bold: i === 0 },
        { width: half * 0.4, text: fact ? fact[0] : "", align: "right" },
        { width: half * 0.6, text: fact ? fact[1] : "", bold: true, align: "right" },
      ],
      BODY,
    );
  }
  f.gap(4);
  f.rule();

  // Line table.
  // HSN is up to 8 digits (rule 46(g)); the column must hold them on one line.
  const w = { n: 16, hsn: 50, qty: 48, rate: 52, disc: 36, taxable: 58, taxes: 96, total: 56 };
  const desc = f.inner - Object.values(w).reduce((a, b) => a + b, 0);
  const cols = (v: string[], bold = false): Cell[] =>
    [w.n, desc, w.hsn, w.qty, w.rate, w.disc, w.taxable, w.taxes, w.total].map((width, i) => ({
      width,
      text: v[i] ?? "",
      bold,
      align: i <= 1 || i === 7 ? "left" : "right",
    }));
  f.row(cols(["#", "Description", gst ? "HSN/SAC" : "Code", "Qty", "Rate", "Disc.", "Taxable", "Tax", "Amount"], true), SMALL);
  f.rule();
  inv.lines.forEach((l, i) => {
    const disc = l.lineDiscount + l.billDiscount;
    f.row(
      cols([
        String(i + 1),
        l.description,
        l.hsn ?? "",
        `${formatDecimal(l.quantity)} ${l.quantity.unit}`,
        formatDecimal(l.unitPrice),
        disc ? formatMinor(disc, cur) : "",
        formatMinor(l.taxableValue, cur),
        l.taxes.map((t) => taxText(t, cur)).join("\n") || "-",
        formatMinor(l.lineTotal, cur),
      ]),
      BODY,
    );
  });
  f.rule();

  if (gst && inv.hsnSummary.length > 0) hsnSummary(f, inv);
  totals(f, inv);
  f.gap(6);
  f.line(`Amount in words: ${inv.amountInWords}`, BODY, { bold: true });
  if (gst) f.line(`Tax payable on reverse charge: ${inv.reverseCharge === "N" ? "No" : "Yes"}`, SMALL);
  f.gap(30);
  f.ensure(40);
  f.row(
    [
      { width: f.inner / 2, text: "This is a computer-generated document." },
      { width: f.inner / 2, text: `For ${inv.supplier.name ?? ""}`, align: "right", bold: true },
    ],
    SMALL,
  );
  f.gap(20);
  f.row(
    [
      { width: f.inner / 2, text: "" },
      { width: f.inner / 2, text: "Authorised signatory", align: "right" },
    ],
    SMALL,
  );
  f.finish(doc);
  return doc.save({ useObjectStreams: false });
}

/** HSN-wise summary (rule 46(g), GSTR-1 table 12 shape). */
function hsnSummary(f: Flow, inv: InvoiceDocument): void {
  const cur = inv.currency;
  f.gap(6);
  f.line("HSN/SAC summary", BODY, { bold: true });
  const widths = [64, 56, 44, 72, 60, 60, 64, 48];
  widths.push(f.inner - widths.reduce((a, b) => a + b, 0));
  const cells = (v: string[], bold = false): Cell[] =>
    widths.map((width, i) => ({ width, text: v[i] ?? "", bold, align: i === 0 ? "left" : "right" }));
  f.row(cells(["HSN/SAC", "Qty", "Rate %", "Taxable", "IGST", "CGST", "SGST/UTGST", "Cess", "Total tax"], true), SMALL);
  for (const h of inv.hsnSummary) {
    const tax = h.igst + h.cgst + h.sgst + h.utgst + h.cess;
    const m = (n: number) => formatMinor(n, cur);
    f.row(
      cells([
        h.hsn ?? "-",
        `${formatDecimal(h.quantity)} ${h.unit}`,
        formatDecimal({ units: h.taxRateBp, scale: 2 }),
        m(h.taxableValue),
        m(h.igst),
        m(h.cgst),
        m(h.sgst + h.utgst),
        m(h.cess),
        m(tax),
      ]),
      SMALL,
    );
  }
  f.rule();
}

/** Totals, right-aligned, ending with the grand total. */
function totals(f: Flow, inv: InvoiceDocument): void {
  const label = f.inner - 180;
  for (const [name, amount] of totalRows(inv)) {
    const sign = name === "Round off" && amount > 0 ? "+" : "";
    f.row(
      [
        { width: label, text: "" },
        { width: 100, text: name, align: "right" },
        { width: 80, text: `${sign}${formatMinor(amount, inv.currency)}`, align: "right" },
      ],
      BODY,
    );
  }
  f.row(
    [
      { width: label, text: "" },
      { width: 100, text: "Grand total", align: "right", bold: true },
      { width: 80, text: formatMoney(inv.grandTotal, inv.currency), align: "right", bold: true },
    ],
    10,
  );
}

/**
 * A small top-down layout over pdf-lib: text, wrapped table rows, rules and an image, laid out from
 * the top of a page with a cursor. A4 flows onto new pages; a thermal receipt is one page as tall as
 * its content (height null), sized when the layout is finished. Units are PDF points (1/72 inch).
 */
import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument, type PDFFont, type PDFImage, rgb } from "pdf-lib";
import boldBytes from "./fonts/NotoSans-Bold.subset.ttf";
import regularBytes from "./fonts/NotoSans-Regular.subset.ttf";
import { printable } from "./text";

/** Line height as a multiple of the font size. */
const LEADING = 1.25;

/** Alignment of text inside its box. */
export type Align = "left" | "right" | "center";

/** One cell of a table row: its width in points, text (may wrap) and style. */
export interface Cell {
  width: number;
  text: string;
  align?: Align;
  bold?: boolean;
}

type Op =
  | { kind: "text"; x: number; top: number; text: string; size: number; bold: boolean }
  | { kind: "rule"; x1: number; x2: number; top: number; thickness: number }
  | { kind: "image"; x: number; top: number; width: number; height: number; image: PDFImage };

/** Embeds the Noto Sans subsets (regular and bold) in `doc`. */
export async function embedFonts(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  doc.registerFontkit(fontkit);
  // Ligatures off: "ff" drawn as one glyph extracts (copy, search) as a wrong character.
  const features = { liga: false, clig: false, dlig: false, calt: false };
  return { regular: await doc.embedFont(regularBytes, { features }), bold: await doc.embedFont(boldBytes, { features }) };
}

/** A layout in progress. */
export class Flow {
  readonly left: number;
  readonly right: number;
  private readonly pages: Op[][] = [[]];
  private cursor: number;
  private readonly regularSet: ReadonlySet<number>;
  private readonly boldSet: ReadonlySet<number>;

  /**
   * @param width page width, points
   * @param height page height, points; null for one page as tall as the content (receipts)
   * @param margin page margin, points
   */
  constructor(
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    readonly width: number,
    private readonly height: number | null,
    private readonly margin: number,
  ) {
    this.left = margin;
    this.right = width - margin;
    this.cursor = margin;
    this.regularSet = new Set(fonts.regular.getCharacterSet());
    this.boldSet = new Set(fonts.bold.getCharacterSet());
  }

  /** Usable width between the margins. */
  get inner(): number {
    return this.right - this.left;
  }

  private font(bold: boolean): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  private clean(s: string, bold: boolean): string {
    return printable(s, bold ? this.boldSet : this.regularSet);
  }

  /** Width of `s` in points at `size`. */
  measure(s: string, size: number, bold = false): number {
    return this.font(bold).widthOfTextAtSize(this.clean(s, bold), size);
  }

  /** Starts a new page when fewer than `h` points remain (never for a receipt). */
  ensure(h: number): void {
    if (this.height === null || this.cursor + h <= this.height - this.margin) return;
    this.pages.push([]);
    this.cursor = this.margin;
  }

  /** Moves the cursor down by `h` points. */
  gap(h: number): void {
    this.cursor += h;
  }

  /** Splits `s` into lines no wider than `width` (words; a word too long is cut). Keeps explicit newlines. */
  wrap(s: string, width: number, size: number, bold = false): string[] {
    const out: string[] = [];
    for (const para of s
      .replace(/\r/g, "")
      .split("\n")
      .map((p) => this.clean(p, bold))) {
      let line = "";
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (this.measure(next, size, bold) <= width) line = next;
        else {
          if (line) out.push(line);
          line = word;
          while (this.measure(line, size, bold) > width && line.length > 1) {
            let cut = line.length - 1;
            while (cut > 1 && this.measure(line.slice(0, cut), size, bold) > width) cut--;
            out.push(line.slice(0, cut));
            line = line.slice(cut);
          }
        }
      }
      out.push(line);
    }
    return out;
  }

  /** A table row: cells side by side from the left margin, each wrapped; the row is as tall as its tallest cell. */
  row(cells: Cell[], size: number, opts: { padding?: number } = {}): void {
    const pad = opts.padding ?? 2;
    const wrapped = cells.map((c) => this.wrap(c.text, c.width - 2 * pad, size, c.bold));
    const lines = Math.max(1, ...wrapped.map((w) => w.length));
    const h = lines * size * LEADING;
    this.ensure(h);
    let x = this.left;
    cells.forEach((c, i) => {
      (wrapped[i] ?? []).forEach((text, j) => {
        const w = this.measure(text, size, c.bold);
        const tx = c.align === "right" ? x + c.width - pad - w : c.align === "center" ? x + (c.width - w) / 2 : x + pad;
        this.op({ kind: "text", x: tx, top: this.cursor + j * size * LEADING, text, size, bold: c.bold ?? false });
      });
      x += c.width;
    });
    this.cursor += h;
  }

  /** One full-width line of text (wrapped). */
  line(text: string, size: number, opts: { bold?: boolean; align?: Align } = {}): void {
    this.row([{ width: this.inner, text, align: opts.align, bold: opts.bold }], size, { padding: 0 });
  }

  /** A horizontal rule across the margins. */
  rule(thickness = 0.5): void {
    this.ensure(4);
    this.op({ kind: "rule", x1: this.left, x2: this.right, top: this.cursor + 2, thickness });
    this.cursor += 4;
  }

  /** An image at the cursor, `height` points tall, aspect kept; the cursor does not move (the caller lays text beside it). */
  image(image: PDFImage, x: number, height: number): number {
    const width = (image.width / image.height) * height;
    this.op({ kind: "image", x, top: this.cursor, width, height, image });
    return width;
  }

  private op(o: Op): void {
    (this.pages.at(-1) as Op[]).push(o);
  }

  /** Draws every page into `doc`. */
  finish(doc: PDFDocument): void {
    const height = this.height ?? this.cursor + this.margin;
    for (const ops of this.pages) {
      const page = doc.addPage([this.width, height]);
      for (const o of ops) {
        if (o.kind === "text") page.drawText(o.text, { x: o.x, y: height - o.top - o.size, size: o.size, font: this.font(o.bold) });
        else if (o.kind === "rule")
          page.drawLine({
            start: { x: o.x1, y: height - o.top },
            end: { x: o.x2, y: height - o.top },
            thickness: o.thickness,
            color: rgb(0.4, 0.4, 0.4),
          });
        else page.drawImage(o.image, { x: o.x, y: height - o.top - o.height, width: o.width, height: o.height });
      }
    }
  }
}

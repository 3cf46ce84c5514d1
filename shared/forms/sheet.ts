import { cachingFontkit } from './fontkit-cache';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawQr, qrMatrix } from './qr';

// A small flow-layout writer over pdf-lib: a cursor moves down an A4 page, text wraps at word boundaries,
// and any line that does not fit starts a new page, so long names, reasons and document lists never overflow.

export const A4 = { width: 595.28, height: 841.89 } as const;
// Wider left margin: forms are filed in binders (ГОСТ Р 7.0.97 asks 20 mm left, 10 mm right; we keep 22/18).
const MARGIN = { left: 62, right: 50, top: 56, bottom: 62 } as const;
const LEADING = 1.35;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: Align;
  /** Extra space after the block, in points. */
  after?: number;
  grey?: boolean;
}

export interface FieldOptions {
  labelWidth?: number;
  size?: number;
  /** A larger value beside a normal label (the queue number). */
  valueSize?: number;
  /** A value of null draws a blank rule to be filled by hand. */
  boldValue?: boolean;
}

export interface TableColumn {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: Align;
}

export interface SheetFonts {
  font: Uint8Array;
  boldFont?: Uint8Array;
}

export class Sheet {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly widths = new Map<string, number>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  static async open(fonts: SheetFonts, meta: { title: string; lang: string }): Promise<Sheet> {
    // No automatic dates in the metadata: the same decision prints to the same bytes (apart from the subset tag).
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(cachingFontkit);
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setLanguage(meta.lang);
    doc.setProducer('Qabyldau');
    const regular = await doc.embedFont(fonts.font, { subset: true });
    const bold = fonts.boldFont ? await doc.embedFont(fonts.boldFont, { subset: true }) : regular;
    return new Sheet(doc, regular, bold);
  }

  get contentWidth(): number {
    return A4.width - MARGIN.left - MARGIN.right;
  }

  private newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN.top;
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  private fontOf(bold?: boolean): PDFFont {
    return bold ? this.bold : this.regular;
  }

  private measure(s: string, font: PDFFont, size: number): number {
    const key = `${font === this.bold ? 'b' : 'r'}${size}|${s}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = font.widthOfTextAtSize(s, size);
      this.widths.set(key, w);
    }
    return w;
  }

  /** Greedy word wrap; a word longer than the line is broken between characters; "\n" starts a new line. */
  wrap(textValue: string, width: number, style: TextStyle = {}): string[] {
    const size = style.size ?? 10;
    const font = this.fontOf(style.bold);
    const space = this.measure(' ', font, size);
    const out: string[] = [];
    for (const para of textValue.split('\n')) {
      let line = '';
      let lineW = 0;
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const w = this.measure(word, font, size);
        if (line && lineW + space + w <= width) {
          line += ` ${word}`;
          lineW += space + w;
          continue;
        }
        if (line) out.push(line);
        if (w <= width) {
          line = word;
          lineW = w;
          continue;
        }
        // Break an over-long token (an URL, a long number) character by character.
        line = '';
        lineW = 0;
        for (const ch of word) {
          const cw = this.measure(ch, font, size);
          if (line && lineW + cw > width) {
            out.push(line);
            line = '';
            lineW = 0;
          }
          line += ch;
          lineW += cw;
        }
      }
      out.push(line);
    }
    return out;
  }

  private lineHeight(size: number): number {
    return size * LEADING;
  }

  private drawLine(s: string, x: number, width: number, style: TextStyle): void {
    const size = style.size ?? 10;
    const font = this.fontOf(style.bold);
    const w = this.measure(s, font, size);
    const dx = style.align === 'center' ? (width - w) / 2 : style.align === 'right' ? width - w : 0;
    this.page.drawText(s, { x: x + dx, y: this.y - size, size, font, color: style.grey ? GREY : INK });
  }

  /** A block of wrapped text across the content width (or an indented part of it). */
  paragraph(textValue: string, style: TextStyle = {}, indent = 0): void {
    const size = style.size ?? 10;
    const width = this.contentWidth - indent;
    for (const line of this.wrap(textValue, width, style)) {
      this.ensure(this.lineHeight(size));
      this.drawLine(line, MARGIN.left + indent, width, style);
      this.y -= this.lineHeight(size);
    }
    this.y -= style.after ?? 0;
  }

  /** Two texts side by side: `left` flush left, `right` flush right (date … number; position … name). */
  split(left: string, right: string, style: TextStyle = {}, leftShare = 0.5): void {
    const size = style.size ?? 10;
    const gap = 12;
    const lw = this.contentWidth * leftShare - gap / 2;
    const rw = this.contentWidth - lw - gap;
    const l = this.wrap(left, lw, style);
    const r = this.wrap(right, rw, style);
    this.columns(
      Math.max(l.length, r.length),
      this.lineHeight(size),
      (i) => {
        if (l[i]) this.drawLine(l[i] as string, MARGIN.left, lw, { ...style, align: 'left' });
      },
      (i) => {
        if (r[i]) this.drawLine(r[i] as string, MARGIN.left + lw + gap, rw, { ...style, align: 'right' });
      },
    );
    this.y -= style.after ?? 0;
  }

  /** Label on the left, value on the right (the two-column layout of the regulation's forms). */
  field(label: string, value: string | null, options: FieldOptions = {}): void {
    const size = options.size ?? 10;
    const valueSize = options.valueSize ?? size;
    const lh = this.lineHeight(Math.max(size, valueSize));
    const labelWidth = options.labelWidth ?? this.contentWidth * 0.38;
    const gap = 12;
    const vx = MARGIN.left + labelWidth + gap;
    const vw = this.contentWidth - labelWidth - gap;
    const labelLines = this.wrap(label, labelWidth, { size });
    const valueStyle: TextStyle = { size: valueSize, bold: options.boldValue ?? true };
    const valueLines = value === null ? [] : this.wrap(value, vw, valueStyle);
    const rows = Math.max(labelLines.length, valueLines.length, 1);
    // Keep a short field together on one page; a long one may break between lines.
    if (rows <= 4) this.ensure(rows * lh);
    this.columns(
      rows,
      lh,
      (i) => {
        if (labelLines[i]) this.drawLine(labelLines[i] as string, MARGIN.left, labelWidth, { size });
      },
      (i) => {
        if (valueLines[i]) this.drawLine(valueLines[i] as string, vx, vw, valueStyle);
        if (value === null && i === rows - 1) this.rule(vx, this.y - lh + 2, vw);
      },
    );
    this.y -= size * 0.5;
  }

  /**
   * Draws `rows` lines of two side-by-side columns, page by page. Within a page the whole left column is
   * written before the right one, so text extraction and screen readers get each label and value whole.
   */
  private columns(rows: number, lh: number, left: (i: number) => void, right: (i: number) => void): void {
    let i = 0;
    while (i < rows) {
      this.ensure(lh);
      const fit = Math.max(1, Math.floor((this.y - MARGIN.bottom) / lh));
      const end = Math.min(rows, i + fit);
      const top = this.y;
      for (const draw of [left, right]) {
        this.y = top;
        for (let k = i; k < end; k++) {
          draw(k);
          this.y -= lh;
        }
      }
      i = end;
      if (i < rows) this.newPage();
    }
  }

  private rule(x: number, y: number, width: number): void {
    this.page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.6, color: GREY });
  }

  /** A horizontal rule across the content width. */
  divider(after = 6): void {
    this.ensure(4);
    this.rule(MARGIN.left, this.y, this.contentWidth);
    this.y -= after;
  }

  /** A signature place: a rule with a caption under it, right of an optional label. */
  signature(label: string, caption: string, size = 10): void {
    const lh = this.lineHeight(size);
    const labelWidth = this.contentWidth * 0.55;
    const lines = this.wrap(label, labelWidth, { size });
    this.ensure(Math.max(lines.length, 1) * lh + lh + 6);
    const top = this.y;
    for (const line of lines) {
      this.drawLine(line, MARGIN.left, labelWidth, { size });
      this.y -= lh;
    }
    const x = MARGIN.left + labelWidth + 12;
    const w = this.contentWidth - labelWidth - 12;
    const ruleY = top - lh;
    this.rule(x, ruleY, w);
    const saved = this.y;
    this.y = ruleY - 2;
    this.drawLine(caption, x, w, { size: 7, align: 'center', grey: true });
    this.y = Math.min(saved, ruleY - 2 - 7 * LEADING) - 6;
  }

  /** A table whose header repeats on every page it spans. */
  table(columns: TableColumn[], rows: string[][], size = 9): void {
    const lh = this.lineHeight(size);
    const pad = 3;
    const total = columns.reduce((a, c) => a + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, w) => a + w, 0));
    const drawRow = (cells: string[], bold: boolean): void => {
      const wrapped = cells.map((cell, i) =>
        this.wrap(cell, (widths[i] as number) - 2 * pad, { size, bold }),
      );
      const height = Math.max(...wrapped.map((w) => w.length)) * lh + 2 * pad;
      const startPage = this.page;
      this.ensure(height + (bold ? lh + 2 * pad : 0));
      if (!bold && this.page !== startPage)
        drawRow(
          columns.map((c) => c.header),
          true,
        );
      const top = this.y;
      wrapped.forEach((lines, i) => {
        this.y = top - pad;
        for (const line of lines) {
          const col = columns[i] as TableColumn;
          this.drawLine(line, (xs[i] as number) + pad, (widths[i] as number) - 2 * pad, {
            size,
            bold,
            align: col.align ?? 'left',
          });
          this.y -= lh;
        }
      });
      this.page.drawRectangle({
        x: MARGIN.left,
        y: top - height,
        width: this.contentWidth,
        height,
        borderColor: GREY,
        borderWidth: 0.5,
      });
      for (const x of xs.slice(1)) {
        this.page.drawLine({
          start: { x, y: top },
          end: { x, y: top - height },
          thickness: 0.5,
          color: GREY,
        });
      }
      this.y = top - height;
    };
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.y -= 8;
  }

  /** The QR code at the right, with its caption lines to the left of it; kept whole on one page. */
  qr(payload: string, caption: string[], side = 92): void {
    this.ensure(side + 4);
    const x = MARGIN.left + this.contentWidth - side;
    const bottom = this.y - side;
    drawQr(this.page, qrMatrix(payload), x, bottom, side);
    const captionWidth = this.contentWidth - side - 12;
    const saved = this.y;
    this.y -= 14;
    for (const line of caption.flatMap((c) => this.wrap(c, captionWidth, { size: 8 }))) {
      this.drawLine(line, x - 12 - captionWidth, captionWidth, { size: 8, align: 'right', grey: true });
      this.y -= this.lineHeight(8);
    }
    this.y = Math.min(this.y, saved - side) - 4;
  }

  /** Page numbers (only when there is more than one page), then the PDF bytes. */
  async save(pageLabel: (page: number, pages: number) => string): Promise<Uint8Array> {
    const n = this.pages.length;
    if (n > 1) {
      this.pages.forEach((page, i) => {
        this.page = page;
        this.y = MARGIN.bottom - 18;
        this.drawLine(pageLabel(i + 1, n), MARGIN.left, this.contentWidth, {
          size: 8,
          align: 'center',
          grey: true,
        });
      });
    }
    return this.doc.save();
  }
}

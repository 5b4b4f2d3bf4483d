import PDFDocument from 'pdfkit';
import { cjkFont } from './fonts.ts';
import { niceLength, projectBoundary, type BoundaryGeometry, type ProjectedBoundary } from './map.ts';
import { qrMatrix } from './qr.ts';

/** Millimetres to PDF points (1 pt = 1/72 in). */
export const mm = (v: number): number => (v * 72) / 25.4;

export interface PdfOptions {
  /** Document title (PDF metadata; also what viewers show in the window title). */
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /**
   * Extra entries for the PDF document-information dictionary, e.g. a certificate number and its
   * signature, so that a downloaded file can be checked later. Keys are PDF names (no spaces).
   */
  info?: Record<string, string>;
  /** Fixed creation date, so the same input gives the same bytes; default now. */
  creationDate?: Date;
  /** Page margins in millimetres; default 25/22/26/24 (a little wider type area than GB/T 9704's 37/35/28/26, so a notice fits one page). */
  margins?: { top: number; bottom: number; left: number; right: number };
  layout?: 'portrait' | 'landscape';
  /** Prints "第 n 页 共 m 页" centred under every page. Default true. */
  pageNumbers?: boolean;
  /** Body text size in points; default 14. */
  fontSize?: number;
}

export interface TextOptions {
  /** Font size in points; default the document's body size (14 unless set in PdfOptions). */
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Indent the first line by two characters, as Chinese paragraphs do. */
  indent?: boolean;
  color?: string;
  /** Extra space after the text, in lines of the current size; default 0.3. */
  gapAfter?: number;
}

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the content width in proportion. Default 1. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  columns: TableColumn[];
  rows: string[][];
  size?: number;
  /** Shade of the header row; default light grey. */
  headerFill?: string;
}

export interface ImageOptions {
  /** Width in points; default the content width. */
  width?: number;
  /** Height in points; default from the image's aspect ratio. */
  height?: number;
  caption?: string;
}

export interface QrOptions {
  /** Side length in points, including the quiet zone; default 28 mm. */
  size?: number;
  /** Top-left corner; default at the cursor, left margin. */
  x?: number;
  y?: number;
  /** Small text under the code. */
  caption?: string;
}

export interface MapOptions {
  /** Frame width and height in points; default content width × 100 mm. */
  width?: number;
  height?: number;
  /** Heading printed in the frame's top-left corner. */
  title?: string;
  /** Label every boundary point (J1, J2 …) when there are at most this many; default 40. */
  maxLabels?: number;
}

export interface SealOptions {
  /** Issuing body, e.g. 衡南县自然资源局. */
  organisation: string;
  /** The date line, already formatted (see chineseDate). */
  date: string;
  /** Draw the outline of a round seal placeholder behind the organisation. Default true. */
  sealOutline?: boolean;
}

/**
 * A small layer over PDFKit for A4 documents with Chinese text: titles, paragraphs, tables,
 * images, vector QR codes, a seal block and a boundary map. Every helper advances a vertical
 * cursor and starts a new page when the next block would not fit, so callers just add blocks
 * top to bottom. The raw PDFKit document is `builder.doc` for anything else.
 *
 * @example
 * ```ts
 * import { PdfBuilder, chineseDate } from '../documents/pdf/index.ts';
 * const pdf = new PdfBuilder({ title: '用地预审审查报告' });
 * pdf.title('用地预审审查报告');
 * pdf.paragraph('项目红线与永久基本农田无重叠。', { indent: true });
 * pdf.table({ columns: [{ header: '图层' }, { header: '重叠面积（平方米）', align: 'right' }], rows: [['永久基本农田', '0.00']] });
 * pdf.image(mapPng, { caption: '图1 项目位置' });
 * pdf.boundaryMap(geojsonPolygon, { title: '项目红线' });
 * pdf.seal({ organisation: '衡南县自然资源局', date: chineseDate(new Date()) });
 * const bytes: Buffer = await pdf.toBuffer();
 * ```
 */
export class PdfBuilder {
  readonly doc: PDFKit.PDFDocument;
  private readonly pageNumbers: boolean;
  /** Body text size in points. */
  readonly fontSize: number;

  constructor(opts: PdfOptions) {
    const font = cjkFont();
    const m = opts.margins ?? { top: 25, bottom: 22, left: 26, right: 24 };
    this.pageNumbers = opts.pageNumbers ?? true;
    this.fontSize = opts.fontSize ?? 14;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: opts.layout ?? 'portrait',
      margins: { top: mm(m.top), bottom: mm(m.bottom), left: mm(m.left), right: mm(m.right) },
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      // PDFKit hashes every info value, so absent ones must be left out rather than undefined.
      info: Object.fromEntries(
        Object.entries({
          Title: opts.title,
          Subject: opts.subject,
          Author: opts.author,
          Keywords: opts.keywords,
          Creator: 'landgov',
          Producer: 'landgov (PDFKit)',
          CreationDate: opts.creationDate ?? new Date(),
        }).filter(([, v]) => v !== undefined),
      ),
    });
    if (opts.info) {
      const info = this.doc.info as Record<string, unknown>;
      for (const [k, v] of Object.entries(opts.info)) {
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(k)) throw new RangeError(`PDF info key must be alphanumeric: ${k}`);
        info[k] = v;
      }
    }
    this.doc.registerFont('cjk', font.regular, font.regularFamily);
    this.doc.registerFont('cjk-bold', font.bold, font.boldFamily);
    this.doc.font('cjk').fontSize(this.fontSize).fillColor('black');
  }

  /** Left edge, right edge and width of the type area. */
  get left(): number {
    return this.doc.page.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  /** Lowest y a block may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get y(): number {
    return this.doc.y;
  }

  /** Starts a new page when fewer than `height` points remain. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    return this;
  }

  /** Vertical space in points. */
  space(points: number): this {
    this.doc.y += points;
    return this;
  }

  private setFont(o: TextOptions, size: number): void {
    this.doc.font(o.bold ? 'cjk-bold' : 'cjk').fontSize(size).fillColor(o.color ?? 'black');
  }

  /** A block of text across the type area. */
  text(text: string, o: TextOptions = {}): this {
    const size = o.size ?? this.fontSize;
    this.setFont(o, size);
    // A Chinese paragraph starts two characters in; full-width spaces keep the ideographs aligned.
    const body = o.indent ? `\u3000\u3000${text}` : text;
    const height = this.doc.heightOfString(body, { width: this.contentWidth, lineGap: size * 0.32 });
    this.ensureSpace(Math.min(height, size * 3));
    this.doc.text(body, this.left, this.doc.y, { width: this.contentWidth, align: o.align ?? 'left', lineGap: size * 0.32 });
    this.doc.y += size * (o.gapAfter ?? 0.3);
    this.setFont({}, this.fontSize);
    return this;
  }

  /** The document title: large, bold, centred (小标宋二号 in a paper notice). */
  title(text: string, o: Omit<TextOptions, 'align'> = {}): this {
    return this.text(text, { size: 22, bold: true, gapAfter: 0.6, ...o, align: 'center' });
  }

  /** A centred line, e.g. the document number 衡自然资受〔2026〕12号. */
  centred(text: string, o: Omit<TextOptions, 'align'> = {}): this {
    return this.text(text, { ...o, align: 'center' });
  }

  /** A bold heading for a section. */
  heading(text: string, o: TextOptions = {}): this {
    this.ensureSpace(60);
    return this.text(text, { size: 15, bold: true, gapAfter: 0.4, ...o });
  }

  /** A body paragraph, first line indented. */
  paragraph(text: string, o: TextOptions = {}): this {
    return this.text(text, { indent: true, ...o });
  }

  /** A horizontal rule across the type area. */
  rule(o: { color?: string; width?: number; gapAfter?: number } = {}): this {
    const y = this.doc.y;
    this.doc.save().lineWidth(o.width ?? 1).strokeColor(o.color ?? 'black').moveTo(this.left, y).lineTo(this.right, y).stroke().restore();
    this.doc.y = y + (o.gapAfter ?? 8);
    return this;
  }

  /** Label–value rows as a ruled two-column table (a form or certificate body). */
  keyValues(rows: [string, string][], o: { size?: number; labelWidth?: number } = {}): this {
    return this.table({
      columns: [{ header: '', width: o.labelWidth ?? 1, align: 'center' }, { header: '', width: 3 }],
      rows,
      size: o.size,
      headerFill: 'none',
    });
  }

  /**
   * A ruled table; rows grow to fit wrapped text and the header repeats on a new page. A column
   * list whose headers are all empty prints no header row.
   */
  table(o: TableOptions): this {
    const size = o.size ?? 12;
    const pad = 4;
    const total = o.columns.reduce((s, c) => s + (c.width ?? 1), 0);
    const widths = o.columns.map((c) => (this.contentWidth * (c.width ?? 1)) / total);
    const hasHeader = o.columns.some((c) => c.header !== '');
    const doc = this.doc;
    const rowHeight = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(size);
      return Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * pad, lineGap: 2 }))) + 2 * pad;
    };
    const drawRow = (cells: string[], header: boolean) => {
      const h = rowHeight(cells, header);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        if (hasHeader && !header) drawRow(o.columns.map((c) => c.header), true);
      }
      const y = doc.y;
      let x = this.left;
      if (header && o.headerFill !== 'none') doc.save().rect(x, y, this.contentWidth, h).fill(o.headerFill ?? '#eeeeee').restore();
      cells.forEach((t, i) => {
        const w = widths[i]!;
        doc.save().lineWidth(0.6).strokeColor('black').rect(x, y, w, h).stroke().restore();
        doc.font(header ? 'cjk-bold' : 'cjk').fontSize(size).fillColor('black');
        doc.text(t, x + pad, y + pad, { width: w - 2 * pad, align: header ? 'center' : (o.columns[i]?.align ?? 'left'), lineGap: 2 });
        x += w;
      });
      doc.x = this.left;
      doc.y = y + h;
    };
    if (hasHeader) {
      this.ensureSpace(rowHeight(o.columns.map((c) => c.header), true) + size * 2);
      drawRow(o.columns.map((c) => c.header), true);
    }
    for (const r of o.rows) drawRow(o.columns.map((_, i) => r[i] ?? ''), false);
    doc.y += size * 0.6;
    this.setFont({}, this.fontSize);
    return this;
  }

  /** A PNG or JPEG image, scaled to the width (content width by default), with a caption. */
  image(data: Buffer, o: ImageOptions = {}): this {
    const width = o.width ?? this.contentWidth;
    // openImage exists at run time (PDFKit caches the parsed image) but is missing from its typings.
    const img = (this.doc as unknown as { openImage(d: Buffer): { width: number; height: number } }).openImage(data);
    const height = o.height ?? (width * img.height) / img.width;
    this.ensureSpace(height + (o.caption ? 24 : 6));
    const x = this.left + (this.contentWidth - width) / 2;
    const y = this.doc.y;
    this.doc.image(data, x, y, { width, height });
    this.doc.y = y + height + 4;
    if (o.caption) this.text(o.caption, { size: 11, align: 'center' });
    return this;
  }

  /**
   * A QR code drawn as vector squares (sharp at any zoom, a few hundred bytes). Without x/y it is
   * placed at the cursor on the left and the cursor moves below it.
   * @returns the builder; the code's box is [x, y, size, size].
   */
  qrCode(payload: string, o: QrOptions = {}): this {
    const side = o.size ?? mm(28);
    const m = qrMatrix(payload);
    const quiet = 4; // modules of white border the standard asks for
    const cell = side / (m.size + 2 * quiet);
    const atCursor = o.x === undefined && o.y === undefined;
    if (atCursor) this.ensureSpace(side + (o.caption ? 20 : 0));
    const x0 = o.x ?? this.left;
    const y0 = o.y ?? this.doc.y;
    const doc = this.doc;
    doc.save().rect(x0, y0, side, side).fill('white');
    doc.fillColor('black');
    for (let r = 0; r < m.size; r++) {
      for (let c = 0; c < m.size; c++) {
        // Cells overlap by a hair so renderers leave no seams between them.
        if (m.dark(r, c)) doc.rect(x0 + (quiet + c) * cell, y0 + (quiet + r) * cell, cell + 0.05, cell + 0.05);
      }
    }
    doc.fill('black').restore();
    if (o.caption) {
      doc.font('cjk').fontSize(9).fillColor('black').text(o.caption, x0 - 10, y0 + side, { width: side + 20, align: 'center' });
      this.setFont({}, this.fontSize);
    }
    if (atCursor) {
      doc.x = this.left;
      doc.y = y0 + side + (o.caption ? 20 : 4);
    } else {
      doc.x = this.left;
    }
    return this;
  }

  /**
   * The signature block at the right: organisation and date, with a round seal outline
   * (an electronic seal is applied by the signing system, not drawn here).
   */
  seal(o: SealOptions): this {
    const size = this.fontSize;
    const radius = mm(16);
    // The seal circle is centred between the two lines, as a stamp covers name and date.
    this.ensureSpace(2 * radius + 16);
    const doc = this.doc;
    const blockWidth = mm(75);
    const x = this.right - blockWidth;
    const top = doc.y + 4;
    const cy = top + radius;
    const y = cy - size * 1.3;
    if (o.sealOutline ?? true) {
      doc.save().lineWidth(1.2).strokeColor('#c8c8c8').circle(x + blockWidth / 2, cy, radius).stroke().restore();
      doc.font('cjk').fontSize(8).fillColor('#b0b0b0').text('（电子印章）', x, cy + radius - 16, { width: blockWidth, align: 'center', lineBreak: false });
    }
    doc.font('cjk').fontSize(size).fillColor('black');
    doc.text(o.organisation, x, y, { width: blockWidth, align: 'center' });
    doc.text(o.date, x, y + size * 1.8, { width: blockWidth, align: 'center' });
    doc.x = this.left;
    doc.y = top + 2 * radius + 8;
    this.setFont({}, this.fontSize);
    return this;
  }

  /**
   * A boundary map: the polygon outline (EPSG:4490 input) drawn in its Gauss-Krüger plane inside a
   * frame, with boundary-point labels, a north arrow and a scale bar. Returns the projection so
   * the caller can print the coordinate table (`projected.vertices`).
   */
  boundaryMap(geometry: BoundaryGeometry, o: MapOptions = {}): ProjectedBoundary {
    const projected = projectBoundary(geometry);
    const width = o.width ?? this.contentWidth;
    const height = o.height ?? mm(100);
    this.ensureSpace(height + 10);
    const doc = this.doc;
    const fx = this.left + (this.contentWidth - width) / 2;
    const fy = doc.y;
    doc.save().lineWidth(0.8).strokeColor('black').rect(fx, fy, width, height).stroke().restore();
    const [minE, minN, maxE, maxN] = projected.extent;
    const pad = 36;
    const spanE = Math.max(maxE - minE, 1);
    const spanN = Math.max(maxN - minN, 1);
    const scale = Math.min((width - 2 * pad) / spanE, (height - 2 * pad) / spanN); // points per metre
    const ox = fx + (width - spanE * scale) / 2;
    const oy = fy + (height + spanN * scale) / 2;
    const toPage = (e: number, n: number): [number, number] => [ox + (e - minE) * scale, oy - (n - minN) * scale];

    // Light fill, red outline (红线): holes are kept by the even-odd rule.
    doc.save().lineWidth(1.4);
    for (const poly of projected.polygons) {
      for (const ring of poly) {
        ring.forEach(([e, n], i) => {
          const [px, py] = toPage(e, n);
          if (i === 0) doc.moveTo(px, py);
          else doc.lineTo(px, py);
        });
        doc.closePath();
      }
    }
    doc.fillAndStroke('#fbe3e3', '#c00000', 'even-odd');
    doc.restore();
    doc.save();
    const labels = projected.vertices.length <= (o.maxLabels ?? 40);
    doc.font('cjk').fontSize(8).fillColor('black');
    for (const [i, v] of projected.vertices.entries()) {
      const ring = projected.polygons[v.polygon]![v.ring]!;
      const idx = ringIndex(projected, i);
      const [e, n] = ring[idx]!;
      const [px, py] = toPage(e, n);
      doc.circle(px, py, 1.6).fill('black');
      if (labels) doc.fillColor('black').text(v.label, px + 3, py - 10, { lineBreak: false });
    }
    doc.restore();

    // North arrow, top right.
    const ax = fx + width - 22;
    const ay = fy + 14;
    doc.save().fillColor('black').moveTo(ax, ay).lineTo(ax - 6, ay + 22).lineTo(ax, ay + 17).lineTo(ax + 6, ay + 22).closePath().fill().restore();
    doc.font('cjk-bold').fontSize(10).fillColor('black').text('北', ax - 5, ay + 23, { lineBreak: false });

    // Scale bar, bottom left: a round length no longer than a quarter of the frame.
    const metres = niceLength((width / 4) / scale);
    const barLen = metres * scale;
    const bx = fx + 12;
    const by = fy + height - 14;
    doc.save().lineWidth(1).strokeColor('black').moveTo(bx, by - 4).lineTo(bx, by).lineTo(bx + barLen, by).lineTo(bx + barLen, by - 4).stroke().restore();
    const label = metres >= 1000 ? `${metres / 1000} 千米` : `${metres} 米`;
    doc.font('cjk').fontSize(8).fillColor('black').text(label, bx + barLen + 4, by - 8, { lineBreak: false });
    if (o.title) doc.font('cjk-bold').fontSize(10).text(o.title, fx + 8, fy + 6, { lineBreak: false });
    doc.font('cjk').fontSize(7).fillColor('#444444').text(`CGCS2000 3°带高斯-克吕格投影 第${projected.zone}带 中央经线${projected.centralMeridian}°E`, fx + 8, fy + height - 11, {
      width: width - 16,
      align: 'right',
      lineBreak: false,
    });
    doc.x = this.left;
    doc.y = fy + height + 8;
    this.setFont({}, this.fontSize);
    return projected;
  }

  /** Finishes the document (page numbers on every page) and returns its bytes. */
  async toBuffer(): Promise<Buffer> {
    const doc = this.doc;
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });
    if (this.pageNumbers) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottomMargin = doc.page.margins.bottom;
        // Writing below the bottom margin would start a new page; lift the margin while we write.
        doc.page.margins.bottom = 0;
        doc.font('cjk').fontSize(9).fillColor('#444444').text(`第 ${i + 1} 页 共 ${range.count} 页`, 0, doc.page.height - mm(15), { width: doc.page.width, align: 'center', lineBreak: false });
        doc.page.margins.bottom = bottomMargin;
      }
    }
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

/** Index inside its ring of the i-th numbered vertex (vertices skip each ring's closing point). */
function ringIndex(p: ProjectedBoundary, i: number): number {
  const v = p.vertices[i]!;
  let k = 0;
  for (let j = i - 1; j >= 0 && p.vertices[j]!.polygon === v.polygon && p.vertices[j]!.ring === v.ring; j--) k++;
  return k;
}

/**
 * The PDF writer the documents share: PDFKit with Noto Sans SC embedded (subset to the glyphs used,
 * as TrueType FontFile2 with a ToUnicode map, so the Chinese text can be searched and copied), fixed
 * metadata so the same input gives the same bytes, a table that repeats its header on every page,
 * page numbers, and the closing block (issuer and date).
 *
 * The font comes from the npm package @expo-google-fonts/noto-sans-sc (SIL OFL 1.1 font, Google
 * Fonts' Noto Sans SC: all 20,976 CJK Unified Ideographs plus Extension A, Latin and digits), so it is
 * on every machine after `npm ci` with nothing downloaded at run time. See docs/decisions/007.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { isIsoDate, type IsoDate } from '../../../common/dates.js';

export const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';

/**
 * A font file (TrueType/OpenType), or a font inside a collection (.ttc) named by its PostScript
 * name — e.g. Debian's fonts-noto-cjk: `{ file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
 * name: 'NotoSansCJKsc-Regular' }`.
 */
export type FontSource = string | { file: string; name: string };

/** Fonts by role; the packaged ones are NotoSansSC-Regular and NotoSansSC-Bold. */
export interface PdfFonts {
  regular: FontSource;
  bold: FontSource;
}

export interface PdfOptions {
  /** Font files to use instead of the packaged Noto Sans SC (tests; another typeface). */
  fonts?: PdfFonts;
}

const require = createRequire(import.meta.url);

/** The packaged Noto Sans SC files. */
export function packagedFonts(): { regular: string; bold: string } {
  const resolve = (file: string) => {
    try {
      return require.resolve(`${FONT_PACKAGE}/${file}`);
    } catch {
      return `node_modules/${FONT_PACKAGE}/${file}`; // reported by loadFont as missing
    }
  };
  return {
    regular: resolve('400Regular/NotoSansSC_400Regular.ttf'),
    bold: resolve('700Bold/NotoSansSC_700Bold.ttf'),
  };
}

const fontCache = new Map<string, Buffer>();

function loadFont(role: keyof PdfFonts, file: string): Buffer {
  const cached = fontCache.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    throw new Error(
      `找不到中文字体 Noto Sans SC (${role})：${file}。` +
        `该字体随 npm 包 ${FONT_PACKAGE} 安装，请先运行 npm ci。(CJK font file missing)`,
    );
  }
  const data = fs.readFileSync(file);
  fontCache.set(file, data);
  return data;
}

/** Page geometry in points (A4), margins and type sizes shared by the documents. */
export const LAYOUT = {
  margin: 56,
  footer: 28,
  size: { title: 16, body: 11, table: 9, small: 8 },
} as const;

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  width: number;
  align?: Align;
}

export interface TableCell {
  text: string;
  /** Columns this cell covers (default 1). */
  span?: number;
  align?: Align;
}

export interface TableRow {
  cells: Array<string | TableCell>;
  bold?: boolean;
}

export interface DocumentInfo {
  title: string;
  issuer: string;
  date: IsoDate;
  subject: string;
  mark?: string;
}

/** One PDF being written. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly mark: string | undefined;

  constructor(info: DocumentInfo, options: PdfOptions & { landscape?: boolean } = {}) {
    const fonts = options.fonts ?? packagedFonts();
    const fileOf = (source: FontSource) => (typeof source === 'string' ? source : source.file);
    const nameOf = (source: FontSource) => (typeof source === 'string' ? undefined : source.name);
    const regular = loadFont('regular', fileOf(fonts.regular));
    const bold = loadFont('bold', fileOf(fonts.bold));
    const created = chinaMidnight(info.date);
    this.mark = info.mark;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margin: LAYOUT.margin,
      bufferPages: true,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: info.title,
        Author: info.issuer,
        Subject: info.subject,
        Creator: 'techtransfer 技术转移体系平台',
        Producer: 'techtransfer (PDFKit)',
        CreationDate: created,
        ModDate: created,
      },
    });
    this.doc.registerFont('regular', regular, nameOf(fonts.regular));
    this.doc.registerFont('bold', bold, nameOf(fonts.bold));
    this.doc.font('regular').fontSize(LAYOUT.size.body);
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Bottom of the writable area (above the page-number footer). */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle?: string): void {
    this.doc.font('bold').fontSize(LAYOUT.size.title);
    this.doc.text(text, this.left, this.doc.y, { width: this.contentWidth, align: 'center' });
    if (subtitle) {
      this.doc.moveDown(0.3).font('regular').fontSize(LAYOUT.size.body);
      this.doc.text(subtitle, this.left, this.doc.y, { width: this.contentWidth, align: 'center' });
    }
    this.doc.font('regular').fontSize(LAYOUT.size.body).moveDown(1);
  }

  /** A body paragraph; `indent` gives the first line the customary two-character indent. */
  paragraph(text: string, options: { indent?: boolean; bold?: boolean; align?: Align; gap?: number } = {}): void {
    const size = LAYOUT.size.body;
    this.doc.font(options.bold ? 'bold' : 'regular').fontSize(size);
    const textOptions = {
      width: this.contentWidth,
      align: options.align ?? 'justify',
      lineGap: 3,
      indent: options.indent ? size * 2 : 0,
    } as const;
    this.ensureSpace(Math.min(this.doc.heightOfString(text, textOptions), 3 * size));
    this.doc.text(text, this.left, this.doc.y, textOptions);
    this.doc.font('regular').moveDown(options.gap ?? 0.4);
  }

  /**
   * A bordered table; the header row is repeated at the top of every page the table runs onto, and
   * a row never splits across pages (a single row taller than a page is cut at the page's end).
   */
  table(columns: TableColumn[], rows: TableRow[], options: { fontSize?: number } = {}): void {
    const size = options.fontSize ?? LAYOUT.size.table;
    const padding = 4;
    const lineGap = 1.5;
    const x0 = this.left;
    // A row may be at most a page less the header; taller rows are cut (see draw).
    let maxRowHeight = Infinity;
    const layout = (row: TableRow) => {
      let column = 0;
      const placed = row.cells.map((raw) => {
        const cell = typeof raw === 'string' ? { text: raw } : raw;
        const span = cell.span ?? 1;
        const covered = columns.slice(column, column + span);
        if (covered.length !== span) throw new Error(`table row has more cells than columns: ${JSON.stringify(row.cells)}`);
        const x = x0 + columns.slice(0, column).reduce((sum, c) => sum + c.width, 0);
        const width = covered.reduce((sum, c) => sum + c.width, 0);
        const align = cell.align ?? covered[0]?.align ?? 'left';
        column += span;
        return { text: cell.text, x, width, align };
      });
      if (column !== columns.length) throw new Error(`table row covers ${column} of ${columns.length} columns`);
      this.doc.font(row.bold ? 'bold' : 'regular').fontSize(size);
      const height = Math.min(
        maxRowHeight,
        Math.max(size, ...placed.map((c) => (c.text ? this.doc.heightOfString(c.text, { width: c.width - 2 * padding, lineGap }) : 0))) +
          2 * padding,
      );
      return { placed, height };
    };
    const draw = (row: TableRow, shaded: boolean) => {
      const { placed, height } = layout(row);
      const y = this.doc.y;
      for (const cell of placed) {
        if (shaded) this.doc.save().rect(cell.x, y, cell.width, height).fill('#eeeeee').restore();
        this.doc.save().lineWidth(0.6).rect(cell.x, y, cell.width, height).stroke('#333333').restore();
        if (cell.text) {
          // Bounded to the row: a row cut to the page's height ends in an ellipsis instead of
          // letting its text run onto a page of its own.
          this.doc.fillColor('black').text(cell.text, cell.x + padding, y + padding, {
            width: cell.width - 2 * padding,
            height: height - padding,
            ellipsis: true,
            align: cell.align,
            lineGap,
          });
        }
      }
      this.doc.x = x0;
      this.doc.y = y + height;
    };
    const header: TableRow = { cells: columns.map((c) => ({ text: c.header, align: 'center' as const })), bold: true };
    const headerHeight = layout(header).height;
    maxRowHeight = this.bottom - this.doc.page.margins.top - headerHeight;
    this.ensureSpace(headerHeight + (rows[0] ? layout(rows[0]).height : 0));
    draw(header, true);
    for (const row of rows) {
      if (this.doc.y + layout(row).height > this.bottom) {
        this.doc.addPage();
        draw(header, true);
      }
      draw(row, false);
    }
    this.doc.font('regular').fontSize(LAYOUT.size.body).moveDown(1);
  }

  /** Issuer and date at the right, as documents close; kept together on one page. */
  closing(issuer: string, date: IsoDate): void {
    const lines = [issuer, chineseDate(date)];
    this.doc.font('regular').fontSize(LAYOUT.size.body);
    this.ensureSpace(4 * LAYOUT.size.body * 1.6);
    this.doc.moveDown(1);
    for (const line of lines) {
      this.doc.text(line, this.left, this.doc.y, { width: this.contentWidth - LAYOUT.size.body * 2, align: 'right' });
      this.doc.moveDown(0.3);
    }
  }

  /** Signature lines side by side: 经办人：________ */
  signatures(labels: string[]): void {
    const size = LAYOUT.size.body;
    this.doc.font('regular').fontSize(size);
    this.ensureSpace(size * 6);
    this.doc.moveDown(2);
    const y = this.doc.y;
    const each = this.contentWidth / Math.max(labels.length, 1);
    labels.forEach((label, i) => {
      const x = this.left + i * each;
      this.doc.text(`${label}：`, x, y, { lineBreak: false });
      const lineStart = x + this.doc.widthOfString(`${label}：`) + 2;
      this.doc.save().lineWidth(0.6).moveTo(lineStart, y + size + 2).lineTo(x + each - 24, y + size + 2).stroke().restore();
      this.doc.text('日期：', x, y + size * 2.4, { lineBreak: false });
      const dateStart = x + this.doc.widthOfString('日期：') + 2;
      this.doc.save().lineWidth(0.6).moveTo(dateStart, y + size * 3.4 + 2).lineTo(x + each - 24, y + size * 3.4 + 2).stroke().restore();
    });
    this.doc.x = this.left;
    this.doc.y = y + size * 5;
  }

  /** Adds 「第 n 页 共 m 页」 (and the mark) to every page and returns the finished PDF. */
  async finish(): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottomMargin = page.margins.bottom;
      page.margins.bottom = 0; // writing inside the margin must not start a new page
      this.doc.font('regular').fontSize(LAYOUT.size.small).fillColor('#555555');
      this.doc.text(`第 ${i - start + 1} 页  共 ${count} 页`, page.margins.left, page.height - LAYOUT.footer - LAYOUT.size.small, {
        width: page.width - page.margins.left - page.margins.right,
        align: 'center',
        lineBreak: false,
      });
      if (this.mark) {
        this.doc.font('bold').fillColor('#c0392b');
        this.doc.text(`「${this.mark}」`, page.margins.left, page.margins.top / 2, {
          width: page.width - page.margins.left - page.margins.right,
          align: 'right',
          lineBreak: false,
        });
      }
      page.margins.bottom = bottomMargin;
    }
    this.doc.end();
    return this.done;
  }
}

/** 2023-05-08 → 2023年5月8日. */
export function chineseDate(date: IsoDate): string {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** Midnight of a China business date, as an instant (UTC+8, no daylight saving). */
export function chinaMidnight(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(`${date}T00:00:00+08:00`);
}

export function assertIsoDate(date: string, what = '日期'): void {
  if (typeof date !== 'string' || !isIsoDate(date)) throw new RangeError(`${what}不是有效的 YYYY-MM-DD 日期：${String(date)}`);
}

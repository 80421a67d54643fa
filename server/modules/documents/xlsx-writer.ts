/**
 * What the XLSX documents share: a workbook with fixed metadata, a sheet laid out as title, facts,
 * header row, data rows and a bold total row, amounts as numeric cells shown with two decimals, and
 * bytes that depend only on the input (zip entry times are pinned to the document's date).
 */
import ExcelJS from 'exceljs';
import type { IsoDate } from '../../../common/dates.js';
import { toFen, yuanDecimal, type FenInput } from './amount-in-words.js';
import { assertIsoDate, chinaMidnight } from './pdf-writer.js';

export interface SheetColumn {
  header: string;
  /** Width in characters (a CJK character counts about 2). */
  width: number;
  kind?: 'text' | 'amount' | 'integer';
}

export interface SheetSpec {
  /** Sheet name (Chinese; at most 31 characters, none of []:*?/\). */
  name: string;
  title: string;
  /** Lines under the title (period, issuer, mark). */
  facts: string[];
  columns: SheetColumn[];
  rows: Array<Array<string | number | bigint>>;
  /** The total row; amount cells as fen. */
  total: Array<string | number | bigint>;
  /** Lines under the table. */
  notes?: string[];
}

export const AMOUNT_FORMAT = '#,##0.00';

/** Amounts a spreadsheet cell holds exactly: up to 15 significant digits (10^15 − 1 fen). */
export const MAX_CELL_FEN = 10n ** 15n - 1n;

/**
 * The cell value of an amount: its exact decimal text in yuan ("12345.67"), converted to a number
 * once, with no arithmetic on the double. A double round-trips any decimal of up to 15 significant
 * digits, so the cell reads back as the same two decimals — and it is the value Excel itself would
 * store for that text. Larger amounts are refused rather than rounded.
 */
export function amountCell(amount: FenInput): number {
  const fen = toFen(amount);
  if (fen > MAX_CELL_FEN || fen < -MAX_CELL_FEN) throw new RangeError(`金额超出表格单元格可精确表示的范围：${fen} 分`);
  return Number(yuanDecimal(fen));
}

export async function workbookBuffer(sheets: SheetSpec[], meta: { title: string; issuer: string; date: IsoDate }): Promise<Buffer> {
  assertIsoDate(meta.date);
  const workbook = new ExcelJS.Workbook();
  const created = chinaMidnight(meta.date);
  workbook.creator = meta.issuer;
  workbook.lastModifiedBy = meta.issuer;
  workbook.title = meta.title;
  workbook.created = created;
  workbook.modified = created;
  for (const spec of sheets) addSheet(workbook, spec);
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  return pinZipTimes(data, created);
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const lastColumn = spec.columns.length;
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));

  const titleRow = sheet.addRow([spec.title]);
  sheet.mergeCells(titleRow.number, 1, titleRow.number, lastColumn);
  titleRow.font = { bold: true, size: 14 };
  titleRow.alignment = { horizontal: 'center' };
  titleRow.height = 24;
  for (const fact of spec.facts) {
    const row = sheet.addRow([fact]);
    sheet.mergeCells(row.number, 1, row.number, lastColumn);
  }

  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  const put = (values: Array<string | number | bigint>, bold: boolean) => {
    const row = sheet.addRow(
      values.map((value, i) => {
        const kind = spec.columns[i]?.kind ?? 'text';
        if (kind === 'amount' && value !== '') return amountCell(value as FenInput);
        if (kind === 'integer' && value !== '') return Number(value);
        return String(value);
      }),
    );
    spec.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.border = thin;
      if (column.kind === 'amount') cell.numFmt = AMOUNT_FORMAT;
      cell.alignment = { vertical: 'middle', wrapText: column.kind !== 'amount', horizontal: column.kind === 'text' || !column.kind ? 'left' : 'right' };
      if (bold) cell.font = { bold: true };
    });
    return row;
  };
  header.eachCell((cell) => {
    cell.border = thin;
  });
  for (const values of spec.rows) put(values, false);
  put(spec.total, true);

  for (const note of spec.notes ?? []) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, lastColumn);
    row.alignment = { wrapText: true };
  }
}

const side = { style: 'thin' as const, color: { argb: 'FF333333' } };
const thin: Partial<ExcelJS.Borders> = { top: side, left: side, bottom: side, right: side };

/**
 * Sets the DOS time and date of every entry of a zip (local headers and central directory) to
 * `when`, so that writing the same workbook twice gives the same bytes. Entry sizes and offsets do
 * not change: the fields are fixed-width.
 */
export function pinZipTimes(zip: Buffer, when: Date): Buffer {
  const out = Buffer.from(zip);
  const time = 0; // 00:00:00
  // Business date in China: `when` is China midnight, i.e. 16:00 UTC the day before.
  const china = new Date(when.getTime() + 8 * 3600_000);
  const date = ((Math.max(china.getUTCFullYear(), 1980) - 1980) << 9) | ((china.getUTCMonth() + 1) << 5) | china.getUTCDate();
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is malformed`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header ${i} is malformed`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/**
 * Reads an uploaded table (CSV or XLSX) into rows of text cells keyed by header, with the line
 * number each row has in the file (the header is line 1), so every error can name its row.
 * CSV may be UTF-8 (with or without BOM) or GB18030/GBK, as Excel on Chinese Windows saves it.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../errors.js';
import { assertXlsxWithinBounds } from './xlsx-bounds.js';

export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export type TableFormat = 'csv' | 'xlsx';

export function formatOf(fileName: string): TableFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new AppError('VALIDATION', `不支持的文件类型：${fileName}（仅支持 .csv 和 .xlsx）`, { field: 'file' });
}

/** `fileName` names the file in a refusal (a zip-bomb XLSX is refused before it is parsed). */
export async function readTable(data: Buffer, format: TableFormat, fileName = ''): Promise<Table> {
  return format === 'csv' ? readCsv(data) : readXlsx(data, fileName);
}

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function readCsv(data: Buffer): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decodeText(data), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new AppError('IMPORT_INVALID', 'CSV 文件格式错误，未导入任何数据', {
      details: [{ line: e.lines, reason: `CSV 解析失败：${e.message}` }],
    });
  }
  const [head, ...body] = records;
  if (!head) return { headers: [], rows: [] };
  const headers = head.record.map((h) => h.trim());
  return {
    headers,
    rows: body.map(({ record, info }) => ({ line: info.lines, cells: cellsOf(headers, record) })),
  };
}

/** Undoes the formula guard our CSV export (and many other tools) put before = + - @. */
function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function cellsOf(headers: string[], values: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  headers.forEach((h, i) => {
    cells[h] = unguard((values[i] ?? '').trim());
  });
  // Extra cells beyond the header are kept under their position so the row can be reported.
  for (let i = headers.length; i < values.length; i++) if ((values[i] ?? '').trim()) cells[`#${i + 1}`] = values[i]!.trim();
  return cells;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer, fileName: string): Promise<Table> {
  assertXlsxWithinBounds(data, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('IMPORT_INVALID', 'XLSX 文件无法读取，未导入任何数据', {
      details: [{ reason: `XLSX 解析失败：${(error as Error).message}` }],
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value).trim();
  });
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    if (values.every((v) => !v || !v.trim())) return;
    rows.push({ line: rowNumber, cells: cellsOf(headers, Array.from(values, (v) => v ?? '')) });
  });
  return { headers, rows };
}

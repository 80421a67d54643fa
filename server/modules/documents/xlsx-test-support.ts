/** Reads back what the XLSX builders wrote, for tests. */
import ExcelJS from 'exceljs';

export async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}

/**
 * Cell values row by row (0-based), '' for an empty cell; a merged range counts once, so a title
 * or note row merged across the table reads as a one-cell row.
 */
export function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      cells.push(cell.value ?? '');
    }
    rows[number - 1] = cells;
  });
  return rows;
}

/**
 * An import's template as people fill it in Excel: the header row the import reads (the Chinese
 * column names), one example row, and a 填写说明 sheet that says for each column whether it is
 * required and what it takes. Every import offers one, so nobody starts from a developer's note.
 */
import ExcelJS from 'exceljs';

export interface TemplateColumn {
  zh: string;
  required?: boolean;
  description: string;
  example: string;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function importTemplateXlsx(sheetName: string, columns: readonly TemplateColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.zh, width: Math.max(14, c.zh.length * 2 + 4) }));
  // Every cell is text, so a credit code or a date keeps its digits as written.
  sheet.addRow(columns.map((c) => c.example)).eachCell((cell) => { cell.numFmt = '@'; });
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => { if (c.required) sheet.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } }; });
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'zh', width: 20 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'description', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ zh: c.zh, required: c.required ? '是' : '', description: c.description });
  help.addRow({});
  help.addRow({ zh: '注意', description: '第一行为列名（红色为必填列），第二行为示例，请删除示例行后填写。整份文件全部正确才会导入；有错误的行会逐行列出，全部数据均不导入。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

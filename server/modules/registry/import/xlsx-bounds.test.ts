/** A zip-bomb XLSX is refused from its zip directory, before the workbook parser inflates anything. */
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';
import ExcelJS from 'exceljs';
import { MAX_XLSX_ENTRIES, MAX_XLSX_UNCOMPRESSED_BYTES } from './xlsx-bounds.js';
import { xlsxBomb, zipBomb } from './zip-bomb-support.js';

const GiB = 1024 * 1024 * 1024;

async function refusal(p: Promise<unknown>) {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).not.toBeNull();
  return error as { code: string; message: string; options: { field?: string } };
}

describe('XLSX bounds', () => {
  it('refuses a sheet that inflates to 1 GiB with 413 naming the file', async () => {
    const bomb = xlsxBomb(GiB);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await refusal(readTable(bomb, 'xlsx', '合同台账.xlsx'));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', options: { field: 'file' } });
    expect(error.message).toBe(`文件“合同台账.xlsx”解压后超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB（疑似压缩炸弹），请拆分后分批导入，未导入任何数据`);
  });

  it('refuses a directory that under-states the sizes, counting what really inflates', async () => {
    const liar = xlsxBomb(MAX_XLSX_UNCOMPRESSED_BYTES + 16 * 1024 * 1024, 1000);
    const error = await refusal(readTable(liar, 'xlsx', 'weizao.xlsx'));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', options: { field: 'file' } });
    expect(error.message).toContain('weizao.xlsx');
  });

  it('refuses a zip of thousands of entries', async () => {
    const many = zipBomb(Array.from({ length: MAX_XLSX_ENTRIES + 1 }, (_, i) => ({ name: `x/${i}.xml`, text: '<a/>' })));
    const error = await refusal(readTable(many, 'xlsx', 'duo.xlsx'));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', options: { field: 'file' } });
    expect(error.message).toContain(`超过 ${MAX_XLSX_ENTRIES} 个`);
  });

  it('still reads a real workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('导入');
    sheet.addRow(['名称', '金额']);
    sheet.addRow(['甲', '1']);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx', 'ok.xlsx');
    expect(table.rows).toEqual([{ line: 2, cells: { 名称: '甲', 金额: '1' } }]);
  });
});

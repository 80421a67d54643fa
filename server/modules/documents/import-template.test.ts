/**
 * Every import offers an XLSX template: its header row is what the import reads, its second row the
 * example, and a 填写说明 sheet says what each column takes. The template read back through the
 * import's own reader has exactly the kind's columns; filled in as shipped, it imports.
 */
import ExcelJS from 'exceljs';
import { multipartFile } from '../../testing/multipart.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { creditRecordsImport } from '../credit/credit-import.js';
import { CONTRACT_IMPORT_KINDS } from '../contracts/import/kinds.js';
import { LISTING_COLUMNS } from '../market/import/listings-import.js';
import { IMPORT_KINDS } from '../registry/import/kinds.js';
import { readTable } from '../registry/import/read-table.js';

const TEMPLATES: { url: string; columns: { zh: string; example: string; required?: boolean }[] }[] = [
  ...Object.entries(IMPORT_KINDS).map(([kind, spec]) => ({ url: `/api/import/${kind}/template.xlsx`, columns: spec.columns })),
  ...Object.entries(CONTRACT_IMPORT_KINDS).map(([kind, spec]) => ({ url: `/api/contracts/import/${kind}/template.xlsx`, columns: spec.columns })),
  { url: '/api/market/import/achievements/template.xlsx', columns: LISTING_COLUMNS.achievement },
  { url: '/api/market/import/demands/template.xlsx', columns: LISTING_COLUMNS.demand },
  { url: '/api/credit-records/template.xlsx', columns: creditRecordsImport.columns },
];


for (const dialect of await testDialects()) {
  describe(`import templates on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let enterprise: Session;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      operator = await t.loginAs(['operator']);
      enterprise = await t.loginAs(['enterprise']);
    });
    afterAll(async () => t.close());

    const get = (url: string, s: Session) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    it.each(TEMPLATES)('$url has the import columns, one example row and the instructions', async ({ url, columns }) => {
      const res = await get(url, operator);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''.+%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF\.xlsx/); // …导入模板.xlsx
      const table = await readTable(res.rawPayload, 'xlsx');
      expect(table.headers).toEqual(columns.map((c) => c.zh));
      expect(table.rows).toHaveLength(1);
      expect(columns.map((c) => table.rows[0]!.cells[c.zh] ?? '')).toEqual(columns.map((c) => c.example));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const help = wb.getWorksheet('填写说明')!;
      const described = help.getColumn(1).values.slice(2).map(String);
      for (const c of columns) expect(described).toContain(c.zh);
      const required = columns.filter((c) => c.required).map((c) => c.zh);
      const marked = help.getSheetValues().filter((row) => Array.isArray(row) && row[2] === '是').map((row) => (row as unknown[])[1]);
      expect(marked).toEqual(required);
    });

    it('the organizations template, uploaded as downloaded, imports its example row', async () => {
      const template = (await get('/api/import/organizations/template.xlsx', operator)).rawPayload;
      const { body, contentType } = multipartFile('机构导入模板.xlsx', template);
      const res = await t.app.inject({ method: 'POST', url: '/api/import/organizations', headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrf, 'content-type': contentType }, payload: body });
      expect(res.json()).toMatchObject({ total: 1, created: 1 });
      // Every example cell lands, the 机构简介 too.
      const imported = await t.handle.db.selectFrom('organization').select(['uscc', 'description']).where('name', '=', '平顶山湛河示例电气研究院有限公司').executeTakeFirstOrThrow();
      expect(imported).toEqual({ uscc: '91410411MA9F3K2L2D', description: '专注中高压开关电器研发与制造。' });
    });

    it('is refused to a role that may not import', async () => {
      const res = await get('/api/import/organizations/template.xlsx', enterprise);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).not.toMatch(/[a-z]+\.[a-z]+/);
    });
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, makePerson, makePlatform } from '../../../testing/builders.js';
import { readFile, tempDir } from '../import/import-test-support.js';
import { importTable } from '../import/import-table.js';
import { IMPORT_KINDS } from '../import/kinds.js';
import { exportRows, exportToFile } from './export-table.js';

for (const dialect of await testDialects()) {
  describe(`registry export on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const dir = tempDir();
    const zhanhe: string[] = [];
    let xinhua = '';
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      const district = testCtx(handle); // 410411 湛河区
      for (let i = 0; i < 7; i++) zhanhe.push((await makeOrganization(district, { name: `湛河导出测试${i}有限公司` })).uscc);
      await makePerson(district, { name: '导出测试人' });
      const other = testCtx(handle, { jurisdictionCode: '410402' }); // 新华区
      xinhua = (await makeOrganization(other, { divisionCode: '410402' })).uscc;
      await makePlatform(other);
    });
    afterAll(async () => {
      await handle.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('exports only the actor’s jurisdiction; a city actor sees its districts', async () => {
      const district = await readFile(writeTo('district.csv', await exportRows(testCtx(handle), 'organizations', 'csv')));
      const codes = district.rows.map((r) => r.cells['统一社会信用代码']);
      expect(codes.sort()).toEqual([...zhanhe].sort());
      const city = await readFile(writeTo('city.csv', await exportRows(testCtx(handle, { jurisdictionCode: '410400' }), 'organizations', 'csv')));
      expect(city.rows.map((r) => r.cells['统一社会信用代码'])).toContain(xinhua);
      expect(city.rows.length).toBe(zhanhe.length + 2); // makePlatform adds its host in 新华区
      const platforms = await readFile(writeTo('platforms.csv', await exportRows(testCtx(handle), 'platforms', 'csv')));
      expect(platforms.rows).toEqual([]);
      expect(platforms.headers[0]).toBe('名称');
    });

    it('needs the registry.export permission', async () => {
      const enterprise = testCtx(handle, { roles: ['enterprise'] });
      await expect(exportRows(enterprise, 'organizations', 'csv')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(exportToFile(enterprise, 'people', 'xlsx', path.join(dir, 'no.xlsx'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(fs.existsSync(path.join(dir, 'no.xlsx'))).toBe(false);
      await expect(exportRows(testCtx(handle, { roles: ['evaluator'] }), 'organizations', 'csv')).resolves.toBeInstanceOf(Buffer);
    });

    it('guards cells that a spreadsheet would run as formulas, and reads them back unchanged', async () => {
      const ctx = testCtx(handle, { jurisdictionCode: '410403' });
      const org = await makeOrganization(ctx, { divisionCode: '410403', address: '=HYPERLINK("http://evil.example","点我")' });
      const data = (await exportRows(ctx, 'organizations', 'csv')).toString('utf8');
      expect(data).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
      const table = await readFile(writeTo('formula.csv', Buffer.from(data, 'utf8')));
      const row = table.rows.find((r) => r.cells['统一社会信用代码'] === org.uscc);
      expect(row?.cells['地址']).toBe('=HYPERLINK("http://evil.example","点我")');
    });

    it('exports the 机构简介, and the export re-imports unchanged', async () => {
      const ctx = testCtx(handle, { jurisdictionCode: '410421' });
      const description = '专注真空断路器研发，\n可提供开关柜检测服务。';
      const org = await makeOrganization(ctx, { divisionCode: '410421', description });
      await makeOrganization(ctx, { divisionCode: '410421' });
      const file = writeTo('description.csv', await exportRows(ctx, 'organizations', 'csv'));
      const table = await readFile(file);
      expect(table.headers).toContain('机构简介');
      expect(table.rows.find((r) => r.cells['统一社会信用代码'] === org.uscc)?.cells['机构简介']).toBe(description);
      expect(await importTable(ctx, IMPORT_KINDS.organizations as Parameters<typeof importTable>[1], table)).toMatchObject({ total: 2, unchanged: 2 });
    });

    it('writes CSV as UTF-8 with a BOM, in credit-code order across pages', async () => {
      const data = await exportRows(testCtx(handle), 'organizations', 'csv', { pageSize: 3 });
      expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const table = await readFile(writeTo('paged.csv', data));
      expect(table.rows.map((r) => r.cells['统一社会信用代码'])).toEqual([...zhanhe].sort());
    });

    it('streams CSV and XLSX to a file page by page, with the same rows as in memory', async () => {
      const ctx = testCtx(handle);
      for (const format of ['csv', 'xlsx'] as const) {
        const file = path.join(dir, `streamed.${format}`);
        expect(await exportToFile(ctx, 'organizations', format, file, { pageSize: 2 })).toEqual({ rows: zhanhe.length });
        expect(fs.existsSync(`${file}.partial`)).toBe(false);
        const streamed = await readFile(file);
        const inMemory = await readFile(writeTo(`memory.${format}`, await exportRows(ctx, 'organizations', format)));
        expect(streamed).toEqual(inMemory);
      }
    });

    function writeTo(name: string, data: Buffer): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      return file;
    }
  });
}

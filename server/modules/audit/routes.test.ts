import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationInputFor } from '../../testing/builders.js';
import { createTestApp } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { findInternals } from '../../testing/internals.js';

for (const dialect of await testDialects()) {
  describe(`GET /api/audit and its export on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => t.close());

    it('filters by the acting person and by Beijing dates, and exports the same rows in words', async () => {
      const s = await t.loginAs(['operator']);
      const input = organizationInputFor({ name: '湛河导出测试新材料有限公司' });
      expect((await t.call(s, 'POST', '/api/organizations', input)).statusCode).toBe(201);

      const mine = (await t.call(s, 'GET', `/api/audit?actor=${encodeURIComponent('operator')}`)).json();
      expect(mine.items.length).toBeGreaterThan(0);
      expect(mine.items.every((e: { actorName: string }) => e.actorName.includes('operator'))).toBe(true);
      const nobody = (await t.call(s, 'GET', `/api/audit?actor=${encodeURIComponent('没有这个人')}`)).json();
      expect(nobody.total).toBe(0);
      const before = (await t.call(s, 'GET', '/api/audit?to=2000-01-01')).json();
      expect(before.total).toBe(0);
      expect((await t.call(s, 'GET', '/api/audit?from=2000-13-01')).statusCode).toBe(400);

      const res = await t.call(s, 'GET', '/api/audit/export?subjectType=organization');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('审计日志')!;
      const texts: string[] = [];
      sheet.eachRow((row) => texts.push(row.values!.toString()));
      const row = texts.find((r) => r.includes('新建了机构「湛河导出测试新材料有限公司」'));
      expect(row).toBeDefined();
      expect(findInternals(row!.replaceAll(/u\d+_operator/g, '王科员'))).toEqual([]); // test accounts are named by their role
    });
  });
}

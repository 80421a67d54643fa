/**
 * 成果定价公示 over HTTP on both databases: 400 naming the field, the valuation report judged by its
 * content, the portal's list, detail and download without a session, a visitor's objection, and the
 * contract's submission refused (409, in words) while the 公示 runs.
 */
import { multipartFile } from '../../testing/multipart.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInternals } from '../../testing/internals.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { makeOrganization } from '../../testing/builders.js';
import { testDialects } from '../../testing/databases.js';
import { makeContract } from '../contracts/test-support.js';


for (const dialect of await testDialects()) {
  describe(`pricing API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let institution: Session;
    let contract: { id: string; version: number };
    beforeAll(async () => {
      t = await createTestApp(dialect);
      const college = (await makeOrganization(t.ctx, { kind: 'research_institute', name: '湛河接口测试研究所' })).id;
      contract = await makeContract(t.ctx, { name: '接口测试技术秘密许可合同', type: 'license', subtype: 'trade_secret_license', licenseScope: 'ordinary', licenseYears: 3, sellers: [{ organizationId: college }] });
      institution = await t.loginAs(['institution'], [college]);
    }, 60_000);
    afterAll(async () => t.close());

    const upload = (fileName: string, content: Buffer) => {
      const { body, contentType } = multipartFile(fileName, content);
      return t.app.inject({ method: 'POST', url: '/api/pricing/valuation-reports', headers: { cookie: institution.cookie, 'x-csrf-token': institution.csrf, 'content-type': contentType }, payload: body });
    };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

    it('answers bad input with 400 naming the field, and a disguised file by its content', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ method: 'gift', priceFen: 100, decisionBody: '所务会', decidedOn: today }, 'method'],
        [{ method: 'auction', priceFen: 0, decisionBody: '所务会', decidedOn: today }, 'priceFen'],
        [{ method: 'auction', priceFen: 100, decisionBody: '', decidedOn: today }, 'decisionBody'],
        [{ method: 'auction', priceFen: 100, decisionBody: '所务会', decidedOn: '2026-13-01' }, 'decidedOn'],
      ];
      for (const [payload, field] of cases) {
        const res = await t.call(institution, 'POST', `/api/contracts/${contract.id}/pricing`, payload);
        expect(res.statusCode, res.body).toBe(400);
        expect(JSON.stringify(res.json())).toContain(field);
      }
      const fake = await upload('评估报告.pdf', Buffer.from('MZ this is not a PDF'));
      expect(fake.statusCode).toBe(400);
      expect(fake.json().error.message).toMatch(/不是 PDF、JPEG、PNG 或 OFD/);
      const refused = await t.call(institution, 'POST', `/api/contracts/${contract.id}/transitions`, { to: 'submitted', version: contract.version });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/须先将成果定价.*在门户公示/);
    });

    it('publicizes with a valuation report; the portal shows and serves it; a visitor objects; submission waits', async () => {
      const report = await upload('资产评估报告.pdf', Buffer.from('%PDF-1.4\n评估\n'));
      expect(report.statusCode, report.body).toBe(201);
      const created = await t.call(institution, 'POST', `/api/contracts/${contract.id}/pricing`, {
        method: 'agreement', priceFen: 12_345_678, decisionBody: '所务会', decidedOn: today, valuationFileHash: report.json().hash, valuationFileName: '资产评估报告.pdf',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const list = await t.call(null, 'GET', '/api/public/pricing');
      expect(list.json()).toEqual([expect.objectContaining({ id, contractName: '接口测试技术秘密许可合同', methodLabel: '协议定价', priceFen: 12_345_678, stage: 'running' })]);
      // The list exports as the portal shows it, without a session: in words, the price in 元.
      const exported = await t.call(null, 'GET', '/api/public/pricing/export.xlsx');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toContain('.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('成果定价公示')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const header = rows.find((r) => r[0] === '序号')!;
      expect(header).toEqual(['序号', '转让（许可）方', '合同名称', '合同类型', '受让（被许可）方', '定价方式', '价格（元）', '资产评估报告', '决策机构', '决策日期', '公示期', '异议（件）', '公示结果']);
      const line = rows.find((r) => r[2] === '接口测试技术秘密许可合同')!;
      expect(line.slice(0, 8)).toEqual([1, '湛河接口测试研究所', '接口测试技术秘密许可合同', '技术许可', expect.stringContaining('测试企业'), '协议定价', 123456.78, '有']);
      expect(findInternals(JSON.stringify(rows))).toEqual([]);
      const file = await t.call(null, 'GET', `/api/public/pricing/${id}/valuation-report`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('application/pdf');
      expect(file.body.startsWith('%PDF-')).toBe(true);
      const bad = await t.call(null, 'POST', `/api/public/pricing/${id}/objections`, { name: '王五', content: '价格偏低，请说明依据' });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('contact');
      const objected = await t.call(null, 'POST', `/api/public/pricing/${id}/objections`, { name: '王五', contact: 'wangwu@example.com', content: '价格偏低，请说明依据' });
      expect(objected.statusCode, objected.body).toBe(201);
      expect(objected.json().contact).toBeNull();
      const page = await t.call(institution, 'GET', `/api/contracts/${contract.id}/pricing`);
      expect(page.json()).toMatchObject({ required: true, blocker: expect.stringContaining('期满后方可提交登记'), publicities: [{ objections: [{ submitterName: '王五', contact: 'wangwu@example.com' }] }] });
      const refused = await t.call(institution, 'POST', `/api/contracts/${contract.id}/transitions`, { to: 'submitted', version: contract.version });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ field: 'pricing' });
    });
  });
}

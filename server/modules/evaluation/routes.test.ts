/**
 * The report's route through app.inject(): the JSON preview and both downloads, who may read it,
 * and the evaluator staying read-only everywhere — it reads the report and the indicators but is
 * refused every write route it might try, one or more per module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { nextIdNumber, organizationInputFor } from '../../testing/builders.js';
import { testDialects } from '../../testing/databases.js';
import { flatText, parsePdf } from '../documents/pdf-test-support.js';
import { loadWorkbook } from '../documents/xlsx-test-support.js';
import { PERMISSIONS, type Action } from '../access/permissions.js';
import { SHEET_NAMES } from './report-documents.js';
import type { AnnualReport } from './schema.js';
import { buildEvaluationWorld } from './test-support.js';

/** Representative write routes of every module, with plausible bodies. */
const writes = (org: string, contract: string): [string, string, unknown?][] => [
  ['POST', '/api/organizations', organizationInputFor()],
  ['PATCH', `/api/organizations/${org}`, { version: 1, address: '湛河区' }],
  ['POST', '/api/people', { name: '李新', idNumber: nextIdNumber() }],
  ['POST', '/api/platforms', { name: '评估测试平台', type: 'incubator', level: 'district', hostOrganizationId: 'none', recognizedOn: '2024-01-01' }],
  ['POST', '/api/import/organizations'],
  ['POST', '/api/contracts', { name: '评估写入测试合同', type: 'development', subtype: 'commissioned', sellers: [{ organizationId: 'none' }], buyers: [{ organizationId: 'none2' }], signedOn: '2026-03-01', amountFen: 10_000_000, techField: 'advanced_manufacturing' }],
  ['POST', `/api/contracts/${contract}/transitions`, { to: 'registered', version: 1 }],
  ['POST', `/api/contracts/${contract}/payments`, { paidOn: '2026-05-01', amountFen: 100 }],
  ['POST', '/api/evidence'],
  ['POST', '/api/subsidies/settlements', { policy: 'zhanhe-2022', year: 2023 }],
  ['POST', '/api/notices', { title: '评估写入测试通知', policy: 'zhanhe-2022', year: 2026, opensOn: '2026-03-01', closesOn: '2026-03-31', rules: ['enterprise_purchase'], noticeDays: 5 }],
  ['POST', '/api/notices/none/approve', { version: 1 }],
  ['POST', '/api/applications', { noticeId: 'none', organizationId: 'none' }],
  ['POST', '/api/applications/none/first-review', { version: 1, decision: 'pass' }],
  ['POST', '/api/applications/none/payment', { version: 1, paidOn: '2026-05-01', bankReference: 'REF-0001' }],
  ['POST', '/api/market/achievements', { title: '评估写入测试成果', description: '评估写入测试成果的简介，至少十个字。', technicalField: 'advanced_manufacturing', transferModes: ['license'], priceKind: 'negotiable', ownerOrganizationId: 'none' }],
  ['POST', '/api/market/demands/none/transitions', { to: 'published', version: 1 }],
  ['POST', '/api/market/import/achievements'],
  ['POST', '/api/deals', { demandId: 'none' }],
  ['POST', '/api/deals/none/sign', { version: 1, amountFen: 100 }],
  ['POST', '/api/events', { title: '评估写入测试对接会', kind: 'matchmaking', heldOn: '2026-06-01', place: '湛河区', organizerName: '湛河区科技局' }],
  ['POST', '/api/supervision/plans'],
  ['POST', '/api/supervision/reports', { measureId: 'none', unitId: 'none', period: '2023Q1' }],
  ['POST', '/api/supervision/reports/none/review', { version: 1, decision: 'accept' }],
  ['POST', '/api/supervision/remind', { date: '2026-05-01' }],
];

/** What the evaluator holds beyond reading: taking part as any member of the public may, and its own notifications. */
const EVALUATOR_PARTICIPATION: Action[] = ['applications.objection.create', 'notifications.update'];

describe('the evaluator in the permission table', () => {
  it('holds only read and export actions, besides public participation and its own notifications', () => {
    const held = (Object.keys(PERMISSIONS) as Action[]).filter((a) => (PERMISSIONS[a] as Record<string, unknown>).evaluator !== undefined);
    const writes = held.filter((a) => !/\.(read|export)$/.test(a));
    expect(writes.sort()).toEqual([...EVALUATOR_PARTICIPATION].sort());
    expect(held).toContain('evaluation.report.read');
  });
});

for (const dialect of await testDialects()) {
  describe(`evaluation routes on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let evaluator: Session;
    let orgA: string;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      orgA = (await buildEvaluationWorld(t.ctx)).orgs.A;
      evaluator = await t.loginAs(['evaluator']);
    }, 120_000);
    afterAll(async () => t.close());

    it('previews the report as JSON', async () => {
      const res = await t.call(evaluator, 'GET', '/api/evaluation/reports/2023');
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as AnnualReport;
      expect(report.targets.map((x) => [x.id, x.value])).toEqual([['T1', 1], ['T2', 3], ['T3', 1], ['T4', 1], ['T5', 1]]);
      expect(report.subsidies.total.paidFen).toBe(5_000_000);
      expect(report.supervision.totals.overdue).toBe(10);
    });

    it('downloads the PDF and the XLSX with Chinese file names', async () => {
      const pdf = await t.call(evaluator, 'GET', '/api/evaluation/reports/2023?format=pdf');
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(String(pdf.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('2023年度技术转移体系建设评估报告-410411.pdf')}`);
      expect(flatText(parsePdf(pdf.rawPayload))).toContain('2023年度技术转移体系建设评估报告');
      const xlsx = await t.call(evaluator, 'GET', '/api/evaluation/reports/2023?format=xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((await loadWorkbook(xlsx.rawPayload)).worksheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
    });

    it('names a bad year or format, and a year not yet begun', async () => {
      const bad = await t.call(evaluator, 'GET', '/api/evaluation/reports/2023?format=doc');
      expect(bad.statusCode).toBe(400);
      expect((await t.call(evaluator, 'GET', '/api/evaluation/reports/20x3')).statusCode).toBe(400);
      expect((await t.call(evaluator, 'GET', '/api/evaluation/reports/2099')).statusCode).toBe(400);
      expect((await t.call(evaluator, 'GET', '/api/evaluation/reports/2023?jurisdiction=410402')).statusCode).toBe(403);
    });

    it('lets operator, admin, finance and department read it; refuses an enterprise and the public', async () => {
      for (const role of ['operator', 'admin', 'finance', 'department'] as const) {
        expect((await t.call(await t.loginAs([role]), 'GET', '/api/evaluation/reports/2023')).statusCode, role).toBe(200);
      }
      expect((await t.call(await t.loginAs(['enterprise']), 'GET', '/api/evaluation/reports/2023')).statusCode).toBe(403);
      expect((await t.call(null, 'GET', '/api/evaluation/reports/2023')).statusCode).toBe(401);
    });

    it('keeps the evaluator read-only: reads report and indicators, 403 on every write route it tries', async () => {
      expect((await t.call(evaluator, 'GET', '/api/indicators?asOf=2023-12-31')).statusCode).toBe(200);
      expect((await t.call(evaluator, 'GET', '/api/indicators/trends?from=2022&to=2023')).statusCode).toBe(200);
      const contract = await t.handle.db.selectFrom('contract').select('id').where('status', '=', 'submitted').executeTakeFirstOrThrow();
      const tried = writes(orgA, contract.id);
      const answers: string[] = [];
      for (const [method, url, body] of tried) {
        const res = await t.call(evaluator, method, url, body);
        answers.push(`${method} ${url} → ${res.statusCode}${res.statusCode === 403 ? '' : ` ${res.body}`}`);
      }
      expect(answers).toEqual(tried.map(([method, url]) => `${method} ${url} → 403`));
    });
  });
}

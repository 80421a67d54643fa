/**
 * The indicator routes through the API: the dashboard's values, drill-down and trends for the roles
 * that hold `indicators.read`; the public subset and its open data downloads without a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../common/dates.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import type { IndicatorReport, Trends } from '../../../common/indicator-api.js';
import { buildIndicatorWorld } from './test-support.js';

for (const dialect of await testDialects()) {
  describe(`indicator routes on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let evaluator: Session;
    let department: Session;
    let enterprise: Session;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const world = await buildIndicatorWorld(t.ctx);
      operator = await t.loginAs(['operator']);
      evaluator = await t.loginAs(['evaluator']);
      department = await t.loginAs(['department']);
      enterprise = await t.loginAs(['enterprise'], [world.orgs.A]);
    }, 120_000);
    afterAll(async () => t.close());

    it('answers every indicator with value, target and deadline', async () => {
      const res = await t.call(operator, 'GET', '/api/indicators?asOf=2023-12-31');
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as IndicatorReport;
      expect(report).toMatchObject({ jurisdictionCode: '410411', jurisdiction: '河南省平顶山市湛河区', asOf: '2023-12-31', set: { id: 'zhanhe-2022' } });
      expect(report.indicators.map((i) => [i.id, i.value, i.target, i.deadline])).toEqual([
        ['T1', 1, 1, '2023-12-31'],
        ['T2', 3, 30, '2023-12-31'],
        ['T3', 1, 10, '2023-12-31'],
        ['T4', 1, 20, '2023-12-31'],
        ['T5', 1, 30, '2025-12-31'],
        ['contracts', 5, null, null],
        ['turnover', 3_950_000, null, null],
        ['inflow', 4, null, null],
        ['outflow', 2, null, null],
        ['academic_transfers', 2, null, null],
        ['incubators', 2, null, null],
        ['international', 1, null, null],
        ['subsidy_applications', 2, null, null],
        ['subsidy_paid', 5_000_000, null, null],
        ['trainings', 0, null, null],
      ]);
    });

    it('lets government roles and the evaluator read; refuses an enterprise', async () => {
      expect((await t.call(evaluator, 'GET', '/api/indicators/T3/entities?asOf=2023-06-30&page=1&pageSize=10')).json()).toMatchObject({ total: 2, page: 1 });
      expect((await t.call(department, 'GET', '/api/indicators?asOf=2023-12-31')).statusCode).toBe(200);
      expect((await t.call(enterprise, 'GET', '/api/indicators')).statusCode).toBe(403);
      expect((await t.call(null, 'GET', '/api/indicators')).statusCode).toBe(401);
    });

    it('validates its parameters and names the field', async () => {
      const bad = await t.call(operator, 'GET', '/api/indicators?asOf=2023-02-30');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('asOf');
      expect((await t.call(operator, 'GET', '/api/indicators/trends?from=2025&to=2022')).statusCode).toBe(400);
      expect((await t.call(operator, 'GET', '/api/indicators/T3/entities?pageSize=1000')).statusCode).toBe(400);
      expect((await t.call(operator, 'GET', '/api/indicators/T9/entities')).statusCode).toBe(404);
    });

    it('gives yearly trends', async () => {
      const trends = (await t.call(operator, 'GET', '/api/indicators/trends?from=2022&to=2023')).json() as Trends;
      expect(trends.years).toEqual([2022, 2023]);
      expect(trends.series.find((s) => s.id === 'contracts')!.values).toEqual([1, 5]);
    });

    it('publishes only the public subset, to anyone, as JSON and CSV', async () => {
      const res = await t.call(null, 'GET', '/api/public/statistics?asOf=2023-12-31&jurisdiction=410411');
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as IndicatorReport;
      const ids = report.indicators.map((i) => i.id);
      expect(ids).toContain('T3');
      expect(ids).toContain('subsidy_paid');
      expect(ids).not.toContain('subsidy_applications');
      expect(ids).not.toContain('trainings');
      expect(report.indicators.every((i) => i.public)).toBe(true);
      // A future date is published as of today (Beijing).
      expect(((await t.call(null, 'GET', '/api/public/statistics?asOf=2999-01-01')).json() as IndicatorReport).asOf).toBe(chinaDate(new Date()));

      const json = await t.call(null, 'GET', '/api/public/statistics.json?asOf=2023-12-31');
      expect(json.headers['content-disposition']).toBe('attachment; filename="statistics-410411-2023-12-31.json"');
      expect((JSON.parse(json.body) as IndicatorReport).indicators.map((i) => i.id)).toEqual(ids);

      const csv = await t.call(null, 'GET', '/api/public/statistics.csv?asOf=2023-12-31');
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines[0]).toBe('指标编号,指标名称,indicator,单位,统计日期,统计区间,分组维度,分组,数值,技术交易额（分）,目标值,目标期限,辖区');
      expect(lines).toContain('T3,高新技术企业,High-tech enterprises with a valid certificate,家,2023-12-31,,,,1,,10,2023-12-31,河南省平顶山市湛河区');
      expect(lines).toContain('contracts,登记技术合同,Registered technology contracts (year to date),项,2023-12-31,2023-01-01~2023-12-31,合同类型,技术转让,1,2500000,,,河南省平顶山市湛河区');
      expect(csv.body.startsWith('\uFEFF')).toBe(true);
    });
  });
}

/**
 * The indicators on a small fixed world (test-support.ts), with the exact numbers worked out by
 * hand: certificates before and after expiry, platforms before recognition and after revocation,
 * contracts by type, field, origin and direction, subsidies against budget; and the definitions file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import type { Ctx } from '../../context.js';
import { computeReport, computeTrendsFor } from './compute-indicators.js';
import { builtInIndicatorSet, indicatorSetFor, parseIndicatorSet } from './definitions.js';
import { listIndicatorEntities } from './list-indicator-entities.js';
import type { IndicatorReport } from '../../../common/indicator-api.js';
import { buildIndicatorWorld } from './test-support.js';
import { savePractitioner } from '../talent/save-practitioner.js';
import { updatePractitioner } from '../talent/update-practitioner.js';
import { createCourse } from '../talent/create-course.js';
import { enrolPerson } from '../talent/enrol-person.js';
import { markAttendance } from '../talent/mark-attendance.js';
import { issueCertificates } from '../talent/issue-certificates.js';
import { makePerson } from '../../testing/builders.js';

const value = (r: IndicatorReport, id: string) => r.indicators.find((i) => i.id === id)!;
const items = (r: IndicatorReport, id: string, dimension: string) =>
  Object.fromEntries(value(r, id).breakdowns.find((b) => b.dimension === dimension)!.items.map((i) => [i.key, [i.value, i.amountFen]]));

describe('indicator definitions', () => {
  it('loads the Zhanhe file: T1–T5 with the plan’s targets and deadlines', () => {
    const set = builtInIndicatorSet('zhanhe-2022')!;
    expect(set.jurisdictionCode).toBe('410411');
    expect(set.indicators.filter((d) => d.target !== null).map((d) => [d.id, d.target, d.deadline])).toEqual([
      ['T1', 1, '2023-12-31'],
      ['T2', 30, '2023-12-31'],
      ['T3', 10, '2023-12-31'],
      ['T4', 20, '2023-12-31'],
      ['T5', 30, '2025-12-31'],
    ]);
  });

  it('names file, path and reason for a bad file', () => {
    const bad = `id: x\ntitle: t\njurisdiction: j\njurisdiction_code: '410411'\nindicators:\n  - { id: T1, name: n, name_en: n, unit: organization, target: 1, measure: rd_platforms, source: { clause: a, text: b } }\n`;
    expect(() => parseIndicatorSet(bad, 'bad.yaml')).toThrow(/bad\.yaml：indicators\[0\]\.params\.types：口径 rd_platforms 须写明 types/);
    expect(() => parseIndicatorSet(bad, 'bad.yaml')).toThrow(/目标值与期限须同时写明/);
    expect(() => parseIndicatorSet('id: [', 'broken.yaml')).toThrow(/broken\.yaml：YAML 语法错误/);
  });

  it('gives a jurisdiction without a file the same indicators, tracked without targets', () => {
    const set = indicatorSetFor('410402');
    expect(set.indicators.map((d) => d.id)).toEqual(builtInIndicatorSet('zhanhe-2022')!.indicators.map((d) => d.id));
    expect(set.indicators.every((d) => d.target === null && d.deadline === null)).toBe(true);
  });
});

for (const dialect of await testDialects()) {
  describe(`indicators on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let endOf2023: IndicatorReport;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      ctx = testCtx(db);
      await buildIndicatorWorld(ctx);
      endOf2023 = await computeReport(ctx.db, '410411', '2023-12-31');
    }, 120_000);
    afterAll(async () => db.drop());

    it('T1–T5 as of 2023-12-31, with targets, deadlines and progress', () => {
      const t = (id: string) => value(endOf2023, id);
      expect([t('T1').value, t('T2').value, t('T3').value, t('T4').value, t('T5').value]).toEqual([1, 3, 1, 1, 1]);
      expect(t('T1')).toMatchObject({ target: 1, deadline: '2023-12-31', met: true, progress: 1, kind: 'target' });
      expect(t('T2')).toMatchObject({ target: 30, met: false, progress: 0.1 });
      expect(t('T5')).toMatchObject({ target: 30, deadline: '2025-12-31', met: false });
      expect(items(endOf2023, 'T2', 'role')).toEqual({ broker: [2, undefined], transfer_staff: [2, undefined] });
      expect(items(endOf2023, 'T2', 'employment')).toEqual({ full_time: [1, undefined], part_time: [2, undefined] });
    });

    it('certificates count only while valid; platforms between recognition and revocation', async () => {
      const mid = await computeReport(ctx.db, '410411', '2023-06-30');
      // A (to 2024-02-29) and B (to 2023-11-30) both valid in June; only A at the year's end.
      expect(value(mid, 'T3').value).toBe(2);
      expect(value(endOf2023, 'T3').value).toBe(1);
      const lastDay = await computeReport(ctx.db, '410411', '2023-11-30');
      expect(value(lastDay, 'T3').value).toBe(2);
      // Tech SMEs: A's 2022 registration ended 2022-12-31; B's 2023 one ends 2023-12-31.
      expect(value(await computeReport(ctx.db, '410411', '2022-12-31'), 'T4').value).toBe(1);
      expect(value(await computeReport(ctx.db, '410411', '2024-01-01'), 'T4').value).toBe(0);
      // T1: F recognized 2023-05-01.
      expect(value(await computeReport(ctx.db, '410411', '2023-04-30'), 'T1').value).toBe(0);
      // T5: A's municipal centre and B's provincial institution until its revocation on 2023-09-01.
      expect(value(mid, 'T5').value).toBe(2);
      expect(value(await computeReport(ctx.db, '410411', '2023-09-01'), 'T5').value).toBe(1);
      expect(items(mid, 'T5', 'level')).toEqual({ municipal: [1, undefined], provincial: [1, undefined] });
    });

    it('contracts and turnover of the year by type, field, origin and direction', () => {
      expect(value(endOf2023, 'contracts')).toMatchObject({ value: 5, period: { from: '2023-01-01', to: '2023-12-31' } });
      expect(value(endOf2023, 'turnover').value).toBe(3_950_000);
      expect(items(endOf2023, 'contracts', 'type')).toEqual({
        development: [2, 1_100_000], transfer: [1, 2_500_000], service: [1, 300_000], consulting: [1, 50_000],
      });
      expect(items(endOf2023, 'contracts', 'field')).toEqual({
        advanced_manufacturing: [2, 1_050_000], new_materials: [1, 2_500_000], electronic_information: [1, 300_000], agriculture: [1, 100_000],
      });
      expect(items(endOf2023, 'contracts', 'origin')).toEqual({ district: [2, 350_000], city: [1, 1_000_000], province: [1, 2_500_000], unknown: [1, 100_000] });
      expect(items(endOf2023, 'contracts', 'direction')).toEqual({ inflow: [4, 3_650_000], outflow: [2, 350_000] });
      expect(items(endOf2023, 'turnover', 'type').transfer).toEqual([2_500_000, 2_500_000]);
      expect(value(endOf2023, 'inflow').value).toBe(4);
      expect(value(endOf2023, 'outflow').value).toBe(2);
      expect(value(endOf2023, 'academic_transfers').value).toBe(2);
      expect(items(endOf2023, 'academic_transfers', 'origin')).toEqual({ city: [1, 1_000_000], province: [1, 2_500_000] });
    });

    it('contracts as of a day count the year so far', async () => {
      const june = await computeReport(ctx.db, '410411', '2023-06-30');
      expect(value(june, 'contracts').value).toBe(1);
      expect(value(june, 'turnover').value).toBe(1_000_000);
      expect(value(await computeReport(ctx.db, '410411', '2022-12-31'), 'contracts').value).toBe(1);
    });

    it('incubators, international cooperation bases, and trainings before any course', () => {
      expect(value(endOf2023, 'incubators').value).toBe(2);
      expect(value(endOf2023, 'international').value).toBe(1);
      expect(value(endOf2023, 'international').note).toContain('合同数据不含外方');
      expect(value(endOf2023, 'trainings')).toMatchObject({ value: 0, target: null, met: null, note: '参训 0 人，结业 0 人' });
    });

    it('subsidies applied and paid against the budget', async () => {
      expect(value(endOf2023, 'subsidy_applications').value).toBe(2);
      expect(value(endOf2023, 'subsidy_paid').value).toBe(5_000_000);
      expect(items(endOf2023, 'subsidy_paid', 'stage')).toEqual({ budget: [23_000_000, 23_000_000], awarded: [5_000_000, 5_000_000], paid: [5_000_000, 5_000_000] });
      const september = await computeReport(ctx.db, '410411', '2023-09-30');
      expect(value(september, 'subsidy_paid').value).toBe(0);
      expect(value(await computeReport(ctx.db, '410411', '2023-04-01'), 'subsidy_applications').value).toBe(1);
    });

    it('trends: flows per calendar year, stocks on 31 December', async () => {
      const trends = await computeTrendsFor(ctx.db, '410411', '2026-06-01', 2022, 2024);
      const s = (id: string) => trends.series.find((x) => x.id === id)!.values;
      expect(trends.years).toEqual([2022, 2023, 2024]);
      expect(s('contracts')).toEqual([1, 5, 0]);
      expect(s('turnover')).toEqual([4_000_000, 3_950_000, 0]);
      expect(s('T3')).toEqual([2, 1, 0]);
      expect(s('T5')).toEqual([2, 1, 1]);
      expect(trends.series.some((x) => x.id === 'trainings')).toBe(false);
    });

    it('drills down to the entities counted, paged', async () => {
      const t3 = await listIndicatorEntities(ctx, 'T3', { asOf: '2023-06-30', page: 1, pageSize: 1 });
      expect(t3.total).toBe(2);
      expect(t3.items).toHaveLength(1);
      expect(t3.items[0]).toMatchObject({ name: '湛河乙科技有限公司', validUntil: '2023-11-30' });
      const inflow = await listIndicatorEntities(ctx, 'contracts', { asOf: '2023-12-31', page: 1, pageSize: 20, dimension: 'direction', key: 'inflow' });
      expect(inflow.total).toBe(4);
      const origin = await listIndicatorEntities(ctx, 'contracts', { asOf: '2023-12-31', page: 1, pageSize: 20, dimension: 'origin', key: 'province' });
      expect(origin.items.map((i) => [i.seller, i.techAmountFen])).toEqual([['郑州某研究所', 2_500_000]]);
      const t1 = await listIndicatorEntities(ctx, 'T1', { asOf: '2023-12-31', page: 1, pageSize: 20 });
      expect(t1.items.map((i) => i.name)).toEqual(['湛河技术转移中心']);
      const t2 = await listIndicatorEntities(ctx, 'T2', { asOf: '2023-12-31', page: 1, pageSize: 20 });
      expect(t2.total).toBe(3);
      expect(t2.items.find((i) => i.name === '双身份戊')!.roles).toBe('技术经纪（经理）人、技术转移管理和服务人员');
      const paid = await listIndicatorEntities(ctx, 'subsidy_paid', { asOf: '2023-12-31', page: 1, pageSize: 20 });
      expect(paid.items.map((i) => [i.number, i.paidFen])).toEqual([['SB202300001', 5_000_000], ['SB202300002', null]]);
      await expect(listIndicatorEntities(ctx, 'T9', { page: 1, pageSize: 20 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    // Last: it adds dated practitioner periods and a course to the world.
    it('T2 as of a date from the talent module’s dated periods; trainings held and people trained', async () => {
      const t2On = async (on: string) => value(await computeReport(ctx.db, '410411', on), 'T2').value;
      const p1 = (await ctx.db.selectFrom('person').select('id').where('name', '=', '经纪人甲').executeTakeFirstOrThrow()).id;
      // 经纪人甲 practised 2022-01-01 → 2023-06-30 (a dated period replaces the undated role); 己 from 2024-03-01.
      const period = await savePractitioner(ctx, { personId: p1, role: 'broker', employment: 'full_time', level: 'senior', validFrom: '2022-01-01' });
      await updatePractitioner(ctx, period.id, { version: 1, validTo: '2023-06-30' });
      const p6 = await makePerson(ctx, { name: '新经纪人己' });
      await savePractitioner(ctx, { personId: p6.id, role: 'broker', employment: 'part_time', level: 'junior', validFrom: '2024-03-01' });
      expect([await t2On('2021-12-31'), await t2On('2023-06-30'), await t2On('2023-07-01'), await t2On('2024-02-29'), await t2On('2024-03-01')]).toEqual([2, 3, 2, 2, 3]);
      const june = await computeReport(ctx.db, '410411', '2023-06-30');
      expect(items(june, 'T2', 'employment')).toEqual({ full_time: [1, undefined], part_time: [2, undefined] });
      expect((await listIndicatorEntities(ctx, 'T2', { asOf: '2024-03-01', page: 1, pageSize: 20 })).items.map((i) => i.name).sort()).toEqual(['双身份戊', '新经纪人己', '转移员乙'].sort());

      // One course ending 2023-10-20: two enrolled, one attends enough and is certified.
      const during = { ...ctx, clock: { now: () => new Date('2023-10-19T02:00:00.000Z') } };
      const after = { ...ctx, clock: { now: () => new Date('2023-10-25T02:00:00.000Z') } };
      const course = await createCourse(during, { title: '技术经纪人实务培训', topic: 'brokerage', organizerName: '湛河区科学技术局', startsOn: '2023-10-18', endsOn: '2023-10-20', hours: 16, requiredHours: 12, place: '湛河区科技大厦', capacity: 30 });
      const one = await enrolPerson(during, course.id, { personId: p6.id });
      const two = await enrolPerson(during, course.id, { personId: p1 });
      await markAttendance(during, course.id, one.enrolments[0]!.id, { version: 1, totalHours: 14 });
      await markAttendance(during, course.id, two.enrolments[1]!.id, { version: 1, sessionHours: 4 });
      await issueCertificates(after, course.id, { issuedOn: '2023-10-25' });
      const trainings = (r: IndicatorReport) => value(r, 'trainings');
      expect(trainings(await computeReport(ctx.db, '410411', '2023-10-19'))).toMatchObject({ value: 0, note: '参训 0 人，结业 0 人' });
      expect(trainings(await computeReport(ctx.db, '410411', '2023-10-20'))).toMatchObject({ value: 1, note: '参训 2 人，结业 0 人' });
      const year = await computeReport(ctx.db, '410411', '2023-12-31');
      expect(trainings(year)).toMatchObject({ value: 1, note: '参训 2 人，结业 1 人', period: { from: '2023-01-01', to: '2023-12-31' } });
      expect(items(year, 'trainings', 'topic')).toEqual({ brokerage: [1, undefined] });
      expect(trainings(await computeReport(ctx.db, '410411', '2024-12-31')).value).toBe(0);
    });
  });
}

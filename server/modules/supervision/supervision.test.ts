/**
 * Supervision on each database: loading plans (linking units to departments, reloading, refusing
 * to drop what has reports), the report workflow with its illegal moves, the board, and the
 * overdue reminders on a fixed clock — at most one per unit per day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { AppError } from '../../errors.js';
import { TEST_PASSWORD } from '../../testing/app.js';
import { createUser } from '../auth/users.js';
import { listNotifications, unreadCount } from '../notifications/notifications.js';
import { getBoard } from './board.js';
import { parsePlan, readPlanFile } from './plan-file.js';
import { getPlan, listPlans, loadPlan, setUnitOrganization } from './plans.js';
import { remindOverdueReports, runDailyReminders } from './reminders.js';
import { createReport, getReport, listReports, reviewReport, submitReport, updateReport } from './reports.js';
import { actorCtx, makeDepartments, SMALL_PLAN, ZHANHE_PLAN } from './test-support.js';

async function rejects(promise: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (field !== undefined) expect((error as AppError).options.field).toBe(field);
    return error as AppError;
  }
  throw new Error(`expected ${code}`);
}

for (const dialect of await testDialects()) {
  describe(`supervision on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let orgs: Awaited<ReturnType<typeof makeDepartments>>;
    let planId: string;
    const unitId: Record<string, string> = {};
    const measureId: Record<string, string> = {};

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      orgs = await makeDepartments(testCtx(handle));
    }, 60_000);
    afterAll(async () => {
      await handle.drop();
    });

    it('loads the Zhanhe plan: 19 measures, units linked to the registry’s departments by name or alias', async () => {
      const operator = actorCtx(handle, ['operator']);
      const result = await loadPlan(operator, readPlanFile(ZHANHE_PLAN));
      expect(result).toMatchObject({ created: true, code: 'zhanhe-2022', jurisdictionCode: '410411', measureCount: 19, linkedUnitCount: 3, period: 'quarterly', dueDays: 10 });
      expect(result.unlinkedUnits).toContain('区委组织部');
      planId = result.id;
      const plan = await getPlan(operator, planId);
      for (const u of plan.units) unitId[u.name] = u.id;
      for (const m of plan.measures) measureId[m.number] = m.id;
      const linked = Object.fromEntries(plan.units.filter((u) => u.organizationId).map((u) => [u.name, u.organizationName]));
      expect(linked).toEqual({ 区工业和信息化局: '平顶山市湛河区工业和信息化局', 区科技局: '平顶山市湛河区科学技术局', 区财政局: '平顶山市湛河区财政局' });
      const three = plan.measures.find((m) => m.number === '三')!;
      expect(three.units.map((u) => [u.name, u.role])).toEqual([
        ['区委组织部', 'lead'], ['区科技局', 'co'], ['区发展改革委', 'co'], ['区财政局', 'co'], ['区工业和信息化局', 'co'], ['区人力资源和社会保障局', 'co'], ['曹镇乡政府', 'co'], ['各街道办事处', 'co'],
      ]);
      const events = await handle.db.selectFrom('audit_event').select(['action', 'subject_id']).where('action', '=', 'supervision.plan.load').execute();
      expect(events).toEqual([{ action: 'supervision.plan.load', subject_id: planId }]);

      // Loading it again updates the same plan: same ids, nothing doubled.
      const again = await loadPlan(operator, readPlanFile(ZHANHE_PLAN));
      expect(again).toMatchObject({ id: planId, created: false, measureCount: 19, version: 2 });
      const reloaded = await getPlan(operator, planId);
      expect(reloaded.units.map((u) => u.id).sort()).toEqual(Object.values(unitId).sort());
      expect(reloaded.measures.map((m) => m.id)).toEqual(plan.measures.map((m) => m.id));
      expect((await listPlans(actorCtx(handle, ['evaluator']))).map((p) => p.id)).toEqual([planId]);

      // Only an operator loads plans, and only for its jurisdiction.
      await rejects(loadPlan(actorCtx(handle, ['department'], [orgs.gxj.id]), readPlanFile(ZHANHE_PLAN)), 'FORBIDDEN');
      const city = testCtx(handle, { roles: ['operator'], jurisdictionCode: '410402' });
      await rejects(loadPlan(city, readPlanFile(ZHANHE_PLAN)), 'FORBIDDEN', 'jurisdiction');
    });

    it('runs a report through draft → submitted → returned → submitted → accepted, refusing illegal moves', async () => {
      const now = '2023-04-05T02:00:00.000Z'; // 2023Q1 has ended; its report is due 2023-04-10
      const department = actorCtx(handle, ['department'], [orgs.gxj.id], now, 'dept-1');
      const { id: operatorId } = await createUser(testCtx(handle), { username: 'op1', displayName: '运营一', password: TEST_PASSWORD, roles: ['operator'], jurisdictionCode: '410411', organizationIds: [] });
      const operator = actorCtx(handle, ['operator'], [orgs.kjj.id], now, operatorId);
      const cell = { measureId: measureId['三']!, unitId: unitId['区工业和信息化局']!, period: '2023Q1' };

      // Not for another unit, not for a unit the measure does not name, not for a period not begun.
      await rejects(createReport(department, { ...cell, unitId: unitId['区科技局']!, text: '', figures: {}, attachments: [] }), 'FORBIDDEN', 'unitId');
      await rejects(createReport(department, { ...cell, measureId: measureId['五']!, text: '', figures: {}, attachments: [] }), 'VALIDATION', 'unitId');
      await rejects(createReport(department, { ...cell, period: '2023Q3', text: '', figures: {}, attachments: [] }), 'CONFLICT', 'period');
      await rejects(createReport(department, { ...cell, period: '2019Q1', text: '', figures: {}, attachments: [] }), 'VALIDATION', 'period');
      await rejects(createReport(department, { ...cell, text: '', figures: {}, attachments: [{ hash: 'a'.repeat(64), label: '照片' }] }), 'NOT_FOUND', 'attachments.0.hash');
      await rejects(createReport(operator, { ...cell, text: '', figures: {}, attachments: [] }), 'FORBIDDEN');

      const draft = await createReport(department, { ...cell, text: '', figures: { 辅导企业数: 4 }, attachments: [] });
      expect(draft).toMatchObject({ status: 'draft', periodLabel: '2023年第1季度', dueOn: '2023-04-10', measureNumber: '三', unitName: '区工业和信息化局', nextStatuses: ['submitted'] });
      await rejects(createReport(department, { ...cell, text: 'x', figures: {}, attachments: [] }), 'CONFLICT', 'period');
      await rejects(submitReport(department, draft.id, draft.version), 'VALIDATION', 'text');
      const e = await rejects(reviewReport(operator, draft.id, { version: draft.version, decision: 'accept' }), 'CONFLICT', 'status');
      expect(e.message).toBe('进度报告不能从“草稿”变为“已采纳”（可变为：已提交）');

      const written = await updateReport(department, draft.id, { version: draft.version, text: '一季度辅导企业4家。' });
      await rejects(updateReport(department, draft.id, { version: draft.version, text: '旧版本' }), 'CONFLICT', 'version');
      const submitted = await submitReport(department, draft.id, written.version);
      expect(submitted).toMatchObject({ status: 'submitted', submissionCount: 1, nextStatuses: ['accepted', 'returned'] });
      await rejects(updateReport(department, draft.id, { version: submitted.version, text: '改' }), 'CONFLICT', 'status');
      await rejects(reviewReport(department, draft.id, { version: submitted.version, decision: 'accept' }), 'FORBIDDEN');
      await rejects(reviewReport(operator, draft.id, { version: submitted.version, decision: 'return' }), 'VALIDATION', 'comment');

      const returned = await reviewReport(operator, draft.id, { version: submitted.version, decision: 'return', comment: '请补充引进成果的数量' });
      expect(returned).toMatchObject({ status: 'returned', reviewComment: '请补充引进成果的数量', reviewedByName: 'operator测试' });
      const inbox = await listNotifications(department, { unread: true, page: 1, pageSize: 20 });
      expect(inbox.items.map((n) => [n.kind, n.title])).toEqual([['supervision.report.returned', '进度报告已退回：措施（三）培育壮大技术转移主体 · 2023年第1季度']]);
      expect(inbox.items[0]!.body).toContain('请补充引进成果的数量');

      const fixed = await updateReport(department, draft.id, { version: returned.version, text: '一季度辅导企业4家，引进成果1项。', figures: { 辅导企业数: 4, 引进成果数: 1 } });
      const resubmitted = await submitReport(department, draft.id, fixed.version);
      expect(resubmitted).toMatchObject({ status: 'submitted', submissionCount: 2 });
      expect((await unreadCount(operator)).unread).toBe(2); // the operator heard of both submissions
      const heard = await listNotifications(operator, { unread: true, page: 1, pageSize: 20 });
      expect(heard.items.map((n) => n.title)).toEqual([
        '区工业和信息化局重新提交了进度报告：措施（三）· 2023年第1季度',
        '区工业和信息化局提交了进度报告：措施（三）· 2023年第1季度',
      ]);
      const accepted = await reviewReport(operator, draft.id, { version: resubmitted.version, decision: 'accept', comment: '采纳' });
      expect(accepted).toMatchObject({ status: 'accepted', nextStatuses: [], figures: { 辅导企业数: 4, 引进成果数: 1 } });
      const final = await rejects(submitReport(department, draft.id, accepted.version), 'CONFLICT', 'status');
      expect(final.message).toContain('已采纳的报告不能再变更');

      const detail = await getReport(actorCtx(handle, ['evaluator'], [], now), draft.id);
      expect(detail.steps.map((s) => [s.from, s.to, s.comment])).toEqual([
        [null, 'draft', null], ['draft', 'submitted', null], ['submitted', 'returned', '请补充引进成果的数量'], ['returned', 'submitted', null], ['submitted', 'accepted', '采纳'],
      ]);
      const actions = await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', draft.id).orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual([
        'supervision.report.write', 'supervision.report.write', 'supervision.report.submit', 'supervision.report.review',
        'supervision.report.write', 'supervision.report.submit', 'supervision.report.review',
      ]);
      // Another department reads neither the report nor it in lists.
      const other = actorCtx(handle, ['department'], [orgs.czj.id], now, 'dept-2');
      await rejects(getReport(other, draft.id), 'FORBIDDEN');
      expect((await listReports(other, { page: 1, pageSize: 50 })).total).toBe(0);
      expect((await listReports(department, { page: 1, pageSize: 50 })).items.map((r) => r.id)).toEqual([draft.id]);
    });

    it('shows the board: every measure × unit × period to the operator, its own cells to a department', async () => {
      const operator = actorCtx(handle, ['operator'], [], '2023-06-01T02:00:00.000Z');
      const plan = await getPlan(operator, planId);
      const assignments = plan.measures.reduce((n, m) => n + m.units.length, 0);
      const board = await getBoard(operator, planId, { asOf: '2023-04-05' });
      expect(board.periods.map((p) => p.code)).toEqual(['2022Q3', '2022Q4', '2023Q1', '2023Q2']);
      expect(board.rows).toHaveLength(assignments);
      expect(board.rows.every((r) => r.cells.length === 4)).toBe(true);
      const gxj = board.rows.find((r) => r.number === '三' && r.unitName === '区工业和信息化局')!;
      expect(gxj.cells.map((c) => c.status)).toEqual(['overdue', 'overdue', 'accepted', 'not_due']);
      const other = board.rows.find((r) => r.number === '三' && r.unitName === '区委组织部')!;
      expect(other.cells.map((c) => c.status)).toEqual(['overdue', 'overdue', 'due', 'not_due']);
      expect(board.totals.accepted).toBe(1);
      expect(board.totals.due + board.totals.accepted).toBe(assignments);

      const department = actorCtx(handle, ['department'], [orgs.gxj.id], '2023-06-01T02:00:00.000Z');
      const mine = await getBoard(department, planId, { asOf: '2023-04-05', year: 2023 });
      expect(mine.rows.map((r) => `${r.number}/${r.unitName}/${r.role}`)).toEqual(['三/区工业和信息化局/co', '四/区工业和信息化局/co', '十/区工业和信息化局/co']);
      expect(mine.periods.map((p) => p.code)).toEqual(['2023Q1', '2023Q2']);
      await rejects(getBoard(actorCtx(handle, ['enterprise'], []), planId, {}), 'FORBIDDEN');
    });

    it('reminds each unit with overdue cells once a day, idempotently, and notifies linked units', async () => {
      const operator = actorCtx(handle, ['operator'], [], '2023-04-15T02:00:00.000Z');
      const department = actorCtx(handle, ['department'], [orgs.gxj.id], '2023-04-15T02:00:00.000Z');
      const before = (await listNotifications(department, { unread: false, page: 1, pageSize: 100 })).total;

      const first = await remindOverdueReports(operator, '2023-04-15');
      const plan = await getPlan(operator, planId);
      const assignments = plan.measures.reduce((n, m) => n + m.units.length, 0);
      // 2022Q3, 2022Q4 and 2023Q1 are past due on 04-15, less the accepted (三)/区工业和信息化局/2023Q1.
      expect(first.overdueCells).toBe(assignments * 3 - 1);
      expect(first.reminded).toBe(plan.units.length);
      expect(first.notifications).toBe(3); // the linked units: 区工业和信息化局, 区科技局, 区财政局
      const inbox = await listNotifications(department, { unread: true, page: 1, pageSize: 100 });
      const reminder = inbox.items.find((n) => n.kind === 'supervision.overdue')!;
      expect(reminder.title).toBe('督办提醒：区工业和信息化局有 8 项进度报告逾期未报（湛河区技术转移体系建设实施方案（试行））');
      expect(reminder.body.split('\n')[0]).toBe('措施（三）培育壮大技术转移主体 — 2022年第3季度（应于 2022-10-10 前报送）');

      const again = await remindOverdueReports(operator, '2023-04-15');
      expect(again).toMatchObject({ overdueCells: first.overdueCells, reminded: 0, notifications: 0 });
      expect(again.units.every((u) => u.alreadyReminded)).toBe(true);
      expect((await listNotifications(department, { unread: false, page: 1, pageSize: 100 })).total).toBe(before + 1);
      const reminders = await handle.db.selectFrom('supervision_reminder').select('id').where('on_date', '=', '2023-04-15').execute();
      expect(reminders).toHaveLength(plan.units.length);

      const nextDay = await remindOverdueReports(operator, '2023-04-16');
      expect(nextDay.reminded).toBe(plan.units.length);
      expect((await listNotifications(department, { unread: false, page: 1, pageSize: 100 })).total).toBe(before + 2);
      const audits = await handle.db.selectFrom('audit_event').select('subject_id').where('action', '=', 'supervision.remind').execute();
      expect(audits.map((a) => a.subject_id)).toEqual(['2023-04-15', '2023-04-16']);
      await rejects(remindOverdueReports(department, '2023-04-17'), 'FORBIDDEN');
    });

    it('runs the daily job as the system for every jurisdiction holding a plan', async () => {
      const services = { handle, clock: { now: () => new Date('2023-04-17T01:00:00.000Z') }, protector: testCtx(handle).protector };
      const [run] = await runDailyReminders(services, '2023-04-17');
      expect(run).toMatchObject({ jurisdictionCode: '410411', date: '2023-04-17', reminded: expect.any(Number) });
      expect(run!.reminded).toBeGreaterThan(0);
      expect((await runDailyReminders(services, '2023-04-17'))[0]).toMatchObject({ reminded: 0, notifications: 0 });
    });

    it('refuses a plan file that drops a measure or unit that has reports; links a unit by hand', async () => {
      const operator = actorCtx(handle, ['operator']);
      const file = readPlanFile(ZHANHE_PLAN);
      const withoutThree = { ...file, measures: file.measures.filter((m) => m.number !== '三') };
      const e = await rejects(loadPlan(operator, withoutThree), 'CONFLICT', 'measures');
      expect(e.message).toBe('措施（三）已有进度报告，新方案文件不能删除它');
      const withoutUnit = { ...file, measures: file.measures.map((m) => (m.number === '三' ? { ...m, co: m.co.filter((u) => u !== '区工业和信息化局') } : m)) };
      expect((await rejects(loadPlan(operator, withoutUnit), 'CONFLICT')).message).toContain('“区工业和信息化局”已有进度报告');

      // Another plan (another jurisdiction's shape) loads beside it.
      const small = await loadPlan(operator, parsePlan(SMALL_PLAN, 'small.yaml'));
      expect(small).toMatchObject({ created: true, measureCount: 2, unitCount: 4, linkedUnitCount: 2, unlinkedUnits: ['区科技局', '各街道办事处'] });
      const smallPlan = await getPlan(operator, small.id);
      const streets = smallPlan.units.find((u) => u.name === '各街道办事处')!;
      const linked = await setUnitOrganization(operator, streets.id, orgs.czj.id);
      expect(linked).toMatchObject({ organizationId: orgs.czj.id, organizationName: '平顶山市湛河区财政局' });
      await rejects(setUnitOrganization(operator, streets.id, 'nope'), 'VALIDATION', 'organizationId');
      const board = await getBoard(operator, small.id, { asOf: '2023-08-01' });
      expect(board.periods.map((p) => p.code)).toEqual(['2023Q1', '2023Q2', '2023Q3']);
      const halfYearly = board.rows.find((r) => r.number === '四')!;
      expect(halfYearly.cells.map((c) => [c.period, c.status, c.dueOn])).toEqual([['2023H1', 'due', '2023-07-15'], ['2023H2', 'not_due', '2024-01-15']].map(([p, s, d]) => [p, s === 'due' ? 'overdue' : s, d]));
    });
  });
}

/**
 * The demo district's supervision (督办): the plan 平湛政〔2022〕5号 (plans/zhanhe-2022.yaml) loaded
 * for 湛河区 — its units linked to the demo's government departments by name — and a few progress
 * reports of 区工业和信息化局 (the `department` account) so the board shows every kind of cell.
 * Runs once: a database holding the plan keeps it.
 */
import { chinaDate } from '../../common/dates.js';
import type { Ctx } from '../context.js';
import { builtInPlan } from '../modules/supervision/plan-file.js';
import { loadPlan } from '../modules/supervision/plans.js';
import { createReport, reviewReport, submitReport } from '../modules/supervision/reports.js';

export const DEMO_PLAN = 'zhanhe-2022';
export const DEMO_REPORTING_UNIT = '区工业和信息化局';

/** Loads the demo plan and its sample reports; answers the number of reports written (0 when already there). */
export async function seedDemoSupervision(ctx: Ctx, jurisdictionCode = '410411'): Promise<number> {
  const existing = await ctx.db
    .selectFrom('supervision_plan')
    .select('id')
    .where('jurisdiction_code', '=', jurisdictionCode)
    .where('code', '=', DEMO_PLAN)
    .executeTakeFirst();
  if (existing) return 0;
  const plan = await loadPlan(ctx, { ...builtInPlan(DEMO_PLAN), jurisdiction: jurisdictionCode }, { isDemo: true });
  if (chinaDate(ctx.clock.now()) < '2022-10-01') return 0; // the sample reports' period (2022Q3) has not ended yet
  const unit = await ctx.db.selectFrom('supervision_unit').selectAll().where('plan_id', '=', plan.id).where('name', '=', DEMO_REPORTING_UNIT).executeTakeFirstOrThrow();
  const measure = (number: string) =>
    ctx.db.selectFrom('supervision_measure').select('id').where('plan_id', '=', plan.id).where('number', '=', number).executeTakeFirstOrThrow().then((m) => m.id);

  // (三) 2022Q3: submitted and accepted.
  const accepted = await createReport(ctx, {
    measureId: await measure('三'),
    unitId: unit.id,
    period: '2022Q3',
    text: '梳理全区电气制造、尼龙化工企业技术需求清单，组织12家企业参加高新技术企业培育辅导；协助2家企业引进高校科技成果。（演示数据）',
    figures: { 辅导企业数: 12, 引进成果数: 2 },
    attachments: [],
  }, { isDemo: true });
  const submitted = await submitReport(ctx, accepted.id, accepted.version);
  await reviewReport(ctx, accepted.id, { version: submitted.version, decision: 'accept', comment: '内容翔实，予以采纳。' });

  // (十) 2022Q3: submitted, awaiting review.
  const pending = await createReport(ctx, {
    measureId: await measure('十'),
    unitId: unit.id,
    period: '2022Q3',
    text: '走访辖区军工配套企业3家，摸排军民两用技术需求5项。（演示数据）',
    figures: { 走访企业数: 3, 技术需求数: 5 },
    attachments: [],
  }, { isDemo: true });
  await submitReport(ctx, pending.id, pending.version);
  return 2;
}

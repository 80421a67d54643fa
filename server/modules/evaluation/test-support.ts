/**
 * The evaluation tests' fixed world: the indicators' world (../indicators/test-support.ts: T1–T5,
 * contracts of 2022–2023, the 2023 subsidy notice) plus the award line behind X1's 50,000 yuan and
 * the small supervision plan (../supervision/test-support.ts) with progress reports in every state,
 * written as the rows their workflow leaves behind. Expected numbers are worked out in the comments.
 */
import type { Ctx } from '../../context.js';
import { newId } from '../../ids.js';
import { buildIndicatorWorld } from '../indicators/test-support.js';
import { parsePlan } from '../supervision/plan-file.js';
import { getPlan, loadPlan } from '../supervision/plans.js';
import { SMALL_PLAN } from '../supervision/test-support.js';

const NOW = '2026-06-01T08:00:00.000Z';
export const LONG_TEXT = '上半年完成技术转移示范机构培育申报一家，组织企业参加技术对接活动三场，走访高新技术企业十二家，梳理企业技术需求二十项，协调解决企业转化难题五件，推动校地合作协议签订两份，下一步将持续跟进。';

export async function buildEvaluationWorld(ctx: Ctx) {
  const world = await buildIndicatorWorld(ctx);
  // X1 (paid 50,000 yuan on 2023-10-10) was awarded under enterprise_purchase.
  const x1 = await ctx.db.selectFrom('subsidy_application').select('id').where('number', '=', 'SB202300001').executeTakeFirstOrThrow();
  const run = newId();
  await ctx.db.insertInto('settlement_run').values({
    id: run, jurisdiction_code: '410411', policy_id: 'zhanhe-2022', policy_title: '湛河区技术转移体系建设实施方案（试行）', policy_hash: 'p'.repeat(64), year: 2023, scope: 'applications', scope_ref: null,
    budgets: '{}', overrides: '{}', input_hash: 'i'.repeat(64), result_hash: 'r'.repeat(64), contract_count: 1, award_count: 1, award_total_yuan: 50_000, exclusion_count: 0, created_by: null, created_at: NOW,
  }).execute();
  await ctx.db.insertInto('subsidy_application_award').values({ id: newId(), application_id: x1.id, run_id: run, seq: 1, rule: 'enterprise_purchase', amount_yuan: 50_000 }).execute();

  const loaded = await loadPlan({ ...ctx, actor: { ...ctx.actor, roles: ['operator'] } }, parsePlan(SMALL_PLAN, 'test-plan.yaml'));
  const plan = await getPlan({ ...ctx, actor: { ...ctx.actor, roles: ['operator'] } }, loaded.id);
  const unit = Object.fromEntries(plan.units.map((u) => [u.name, u.id]));
  const measure = Object.fromEntries(plan.measures.map((m) => [m.number, m.id]));
  const report = (m: string, u: string, period: string, status: string, text: string) => ({
    id: newId(), plan_id: loaded.id, measure_id: measure[m]!, unit_id: unit[u]!, jurisdiction_code: '410411', period, status, text, figures: '{}',
    submission_count: status === 'draft' ? 0 : 1, first_submitted_at: status === 'draft' ? null : '2023-04-05T02:00:00.000Z', submitted_at: status === 'draft' ? null : '2023-04-05T02:00:00.000Z',
    is_demo: 0, version: 1, created_at: NOW, updated_at: NOW,
  });
  // (三) 工信局: Q1, Q2 accepted, Q3 submitted, Q4 missing (overdue) → 4 periods, 3 submitted, 2 accepted, 1 overdue.
  // (三) 科技局: Q1 returned and late, Q2–Q4 missing → 4, 1 submitted, 0 accepted, 1 returned, 4 overdue.
  // (四) 科技局: H1 accepted, H2 a draft (overdue) → 2, 1, 1, 0, 1. 财政局, 各街道办事处: nothing → 2 overdue each.
  // Totals: 14 periods, 5 submitted, 3 accepted, 1 returned, 10 overdue.
  await ctx.db.insertInto('supervision_report').values([
    report('三', '区工业和信息化局', '2023Q1', 'accepted', '一季度培育技术转移机构一家。'),
    report('三', '区工业和信息化局', '2023Q2', 'accepted', LONG_TEXT),
    report('三', '区工业和信息化局', '2023Q3', 'submitted', '三季度进展。'),
    report('三', '区科技局', '2023Q1', 'returned', '一季度进展（退回）。'),
    report('四', '区科技局', '2023H1', 'accepted', '上半年激发创新主体活力，新增科技型中小企业一家。'),
    report('四', '区科技局', '2023H2', 'draft', '草稿'),
  ]).execute();
  return { ...world, planId: loaded.id };
}

/**
 * buildAnnualReport: the annual evaluation report (年度评估报告, plan measure (二十一)) gathered
 * from the live data — targets T1–T5 at the year's end, the tracked indicators beside the previous
 * year's, each measure's progress reports per responsible unit, subsidies per rule against budget,
 * the market funnel — and a summary paragraph that states those facts and nothing else.
 */
import { chinaDate } from '../../../common/dates.js';
import { UNIT_ROLES } from '../../../common/supervision-vocabulary.js';
import type { IndicatorValue } from '../../../common/indicator-api.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { computeFunnel } from '../deals/read-funnel.js';
import { yuanDecimal } from '../documents/amount-in-words.js';
import { chineseDate } from '../documents/pdf-writer.js';
import { computeReport, computeTrendsFor, endOfDayInstant } from '../indicators/compute-indicators.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { ruleTitleOf } from '../applications/notices.js';
import { builtInPolicy } from '../subsidies/policy.js';
import { cellsOf } from '../supervision/board.js';
import { assignmentsOf, findReport } from '../supervision/repo.js';
import * as repo from './repo.js';
import type { AnnualReport, ReportIndicator, ReportMeasureRow, ReportSubsidyRow, ReportTarget } from './schema.js';

const EXCERPT = 80;
const TREND_YEARS = 5;
const TREND_MEASURES = new Set(['contracts', 'turnover']);

export function excerpt(text: string, length = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= length ? flat : `${chars.slice(0, length).join('')}…`;
}

const number = new Intl.NumberFormat('zh-CN');
function amount(fen: number): string {
  return `${yuanDecimal(fen)}元`;
}
function shown(unit: string, unitLabel: string, v: number | null): string {
  if (v === null) return '暂无数据';
  return unit === 'fen' ? amount(v) : `${number.format(v)}${unitLabel}`;
}

/** The facts of the report in one paragraph (Chinese); every number is one the report shows. */
export function summaryOf(r: Omit<AnnualReport, 'summary'>): string {
  const parts: string[] = [];
  const met = r.targets.filter((t) => t.met === true).map((t) => t.id);
  const unmet = r.targets.filter((t) => t.met === false).map((t) => t.id);
  if (r.targets.length) {
    parts.push(
      `截至${chineseDate(r.asOf)}，${r.targets.length}项目标指标中已达到目标值${met.length}项${met.length ? `（${met.join('、')}）` : ''}，未达到${unmet.length}项${unmet.length ? `（${unmet.join('、')}）` : ''}。`,
    );
  }
  const contracts = r.indicators.find((i) => i.id === 'contracts');
  const turnover = r.indicators.find((i) => i.id === 'turnover');
  if (contracts && turnover) {
    parts.push(
      `${r.year}年登记技术合同${shown(contracts.unit, contracts.unitLabel, contracts.value)}，技术交易额${shown('fen', '', turnover.value)}；上年分别为${shown(contracts.unit, contracts.unitLabel, contracts.previous)}、${shown('fen', '', turnover.previous)}。`,
    );
  }
  const s = r.supervision.totals;
  if (r.supervision.rows.length) {
    const measures = new Set(r.supervision.rows.map((x) => `${x.planCode}|${x.number}`)).size;
    parts.push(`督办措施${measures}项，分解到责任单位的任务${r.supervision.rows.length}项，本年应报进度报告${s.periods}期次，已提交${s.submitted}期次，已采纳${s.accepted}期次，逾期${s.overdue}期次。`);
  } else {
    parts.push('本年度平台中没有督办方案的进度报告数据。');
  }
  const t = r.subsidies.total;
  parts.push(
    r.subsidies.notices
      ? `奖补申报通知${r.subsidies.notices}个，预算${amount(t.budgetFen)}，申报${t.applied}件，核定奖补${amount(t.awardedFen)}，已拨付${amount(t.paidFen)}。`
      : `${r.year}年度平台中没有奖补申报通知。`,
  );
  parts.push(`技术市场发布成果与需求${r.market.listings}项，联系对接${r.market.contacts}次，新建对接项目${r.market.deals}个，签约${r.market.signed}个，其合同登记${r.market.registered}项、技术交易额${amount(r.market.turnoverFen)}。`);
  return parts.join('');
}

export async function buildAnnualReport(ctx: Ctx, input: { year: number; jurisdiction?: string | undefined }): Promise<AnnualReport> {
  assertCan(ctx.actor, 'evaluation.report.read');
  const jurisdictionCode = input.jurisdiction ?? ctx.actor.jurisdictionCode;
  if (!jurisdictionCode.startsWith(jurisdictionPrefix(ctx.actor.jurisdictionCode))) {
    throw new AppError('FORBIDDEN', `无权查看行政区划 ${jurisdictionCode} 的评估报告`);
  }
  const today = chinaDate(ctx.clock.now());
  const { year } = input;
  if (`${year}-01-01` > today) throw new AppError('VALIDATION', `${year}年尚未开始，不能生成年度评估报告`, { field: 'year' });
  const yearEnd = `${year}-12-31`;
  const asOf = yearEnd < today ? yearEnd : today;
  const db = ctx.db;

  // Targets and indicators, exactly as the indicators module computes them.
  const current = await computeReport(db, jurisdictionCode, asOf);
  const previous = await computeReport(db, jurisdictionCode, `${year - 1}-12-31`);
  const before = new Map(previous.indicators.map((i) => [i.id, i]));
  const isTarget = (i: IndicatorValue) => i.target !== null && i.deadline !== null;
  const targets: ReportTarget[] = current.indicators.filter(isTarget).map((i) => ({
    id: i.id, name: i.name, unit: i.unit, unitLabel: i.unitLabel, value: i.value, target: i.target!, deadline: i.deadline!, met: i.met, progress: i.progress,
  }));
  const indicators: ReportIndicator[] = current.indicators.filter((i) => !isTarget(i)).map((i) => ({
    id: i.id, name: i.name, unit: i.unit, unitLabel: i.unitLabel, value: i.value, previous: before.get(i.id)?.value ?? null, note: i.note,
  }));
  const trends = await computeTrendsFor(db, jurisdictionCode, today, year - TREND_YEARS + 1, year, (d) => TREND_MEASURES.has(d.measure));
  const trend = { years: trends.years, series: trends.series.map((s) => ({ id: s.id, name: s.name, unit: s.unit, values: s.values })) };

  // Supervision: each measure × unit over the year's periods, statuses as of the generation day.
  const rows: ReportMeasureRow[] = [];
  const plans = (await repo.plansOf(db, jurisdictionCode)).filter((p) => p.starts_on <= yearEnd && p.ends_on >= `${year}-01-01`);
  for (const plan of plans) {
    const roles = new Map((await assignmentsOf(db, plan.id)).map((a) => [`${a.measure_id}|${a.unit_id}`, a.role]));
    const byRow = new Map<string, ReportMeasureRow & { lastAccepted: string | null }>();
    for (const c of await cellsOf(db, plan, today, { year })) {
      const key = `${c.measureId}|${c.unitId}`;
      let row = byRow.get(key);
      if (!row) {
        const role = roles.get(key) ?? 'co';
        row = { planCode: plan.code, number: c.measureNumber, heading: c.measureHeading, unitName: c.unitName, role: UNIT_ROLES.label(role), periods: 0, submitted: 0, accepted: 0, returned: 0, overdue: 0, latestAccepted: null, lastAccepted: null };
        byRow.set(key, row);
      }
      row.periods += 1;
      if (c.reportStatus && c.reportStatus !== 'draft') row.submitted += 1;
      if (c.reportStatus === 'accepted') {
        row.accepted += 1;
        row.lastAccepted = c.reportId;
        row.latestAccepted = { period: c.periodLabel, excerpt: '' };
      }
      if (c.reportStatus === 'returned') row.returned += 1;
      if (c.overdue) row.overdue += 1;
    }
    for (const { lastAccepted, ...row } of byRow.values()) {
      if (lastAccepted && row.latestAccepted) row.latestAccepted.excerpt = excerpt((await findReport(db, lastAccepted))?.text ?? '');
      rows.push(row);
    }
  }
  const totals = { periods: 0, submitted: 0, accepted: 0, returned: 0, overdue: 0 };
  for (const r of rows) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];

  // Subsidies per rule: budgets of the year's notices, applications, award lines, payments.
  const prefix = jurisdictionPrefix(jurisdictionCode);
  const notices = await repo.noticesOfYear(db, prefix, year);
  const end = endOfDayInstant(asOf);
  const applied = await repo.appliedPerNotice(db, notices.map((n) => n.id), end);
  const byRule = new Map<string, ReportSubsidyRow>();
  const ruleRow = (rule: string, policyId: string) => {
    let row = byRule.get(rule);
    if (!row) byRule.set(rule, (row = { rule, title: ruleTitleOf(builtInPolicy(policyId), rule), budgetFen: 0, applied: 0, awarded: 0, awardedFen: 0, paidFen: 0 }));
    return row;
  };
  const policyOfRule = new Map<string, string>();
  for (const n of notices) {
    const budgets = JSON.parse(n.budgets) as Record<string, number>;
    for (const rule of JSON.parse(n.rules) as string[]) {
      policyOfRule.set(rule, n.policy_id);
      const row = ruleRow(rule, n.policy_id);
      row.budgetFen += (Number(budgets[rule]) || 0) * 100;
      row.applied += applied.get(n.id) ?? 0;
    }
  }
  for (const a of await repo.awardsPerRule(db, notices.map((n) => n.id), end, asOf)) {
    const row = ruleRow(a.rule, policyOfRule.get(a.rule) ?? '');
    row.awarded += a.applications;
    row.awardedFen += a.yuan * 100;
    row.paidFen += a.paidYuan * 100;
  }
  const subsidyValue = (measure: string) => current.indicators.find((i) => i.measure === measure)?.value ?? null;
  let budgetFen = 0;
  for (const r of byRule.values()) budgetFen += r.budgetFen;
  let awardedFen = 0;
  let awarded = 0;
  for (const r of byRule.values()) { awardedFen += r.awardedFen; awarded += r.awarded; }
  const subsidies = {
    notices: notices.length,
    rows: [...byRule.values()],
    total: {
      budgetFen,
      // Distinct applications and actual payments, as the indicators count them.
      applied: subsidyValue('subsidy_applications') ?? [...applied.values()].reduce((s, n) => s + n, 0),
      awarded,
      awardedFen,
      paidFen: subsidyValue('subsidy_paid') ?? 0,
    },
  };

  const funnel = await computeFunnel(db, jurisdictionCode, `${year}-01-01`, asOf);
  const base = {
    title: `${current.jurisdiction}${year}年度技术转移体系建设评估报告`,
    year,
    jurisdictionCode,
    jurisdiction: current.jurisdiction,
    issuer: `${current.jurisdiction}技术转移体系平台`,
    asOf,
    generatedOn: today,
    indicatorSet: current.set,
    targets,
    indicators,
    trend,
    supervision: { plans: plans.map((p) => ({ code: p.code, title: p.title })), rows, totals },
    subsidies,
    market: { from: funnel.from, to: funnel.to, ...funnel.totals },
  };
  return { ...base, summary: summaryOf(base) };
}


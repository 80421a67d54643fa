/**
 * The indicators, live: every definition of the jurisdiction's set (definitions.ts) computed from
 * the registry, contracts and applications as of a date. Stocks (T1–T5, incubators, bases,
 * practitioners) are counted on the date; flows (contracts, subsidies) over the calendar year up to
 * it. All contract indicators share one grouped pass (repo.contractGroups).
 */
import { chinaDate, addDays } from '../../../common/dates.js';
import {
  BREAKDOWN_DIMENSIONS,
  CONTRACT_DIRECTIONS,
  CONTRACT_ORIGINS,
  INDICATOR_UNITS,
  SUBSIDY_STAGES,
  type BreakdownDimension,
} from '../../../common/indicator-vocabulary.js';
import { TRAINING_TOPICS } from '../../../common/talent-vocabulary.js';
import { CONTRACT_TYPES, EMPLOYMENT, LEVELS, ORGANIZATION_KINDS, PERSON_ROLES, PLATFORM_TYPES, TECH_FIELDS } from '../../../common/vocabulary.js';
import type { Breakdown, BreakdownItem, IndicatorReport, IndicatorValue, Trends } from '../../../common/indicator-api.js';
import type { Ctx, Executor } from '../../context.js';
import { assertCan } from '../access/policy.js';
import { findDivision, jurisdictionPrefix } from '../registry/divisions.js';
import { type IndicatorDefinition, type IndicatorSet, indicatorSetFor } from './definitions.js';
import * as repo from './repo.js';

const CONTRACT_MEASURES = new Set(['contracts', 'turnover', 'inflow', 'outflow', 'academic_transfers']);

/** Memoized passes shared by the indicators of one report. */
export class Computation {
  private readonly contractPasses = new Map<string, Promise<repo.ContractGroup[]>>();
  constructor(
    readonly db: Executor,
    readonly jurisdictionCode: string,
  ) {}
  get prefix(): string {
    return jurisdictionPrefix(this.jurisdictionCode);
  }
  contracts(from: string, to: string): Promise<repo.ContractGroup[]> {
    const key = `${from}|${to}`;
    let pass = this.contractPasses.get(key);
    if (!pass) this.contractPasses.set(key, (pass = repo.contractGroups(this.db, this.prefix, from, to)));
    return pass;
  }
}

interface Measured {
  value: number | null;
  period: { from: string; to: string } | null;
  basis: string;
  note?: string;
  breakdowns: Breakdown[];
}

function breakdown(dimension: BreakdownDimension, items: BreakdownItem[]): Breakdown {
  return { dimension, label: BREAKDOWN_DIMENSIONS.label(dimension), items: items.sort((a, b) => b.value - a.value || a.key.localeCompare(b.key)) };
}

/** Sums groups into classes: key → {n, fen}. */
function sumBy<T>(rows: T[], key: (r: T) => string | null, n: (r: T) => number, fen: (r: T) => number) {
  const out = new Map<string, { n: number; fen: number }>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const hit = out.get(k) ?? { n: 0, fen: 0 };
    hit.n += n(r);
    hit.fen += fen(r);
    out.set(k, hit);
  }
  return out;
}

function contractBreakdowns(groups: repo.ContractGroup[], byAmount: boolean, dimensions: BreakdownDimension[]): Breakdown[] {
  const item = (key: string, label: string, s: { n: number; fen: number }): BreakdownItem => ({ key, label, value: byAmount ? s.fen : s.n, amountFen: s.fen });
  const out: Breakdown[] = [];
  for (const d of dimensions) {
    if (d === 'type') out.push(breakdown(d, [...sumBy(groups, (g) => g.type, (g) => g.n, (g) => g.fen)].map(([k, s]) => item(k, CONTRACT_TYPES.label(k), s))));
    if (d === 'field') out.push(breakdown(d, [...sumBy(groups, (g) => g.field, (g) => g.n, (g) => g.fen)].map(([k, s]) => item(k, TECH_FIELDS.label(k), s))));
    if (d === 'origin') out.push(breakdown(d, [...sumBy(groups, (g) => g.origin, (g) => g.n, (g) => g.fen)].map(([k, s]) => item(k, CONTRACT_ORIGINS.label(k), s))));
    if (d === 'direction') {
      const inflow = sumBy(groups, (g) => (g.buyerIn ? 'inflow' : null), (g) => g.n, (g) => g.fen).get('inflow') ?? { n: 0, fen: 0 };
      const outflow = sumBy(groups, (g) => (g.origin === 'district' ? 'outflow' : null), (g) => g.n, (g) => g.fen).get('outflow') ?? { n: 0, fen: 0 };
      out.push({ dimension: d, label: BREAKDOWN_DIMENSIONS.label(d), items: [item('inflow', CONTRACT_DIRECTIONS.label('inflow'), inflow), item('outflow', CONTRACT_DIRECTIONS.label('outflow'), outflow)] });
    }
  }
  return out;
}

/** The contracts an indicator of a contract measure counts, among the pass's groups. */
export function contractsOf(def: IndicatorDefinition, groups: repo.ContractGroup[]): repo.ContractGroup[] {
  switch (def.measure) {
    case 'inflow':
      return groups.filter((g) => g.buyerIn === 1);
    case 'outflow':
      return groups.filter((g) => g.origin === 'district');
    case 'academic_transfers': {
      const kinds = new Set<string>(def.params.seller_kinds ?? []);
      return groups.filter((g) => g.buyerIn === 1 && g.sellerKind !== null && kinds.has(g.sellerKind));
    }
    default:
      return groups;
  }
}

const CONTRACT_BASIS = '全国技术合同登记系统登记的合同（已登记或已变更登记），按登记日期计入年度；卖方、买方按合同第一卖方、第一买方的注册地行政区划代码判断；技术交易额单位为分';

/** Beijing's end of `on` as an instant bound: before the next day's 00:00 (UTC+8). */
export function endOfDayInstant(on: string): string {
  return new Date(`${addDays(on, 1)}T00:00:00+08:00`).toISOString();
}

async function subsidyFigures(c: Computation, year: number, on: string) {
  const notices = await repo.noticesOfYear(c.db, c.prefix, year);
  const ids = notices.map((n) => n.id);
  let budgetYuan = 0;
  for (const n of notices) {
    for (const v of Object.values(JSON.parse(n.budgets) as Record<string, number>)) budgetYuan += Number(v) || 0;
  }
  const { applied, awardedYuan } = await repo.applicationSums(c.db, ids, endOfDayInstant(on));
  const paidFen = await repo.disbursedFen(c.db, ids, on);
  return { notices: notices.length, budgetFen: budgetYuan * 100, applied, awardedFen: awardedYuan * 100, paidFen };
}

/** One definition's value on `on` (stocks) or over [yearStart, on] (flows). */
export async function measure(c: Computation, def: IndicatorDefinition, on: string): Promise<Measured> {
  const p = def.params;
  const yearStart = `${on.slice(0, 4)}-01-01`;
  if (CONTRACT_MEASURES.has(def.measure)) {
    const groups = contractsOf(def, await c.contracts(yearStart, on));
    const byAmount = def.measure === 'turnover';
    const total = groups.reduce((s, g) => s + (byAmount ? g.fen : g.n), 0);
    const dims: BreakdownDimension[] =
      def.measure === 'inflow' ? ['type', 'origin'] : def.measure === 'outflow' ? ['type', 'field'] : def.measure === 'academic_transfers' ? ['type', 'origin'] : ['type', 'field', 'origin', 'direction'];
    const basis =
      def.measure === 'academic_transfers'
        ? `${CONTRACT_BASIS}；第一卖方为${(p.seller_kinds ?? []).map((k) => ORGANIZATION_KINDS.label(k)).join('、')}，且第一买方在本辖区`
        : def.measure === 'inflow'
          ? `${CONTRACT_BASIS}；第一买方在本辖区`
          : def.measure === 'outflow'
            ? `${CONTRACT_BASIS}；第一卖方在本辖区`
            : CONTRACT_BASIS;
    return { value: total, period: { from: yearStart, to: on }, basis, breakdowns: contractBreakdowns(groups, byAmount, dims) };
  }
  switch (def.measure) {
    case 'demonstration_institutions': {
      const rows = await repo.demonstrationRows(c.db, c.prefix, on, p.levels!);
      const best = new Map<string, string>();
      const order = LEVELS.values as readonly string[];
      for (const r of rows) {
        const prev = best.get(r.organization_id);
        const level = r.level ?? 'provincial';
        if (!prev || order.indexOf(level) < order.indexOf(prev)) best.set(r.organization_id, level);
      }
      const byLevel = new Map<string, number>();
      for (const l of best.values()) byLevel.set(l, (byLevel.get(l) ?? 0) + 1);
      return {
        value: best.size,
        period: null,
        basis: `平台库中认定在册（未撤销）或资质库中有效的${(p.levels ?? []).map((l) => LEVELS.label(l)).join('、')}技术转移示范机构，按依托机构注册地在本辖区计，每家机构计一次`,
        breakdowns: [breakdown('level', [...byLevel].map(([k, n]) => ({ key: k, label: LEVELS.label(k), value: n })))],
      };
    }
    case 'practitioners': {
      const { total, byRole, byEmployment } = await repo.practitionerGroups(c.db, c.prefix, p.roles!, on);
      const roles = sumBy(byRole, (g) => g.key, (g) => g.n, () => 0);
      const employment = sumBy(byEmployment, (g) => g.key, (g) => g.n, () => 0);
      return {
        value: total,
        period: null,
        basis: '统计日期当天在任（任职起始日 ≤ 统计日 ≤ 终止日）的技术经纪（经理）人或技术转移管理和服务人员，由本辖区登记或任职于本辖区机构（专兼职均计，一人计一次）',
        note: '人才模块登记了任职期间的按期间计；人员库中未登记任职期间的身份按当前登记计',
        breakdowns: [
          breakdown('role', [...roles].map(([k, s]) => ({ key: k, label: PERSON_ROLES.label(k), value: s.n }))),
          breakdown('employment', [...employment].map(([k, s]) => ({ key: k, label: k === 'unspecified' ? '未注明' : EMPLOYMENT.label(k), value: s.n }))),
        ],
      };
    }
    case 'qualified_organizations': {
      const type = p.qualification!;
      const n = await repo.qualifiedCount(c.db, c.prefix, on, type);
      const what = type === 'high_tech_enterprise' ? '高新技术企业证书' : type === 'tech_sme' ? '科技型中小企业入库登记编号' : '资质';
      return { value: n, period: null, basis: `统计日期当天有效（发证日 ≤ 统计日 ≤ 有效期截止日）的${what}，按持证机构注册地在本辖区计，每家计一次`, breakdowns: [] };
    }
    case 'rd_platforms':
    case 'incubators':
    case 'international_cooperation': {
      const levels = p.levels ?? null;
      const groups = await repo.platformGroups(c.db, c.prefix, on, p.types!, levels);
      const value = groups.reduce((s, g) => s + g.n, 0);
      const types = sumBy(groups, (g) => g.type, (g) => g.n, () => 0);
      const lv = sumBy(groups, (g) => g.level, (g) => g.n, () => 0);
      const typeNames = (p.types ?? []).map((t) => PLATFORM_TYPES.label(t)).join('、');
      const basis = `平台库中认定日期不晚于统计日、未撤销的${levels ? `${levels.map((l) => LEVELS.label(l)).join('、')}` : ''}${typeNames}，按依托机构注册地在本辖区计`;
      return {
        value,
        period: null,
        basis,
        ...(def.measure === 'international_cooperation'
          ? { note: '技术合同当事人均为机构库中的境内主体（统一社会信用代码），合同数据不含外方；国际合作按平台库中的国际科技合作基地计' }
          : {}),
        breakdowns: [
          breakdown('platform_type', [...types].map(([k, s]) => ({ key: k, label: PLATFORM_TYPES.label(k), value: s.n }))),
          breakdown('level', [...lv].map(([k, s]) => ({ key: k, label: LEVELS.label(k), value: s.n }))),
        ],
      };
    }
    case 'subsidy_applications':
    case 'subsidy_paid': {
      const year = Number(on.slice(0, 4));
      const f = await subsidyFigures(c, year, on);
      const stages: BreakdownItem[] = [
        { key: 'budget', label: SUBSIDY_STAGES.label('budget'), value: f.budgetFen },
        { key: 'awarded', label: SUBSIDY_STAGES.label('awarded'), value: f.awardedFen },
        { key: 'paid', label: SUBSIDY_STAGES.label('paid'), value: f.paidFen },
      ];
      return {
        value: def.measure === 'subsidy_applications' ? f.applied : f.paidFen,
        period: { from: yearStart, to: on },
        basis:
          def.measure === 'subsidy_applications'
            ? `本辖区 ${year} 年度申报通知（${f.notices} 个）下统计日前已提交的申报（含此后退回、不予支持的）`
            : `本辖区 ${year} 年度申报通知（${f.notices} 个）统计日前的拨付金额（分），对照各通知预算合计；核定奖补按申报当前状态计`,
        breakdowns: [{ dimension: 'stage', label: BREAKDOWN_DIMENSIONS.label('stage'), items: stages.map((s) => ({ ...s, amountFen: s.value })) }],
      };
    }
    case 'trainings': {
      const f = await repo.trainingFigures(c.db, c.prefix, yearStart, on);
      return {
        value: f.byTopic.reduce((sum, t) => sum + t.n, 0),
        period: { from: yearStart, to: on },
        basis: '本辖区举办、结束日期在统计期内的技术转移培训课程（期）；参训人数按出勤学时大于0的人员计，结业人数按统计日前已发结业证书的人员计（一人计一次）',
        note: `参训 ${f.trained} 人，结业 ${f.certified} 人`,
        breakdowns: [breakdown('topic', f.byTopic.map((t) => ({ key: t.key, label: TRAINING_TOPICS.label(t.key), value: t.n })))],
      };
    }
    default:
      return { value: null, period: null, basis: '', note: `未知口径 ${def.measure}`, breakdowns: [] };
  }
}

function present(def: IndicatorDefinition, m: Measured): IndicatorValue {
  const progress = def.target && m.value !== null ? m.value / def.target : def.target === 0 && m.value !== null ? 1 : null;
  return {
    id: def.id,
    name: def.name,
    nameEn: def.nameEn,
    kind: def.target !== null ? 'target' : 'tracked',
    measure: def.measure,
    unit: def.unit,
    unitLabel: INDICATOR_UNITS.label(def.unit),
    value: m.value,
    target: def.target,
    deadline: def.deadline,
    progress,
    met: def.target !== null && m.value !== null ? m.value >= def.target : null,
    period: m.period,
    source: def.source,
    basis: m.basis,
    note: m.note ?? null,
    public: def.public,
    breakdowns: m.breakdowns,
  };
}

export function todayIn(ctx: Pick<Ctx, 'clock'>): string {
  return chinaDate(ctx.clock.now());
}

/** Every indicator of `set` (optionally a subset) computed on `asOf`. */
export async function computeReport(db: Executor, jurisdictionCode: string, asOf: string, only?: (d: IndicatorDefinition) => boolean, set: IndicatorSet = indicatorSetFor(jurisdictionCode)): Promise<IndicatorReport> {
  const c = new Computation(db, jurisdictionCode);
  const defs = set.indicators.filter((d) => !only || only(d));
  // Sequential: one connection on SQLite; the contract pass is shared through the memo.
  const indicators: IndicatorValue[] = [];
  for (const d of defs) indicators.push(present(d, await measure(c, d, asOf)));
  return {
    jurisdictionCode,
    jurisdiction: findDivision(jurisdictionCode)?.fullName ?? set.jurisdiction,
    set: { id: set.id, title: set.title, document: set.document },
    asOf,
    indicators,
  };
}

/** GET /api/indicators: every indicator of the actor's jurisdiction, as of a date (default today). */
export async function computeIndicators(ctx: Ctx, query: { asOf?: string }): Promise<IndicatorReport> {
  assertCan(ctx.actor, 'indicators.read');
  return computeReport(ctx.db, ctx.actor.jurisdictionCode, query.asOf ?? todayIn(ctx));
}

/** Yearly values from `from` to `to` (default the last five years): flows per calendar year, stocks on 31 December (or today). */
export async function computeTrendsFor(db: Executor, jurisdictionCode: string, today: string, from: number, to: number, only?: (d: IndicatorDefinition) => boolean): Promise<Trends> {
  const set = indicatorSetFor(jurisdictionCode);
  const c = new Computation(db, jurisdictionCode);
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  const defs = set.indicators.filter((d) => (!only || only(d)) && d.measure !== 'trainings');
  const dayOf = (y: number) => (`${y}-12-31` < today ? `${y}-12-31` : today);
  // One contract pass over the whole span, split by year, instead of one per year.
  const span = await c.contracts(`${from}-01-01`, dayOf(to));
  const series = [];
  for (const d of defs) {
    const values: (number | null)[] = [];
    for (const y of years) {
      if (`${y}-01-01` > today) {
        values.push(null);
        continue;
      }
      if (CONTRACT_MEASURES.has(d.measure)) {
        const groups = contractsOf(d, span.filter((g) => g.year === String(y)));
        values.push(groups.reduce((s, g) => s + (d.measure === 'turnover' ? g.fen : g.n), 0));
      } else {
        values.push((await measure(c, d, dayOf(y))).value);
      }
    }
    series.push({ id: d.id, name: d.name, unit: d.unit, target: d.target, deadline: d.deadline, values });
  }
  return { jurisdictionCode, years, series };
}

export async function computeTrends(ctx: Ctx, query: { from?: number; to?: number }): Promise<Trends> {
  assertCan(ctx.actor, 'indicators.read');
  const today = todayIn(ctx);
  const to = query.to ?? Number(today.slice(0, 4));
  const from = query.from ?? to - 4;
  return computeTrendsFor(ctx.db, ctx.actor.jurisdictionCode, today, from, to);
}

/**
 * Public statistics (统计公开): the indicators a definitions file marks `public: true`, for anyone,
 * with open data downloads — JSON (the same shape) and CSV (one row per value and per breakdown
 * class, UTF-8 with BOM so spreadsheet programs read the Chinese).
 */
import { stringify } from 'csv-stringify/sync';
import type { IndicatorReport } from '../../../common/indicator-api.js';
import type { Ctx } from '../../context.js';
import { computeReport, todayIn } from './compute-indicators.js';

export const DEFAULT_PUBLIC_JURISDICTION = process.env.TT_JURISDICTION ?? '410411';

/**
 * Anyone may ask, so answers are kept for a minute per (database, jurisdiction, date): a burst of
 * anonymous requests costs one computation, and a published figure is at most a minute old.
 */
const PUBLIC_TTL_MS = 60_000;
const recent = new WeakMap<object, Map<string, { at: number; report: Promise<IndicatorReport> }>>();

export async function publicStatistics(ctx: Ctx, query: { asOf?: string; jurisdiction?: string }): Promise<IndicatorReport> {
  const today = todayIn(ctx);
  // The public sees no future dates: a statistic is published as of today at the latest.
  const asOf = query.asOf && query.asOf < today ? query.asOf : today;
  const jurisdiction = query.jurisdiction ?? DEFAULT_PUBLIC_JURISDICTION;
  let cache = recent.get(ctx.db);
  if (!cache) recent.set(ctx.db, (cache = new Map()));
  const key = `${jurisdiction}|${asOf}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < PUBLIC_TTL_MS) return hit.report;
  for (const [k, v] of cache) if (now - v.at >= PUBLIC_TTL_MS) cache.delete(k);
  const report = computeReport(ctx.db, jurisdiction, asOf, (d) => d.public);
  cache.set(key, { at: now, report });
  report.catch(() => cache.delete(key));
  return report;
}

const HEADER = ['指标编号', '指标名称', 'indicator', '单位', '统计日期', '统计区间', '分组维度', '分组', '数值', '技术交易额（分）', '目标值', '目标期限', '辖区'];

export function statisticsCsv(report: IndicatorReport): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const i of report.indicators) {
    const period = i.period ? `${i.period.from}~${i.period.to}` : '';
    const unit = i.unit === 'fen' ? '分' : i.unitLabel;
    rows.push([i.id, i.name, i.nameEn, unit, report.asOf, period, '', '', i.value, null, i.target, i.deadline, report.jurisdiction]);
    for (const b of i.breakdowns) {
      for (const item of b.items) rows.push([i.id, i.name, i.nameEn, unit, report.asOf, period, b.label, item.label, item.value, item.amountFen ?? null, null, null, report.jurisdiction]);
    }
  }
  return `\uFEFF${stringify(rows)}`;
}

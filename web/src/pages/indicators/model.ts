/**
 * Targets and indicators (目标监测) on the web: the React Query hooks over `api()` (the shapes are
 * common/indicator-api.ts), number formatting (fen → 万元 for dashboards) and the UI strings
 * (Chinese first, English second).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EntityPage, IndicatorReport, Trends } from '../../../../common/indicator-api.js';
import type { IndicatorUnit } from '../../../../common/indicator-vocabulary.js';
import { api, withQuery } from '../../api.js';
import { useI18n } from '../../i18n.js';

export function useIndicators(asOf: string | undefined) {
  return useQuery({ queryKey: ['indicators', 'report', asOf], queryFn: () => api<IndicatorReport>('/api/indicators', { query: { asOf } }), placeholderData: keepPreviousData });
}

export function useTrends(from: number, to: number) {
  return useQuery({ queryKey: ['indicators', 'trends', from, to], queryFn: () => api<Trends>('/api/indicators/trends', { query: { from, to } }) });
}

export function useEntities(id: string | undefined, query: { asOf?: string; page: number; pageSize: number; dimension?: string; key?: string }) {
  return useQuery({
    queryKey: ['indicators', 'entities', id, query],
    queryFn: () => api<EntityPage>(`/api/indicators/${encodeURIComponent(id!)}/entities`, { query }),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function usePublicStatistics(asOf: string | undefined) {
  return useQuery({ queryKey: ['public-statistics', asOf], queryFn: () => api<IndicatorReport>('/api/public/statistics', { query: { asOf } }), placeholderData: keepPreviousData });
}

export function downloadUrl(format: 'csv' | 'json', asOf?: string): string {
  return withQuery(`/api/public/statistics.${format}`, { asOf });
}

const plain = new Intl.NumberFormat('zh-CN');
const wan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A value in its unit: amounts (fen) as 万元 with two decimals, counts grouped. */
export function formatValue(unit: IndicatorUnit, value: number | null | undefined, unitLabel?: string): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'fen') return `${wan.format(value / 1_000_000)} 万元`;
  return `${plain.format(value)}${unitLabel ? ` ${unitLabel}` : ''}`;
}

/** The number a chart plots: 万元 for amounts, the count otherwise. */
export function chartNumber(unit: IndicatorUnit, value: number | null): number | null {
  if (value === null) return null;
  return unit === 'fen' ? Math.round(value / 10_000) / 100 : value;
}

const zh = {
  dashboard: '目标监测',
  publicTitle: '统计公开',
  asOf: '统计日期',
  targets: '目标完成情况',
  tracked: '监测指标',
  trends: '年度趋势',
  target: '目标',
  deadline: '期限',
  value: '当前值',
  met: '已完成',
  notMet: '未完成',
  overdue: '已逾期未完成',
  noData: '暂无数据',
  details: '明细',
  basis: '统计口径',
  source: '依据',
  period: '统计区间',
  entities: '计入明细',
  total: '共 {total} 条',
  breakdown: '分组',
  all: '全部',
  downloadCsv: '下载 CSV',
  downloadJson: '下载 JSON',
  openData: '开放数据',
  openDataHint: '以下数据由平台按登记信息实时统计，可下载 CSV 或 JSON 自由使用（金额单位：分）。',
  unitWan: '万元',
  years: '年份',
  chartTargets: '目标值与当前值',
  chartTrend: '趋势',
  pickIndicator: '选择指标',
  login: '登录',
} as const;
export type IndicatorMessageKey = keyof typeof zh;

const en: Record<IndicatorMessageKey, string> = {
  dashboard: 'Targets & indicators',
  publicTitle: 'Public statistics',
  asOf: 'As of',
  targets: 'Targets',
  tracked: 'Tracked indicators',
  trends: 'Yearly trends',
  target: 'Target',
  deadline: 'Deadline',
  value: 'Value',
  met: 'Met',
  notMet: 'Not met',
  overdue: 'Overdue',
  noData: 'No data',
  details: 'Details',
  basis: 'Counting rule',
  source: 'Source',
  period: 'Period',
  entities: 'Entities counted',
  total: '{total} in all',
  breakdown: 'Breakdown',
  all: 'All',
  downloadCsv: 'Download CSV',
  downloadJson: 'Download JSON',
  openData: 'Open data',
  openDataHint: 'Computed live from the registry; download as CSV or JSON (amounts in fen).',
  unitWan: '10k yuan',
  years: 'Year',
  chartTargets: 'Targets and values',
  chartTrend: 'Trend',
  pickIndicator: 'Indicator',
  login: 'Log in',
};

export function useIndicatorText() {
  const { lang } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: IndicatorMessageKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { m, lang, name: (i: { name: string; nameEn: string }) => (lang === 'en' ? i.nameEn : i.name) };
}

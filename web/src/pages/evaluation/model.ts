/**
 * The annual evaluation report (年度评估) on the web: the shape the server presents
 * (server/modules/evaluation/schema.ts), its query hook, the download links and the UI strings.
 */
import { useQuery } from '@tanstack/react-query';
import type { FunnelCounts } from '../../../../common/deal-api.js';
import type { IndicatorUnit } from '../../../../common/indicator-vocabulary.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';

export interface AnnualReport {
  title: string;
  year: number;
  jurisdictionCode: string;
  jurisdiction: string;
  issuer: string;
  asOf: string;
  generatedOn: string;
  indicatorSet: { id: string; title: string; document: string | null };
  targets: { id: string; name: string; unit: IndicatorUnit; unitLabel: string; value: number | null; target: number; deadline: string; met: boolean | null; progress: number | null }[];
  indicators: { id: string; name: string; unit: IndicatorUnit; unitLabel: string; value: number | null; previous: number | null; note: string | null }[];
  trend: { years: number[]; series: { id: string; name: string; unit: IndicatorUnit; values: (number | null)[] }[] };
  supervision: {
    plans: { code: string; title: string }[];
    rows: { planCode: string; number: string; heading: string; unitName: string; role: string; periods: number; submitted: number; accepted: number; returned: number; overdue: number; latestAccepted: { period: string; excerpt: string } | null }[];
    totals: { periods: number; submitted: number; accepted: number; returned: number; overdue: number };
  };
  subsidies: {
    notices: number;
    rows: { rule: string; title: string; budgetFen: number; applied: number; awarded: number; awardedFen: number; paidFen: number }[];
    total: { budgetFen: number; applied: number; awarded: number; awardedFen: number; paidFen: number };
  };
  market: { from: string; to: string } & FunnelCounts;
  summary: string;
}

export function useAnnualReport(year: number) {
  return useQuery({ queryKey: ['evaluation', 'report', year], queryFn: () => api<AnnualReport>(`/api/evaluation/reports/${year}`) });
}

export function reportUrl(year: number, format: 'pdf' | 'xlsx'): string {
  return `/api/evaluation/reports/${year}?format=${format}`;
}

const zh = {
  title: '年度评估',
  year: '评估年度',
  yearOption: '{year}年',
  downloadPdf: '下载 PDF',
  downloadXlsx: '下载 XLSX',
  summary: '总体情况',
  targets: '目标任务完成情况',
  indicators: '监测指标',
  supervision: '重点任务推进情况（督办）',
  subsidies: '奖补资金',
  market: '技术市场',
  asOfLine: '指标统计截至 {asOf}；督办状态截至生成日 {generatedOn}',
  id: '编号',
  name: '指标',
  value: '年末值',
  target: '目标值',
  deadline: '期限',
  status: '完成情况',
  met: '已完成',
  notMet: '未完成',
  previous: '上年',
  measure: '措施',
  unit: '责任单位',
  periods: '应报',
  submitted: '已提交',
  accepted: '已采纳',
  returned: '已退回',
  overdue: '逾期',
  latest: '最近采纳报告摘要',
  rule: '奖补规则',
  budget: '预算',
  applied: '申报（件）',
  awarded: '核定（件）',
  awardedAmount: '核定金额',
  paid: '已拨付',
  total: '合计',
  stage: '环节',
  count: '数量',
  amount: '金额',
  listings: '发布成果与需求',
  contacts: '联系对接',
  deals: '新建对接项目',
  signed: '签约（成交额）',
  registered: '登记（技术交易额）',
  noData: '暂无数据',
  noSupervision: '本年度没有督办方案的进度报告数据。',
} as const;
export type EvaluationMessageKey = keyof typeof zh;

const en: Record<EvaluationMessageKey, string> = {
  title: 'Annual evaluation',
  year: 'Year',
  yearOption: '{year}',
  downloadPdf: 'Download PDF',
  downloadXlsx: 'Download XLSX',
  summary: 'Summary',
  targets: 'Targets',
  indicators: 'Tracked indicators',
  supervision: 'Measures (supervision)',
  subsidies: 'Subsidies',
  market: 'Technology market',
  asOfLine: 'Indicators as of {asOf}; supervision as of {generatedOn}',
  id: 'ID',
  name: 'Indicator',
  value: 'Year-end value',
  target: 'Target',
  deadline: 'Deadline',
  status: 'Status',
  met: 'Met',
  notMet: 'Not met',
  previous: 'Previous year',
  measure: 'Measure',
  unit: 'Unit',
  periods: 'Due',
  submitted: 'Submitted',
  accepted: 'Accepted',
  returned: 'Returned',
  overdue: 'Overdue',
  latest: 'Latest accepted report',
  rule: 'Rule',
  budget: 'Budget',
  applied: 'Applied',
  awarded: 'Awarded',
  awardedAmount: 'Awarded amount',
  paid: 'Paid',
  total: 'Total',
  stage: 'Stage',
  count: 'Count',
  amount: 'Amount',
  listings: 'Listings published',
  contacts: 'Contacts',
  deals: 'Deals started',
  signed: 'Signed (agreed amount)',
  registered: 'Registered (turnover)',
  noData: 'No data',
  noSupervision: 'No supervision progress reports for this year.',
};

export function useEvaluationText() {
  const { lang } = useI18n();
  const dict = lang === 'en' ? en : zh;
  return (key: EvaluationMessageKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
}

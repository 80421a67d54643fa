/**
 * The annual evaluation report (年度评估报告, plan measure (二十一)): its zod query and the shape the
 * JSON preview, the PDF and the XLSX are all made from. Amounts are integer fen.
 */
import { z } from 'zod';
import type { IndicatorUnit } from '../../../common/indicator-vocabulary.js';
import type { FunnelCounts } from '../../../common/deal-api.js';

export const reportParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const reportQuery = z.strictObject({
  format: z.enum(['json', 'pdf', 'xlsx']).optional(),
  /** A jurisdiction under the actor's own (6 digits); default the actor's. */
  jurisdiction: z.string().regex(/^\d{6}$/, { message: '行政区划代码应为6位数字' }).optional(),
});

export interface ReportTarget {
  id: string;
  name: string;
  unit: IndicatorUnit;
  unitLabel: string;
  /** At the year's end (or the generation day, in the current year). */
  value: number | null;
  target: number;
  deadline: string;
  met: boolean | null;
  progress: number | null;
}

export interface ReportIndicator {
  id: string;
  name: string;
  unit: IndicatorUnit;
  unitLabel: string;
  value: number | null;
  /** The same indicator at the previous year's end. */
  previous: number | null;
  note: string | null;
}

export interface ReportMeasureRow {
  planCode: string;
  number: string;
  heading: string;
  unitName: string;
  role: string;
  /** The year's reporting periods begun by the generation day. */
  periods: number;
  submitted: number;
  accepted: number;
  returned: number;
  overdue: number;
  latestAccepted: { period: string; excerpt: string } | null;
}

export interface ReportSubsidyRow {
  rule: string;
  title: string;
  budgetFen: number;
  /** Applications submitted under notices covering the rule. */
  applied: number;
  /** Applications with an award line of the rule. */
  awarded: number;
  awardedFen: number;
  paidFen: number;
}

export interface AnnualReport {
  title: string;
  year: number;
  jurisdictionCode: string;
  jurisdiction: string;
  issuer: string;
  /** Indicator values are taken on this day: 31 December, or the generation day in the current year. */
  asOf: string;
  /** The day the report was generated (supervision statuses are as of this day). */
  generatedOn: string;
  indicatorSet: { id: string; title: string; document: string | null };
  targets: ReportTarget[];
  indicators: ReportIndicator[];
  trend: { years: number[]; series: { id: string; name: string; unit: IndicatorUnit; values: (number | null)[] }[] };
  supervision: { plans: { code: string; title: string }[]; rows: ReportMeasureRow[]; totals: { periods: number; submitted: number; accepted: number; returned: number; overdue: number } };
  subsidies: { notices: number; rows: ReportSubsidyRow[]; total: { budgetFen: number; applied: number; awarded: number; awardedFen: number; paidFen: number } };
  market: { from: string; to: string } & FunnelCounts;
  summary: string;
}

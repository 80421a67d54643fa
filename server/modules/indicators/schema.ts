/**
 * Zod shapes of the indicators API and the values it presents. Queries are strict: an unknown
 * parameter is a 400 naming it.
 */
import { z } from 'zod';
import { isoDate } from '../../../common/registry-schema.js';
import type { BreakdownDimension, IndicatorKind, IndicatorMeasure, IndicatorUnit } from '../../../common/indicator-vocabulary.js';

export const asOfQuery = z.strictObject({
  /** The day the values are computed for (default: today in China). */
  asOf: isoDate.optional(),
});

export const entitiesQuery = z.strictObject({
  asOf: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** Contract indicators: one breakdown class, e.g. dimension=type&key=development. */
  dimension: z.enum(['type', 'field', 'origin', 'direction']).optional(),
  key: z.string().min(1).max(40).optional(),
});
export type EntitiesQuery = z.infer<typeof entitiesQuery>;

export const trendsQuery = z
  .strictObject({
    from: z.coerce.number().int().min(2000).max(2100).optional(),
    to: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || (q.from <= q.to && q.to - q.from < 20), { message: '起止年份应为 from ≤ to，且不超过20年', path: ['from'] });
export type TrendsQuery = z.infer<typeof trendsQuery>;

export const publicQuery = z.strictObject({
  asOf: isoDate.optional(),
  /** Which jurisdiction's statistics (6-digit code); default the instance's (TT_JURISDICTION, else 410411). */
  jurisdiction: z.string().regex(/^\d{6}$/, { message: '行政区划代码应为6位数字' }).optional(),
});

export interface BreakdownItem {
  key: string;
  label: string;
  value: number;
  /** Contract classes: 技术交易额 of the class, in fen. */
  amountFen?: number;
}

export interface Breakdown {
  dimension: BreakdownDimension;
  label: string;
  items: BreakdownItem[];
}

export interface IndicatorValue {
  id: string;
  name: string;
  nameEn: string;
  kind: IndicatorKind;
  measure: IndicatorMeasure;
  unit: IndicatorUnit;
  unitLabel: string;
  /** null when the platform holds no data for it yet (says why in `note`). */
  value: number | null;
  target: number | null;
  deadline: string | null;
  /** value ÷ target (not capped), or null without a target. */
  progress: number | null;
  met: boolean | null;
  /** A flow (contracts, subsidies) counts over this period; a stock is counted on `asOf`. */
  period: { from: string; to: string } | null;
  source: { document: string | null; clause: string; text: string };
  /** What is counted, in Chinese: the counting rule and its data source. */
  basis: string;
  note: string | null;
  public: boolean;
  breakdowns: Breakdown[];
}

export interface IndicatorReport {
  jurisdictionCode: string;
  jurisdiction: string;
  set: { id: string; title: string; document: string | null };
  asOf: string;
  indicators: IndicatorValue[];
}

export interface TrendSeries {
  id: string;
  name: string;
  unit: IndicatorUnit;
  target: number | null;
  deadline: string | null;
  /** One value per year of `years`: flows over the calendar year, stocks on 31 December. */
  values: (number | null)[];
}

export interface Trends {
  jurisdictionCode: string;
  years: number[];
  series: TrendSeries[];
}

export interface EntityPage {
  indicator: { id: string; name: string; measure: IndicatorMeasure };
  asOf: string;
  columns: { key: string; label: string }[];
  items: Record<string, string | number | boolean | null>[];
  total: number;
  page: number;
  pageSize: number;
}

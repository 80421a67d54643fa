/**
 * The indicators API's shapes, shared by the server (server/modules/indicators) and the web pages:
 * GET /api/indicators and /api/public/statistics answer an IndicatorReport, /api/indicators/trends
 * Trends, /api/indicators/:id/entities an EntityPage.
 */
import type { BreakdownDimension, IndicatorKind, IndicatorMeasure, IndicatorUnit } from './indicator-vocabulary.js';

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

/** The entities an indicator counts (its drill-down), one page of them. */
export interface EntityPage {
  indicator: { id: string; name: string; measure: IndicatorMeasure };
  asOf: string;
  columns: { key: string; label: string }[];
  items: Record<string, string | number | boolean | null>[];
  total: number;
  page: number;
  pageSize: number;
}

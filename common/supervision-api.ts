/**
 * The supervision (督办) API's shapes, shared by the server (server/modules/supervision) and the web
 * pages: plans (实施方案) with their measures and responsible units, the board (督办看板) and
 * progress reports (进度报告).
 */
import type { IsoDate } from './dates.js';
import type { CellStatus, ReportingPeriod, ReportStatus, UnitRole } from './supervision-vocabulary.js';

export interface PlanSummary {
  id: string;
  code: string;
  title: string;
  document: string | null;
  jurisdictionCode: string;
  issuedOn: string | null;
  startsOn: string;
  endsOn: string;
  period: ReportingPeriod;
  dueDays: number;
  sourceHash: string;
  measureCount: number;
  unitCount: number;
  linkedUnitCount: number;
  isDemo: boolean;
  version: number;
  updatedAt: string;
}

/** A responsible unit of a plan and the registry organization that acts for it, once linked. */
export interface PlanUnit {
  id: string;
  name: string;
  organizationId: string | null;
  organizationName: string | null;
}

export interface PlanMeasureView {
  id: string;
  number: string;
  seq: number;
  heading: string;
  text: string;
  responsibility: string | null;
  period: ReportingPeriod;
  units: { unitId: string; name: string; role: UnitRole; organizationId: string | null }[];
}

export interface PlanDetail extends PlanSummary {
  units: PlanUnit[];
  measures: PlanMeasureView[];
}

/** What loading a plan file answers. */
export interface LoadResult extends PlanSummary {
  created: boolean;
  /** Unit names not linked to any registry organization. */
  unlinkedUnits: string[];
}

/** One period of a board row: the cell's status on the board's day. */
export interface BoardCell {
  period: string;
  status: CellStatus;
  overdue: boolean;
  reportId: string | null;
  dueOn: IsoDate;
}

/** A measure × responsible unit, with a cell per period. */
export interface BoardRow {
  measureId: string;
  number: string;
  heading: string;
  unitId: string;
  unitName: string;
  role: UnitRole;
  organizationId: string | null;
  cells: BoardCell[];
}

export interface Board {
  plan: { id: string; code: string; title: string; period: ReportingPeriod; dueDays: number };
  asOf: IsoDate;
  periods: { code: string; label: string; startsOn: IsoDate; endsOn: IsoDate; dueOn: IsoDate }[];
  rows: BoardRow[];
  totals: Record<CellStatus, number>;
}

export interface Report {
  id: string;
  planId: string;
  measureId: string;
  measureNumber: string;
  measureHeading: string;
  unitId: string;
  unitName: string;
  organizationId: string | null;
  period: string;
  periodLabel: string;
  periodEndsOn: string;
  dueOn: string;
  status: ReportStatus;
  /** Past its due day and not (re)submitted. */
  overdue: boolean;
  text: string;
  figures: Record<string, number>;
  reviewComment: string | null;
  submissionCount: number;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  nextStatuses: ReportStatus[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReportDetail extends Report {
  measureText: string;
  attachments: { hash: string; label: string; size: number; mime: string }[];
  steps: { seq: number; from: string | null; to: string; at: string; actorName: string; comment: string | null }[];
}

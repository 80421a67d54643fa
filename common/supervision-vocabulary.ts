/**
 * The supervision (督办) vocabularies, shared by server and web: reporting periods, report
 * statuses, the board's cell statuses and review decisions. See docs/glossary.md.
 */
import { labels } from './vocabulary.js';

/** How often a responsible unit reports on a measure. */
export const REPORTING_PERIODS = labels({
  monthly: '按月',
  quarterly: '按季度',
  half_yearly: '按半年',
  yearly: '按年度',
});
export type ReportingPeriod = (typeof REPORTING_PERIODS.values)[number];

/** A progress report's workflow: draft → submitted → accepted | returned → submitted (重新提交) … */
export const REPORT_STATUSES = labels({
  draft: '草稿',
  submitted: '已提交',
  accepted: '已采纳',
  returned: '已退回',
});
export type ReportStatus = (typeof REPORT_STATUSES.values)[number];

/** What the board shows for one (measure, unit, period) cell on a given day. */
export const CELL_STATUSES = labels({
  not_due: '未到期',
  due: '待报送',
  submitted: '已提交',
  accepted: '已采纳',
  returned: '已退回',
  overdue: '逾期',
});
export type CellStatus = (typeof CELL_STATUSES.values)[number];

export const REVIEW_DECISIONS = labels({ accept: '采纳', return: '退回修改' });
export type SupervisionDecision = (typeof REVIEW_DECISIONS.values)[number];

/** The unit's part in a measure: the lead unit (牵头) or a co-responsible unit (配合). */
export const UNIT_ROLES = labels({ lead: '牵头单位', co: '配合单位' });
export type UnitRole = (typeof UNIT_ROLES.values)[number];

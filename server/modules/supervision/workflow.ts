/**
 * The progress report workflow — one state table. Each transition names the action (permission +
 * audit action) that performs it.
 *
 * draft → submitted → accepted | returned (with a comment) → submitted (重新提交) → …; accepted is final.
 */
import { REPORT_STATUSES, type ReportStatus } from '../../../common/supervision-vocabulary.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';

export const TRANSITIONS: Record<ReportStatus, Partial<Record<ReportStatus, Action>>> = {
  draft: { submitted: 'supervision.report.submit' },
  returned: { submitted: 'supervision.report.submit' },
  submitted: { accepted: 'supervision.report.review', returned: 'supervision.report.review' },
  accepted: {},
};

/** Statuses in which the unit may still edit its report. */
export const EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

/** The action that moves a report from `from` to `to`; CONFLICT (409) for an illegal move. */
export function transitionAction(from: ReportStatus, to: ReportStatus): Action {
  const action = TRANSITIONS[from][to];
  if (!action) {
    const allowed = Object.keys(TRANSITIONS[from]) as ReportStatus[];
    throw new AppError(
      'CONFLICT',
      `进度报告不能从“${REPORT_STATUSES.label(from)}”变为“${REPORT_STATUSES.label(to)}”` +
        (allowed.length ? `（可变为：${allowed.map((s) => REPORT_STATUSES.label(s)).join('、')}）` : '（已采纳的报告不能再变更）'),
      { field: 'status' },
    );
  }
  return action;
}

export function nextStatuses(from: ReportStatus): ReportStatus[] {
  return Object.keys(TRANSITIONS[from]) as ReportStatus[];
}

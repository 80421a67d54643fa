/**
 * The application workflow — one state table. Each transition names the action (permission +
 * audit action) that performs it.
 *
 * draft → submitted → 初审 (returned ↔ submitted | first_passed | rejected)
 *   → 复核 by another operator (second_passed | returned | rejected)
 *   → the round is closed and awards computed (awarded | no_award)
 *   → 公示 (publicized; an upheld objection: removed, or recomputed to no_award)
 *   → 财政局 approves (approved) → 拨付 (paid).
 * rejected (不予支持), no_award, removed and paid are terminal.
 */
import { APPLICATION_STATUSES, NOTICE_STATUSES, type ApplicationStatus, type NoticeStatus } from '../../../common/application-vocabulary.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';

export const TRANSITIONS: Record<ApplicationStatus, Partial<Record<ApplicationStatus, Action>>> = {
  draft: { submitted: 'applications.application.submit' },
  returned: { submitted: 'applications.application.submit' },
  submitted: {
    returned: 'applications.application.first_review',
    first_passed: 'applications.application.first_review',
    rejected: 'applications.application.first_review',
  },
  first_passed: {
    second_passed: 'applications.application.second_review',
    returned: 'applications.application.second_review',
    rejected: 'applications.application.second_review',
  },
  second_passed: { awarded: 'applications.notice.compute', no_award: 'applications.notice.compute' },
  awarded: { publicized: 'applications.notice.publicize' },
  publicized: {
    removed: 'applications.objection.resolve',
    no_award: 'applications.objection.resolve',
    approved: 'applications.notice.approve',
  },
  approved: { paid: 'applications.payment.record' },
  no_award: {},
  removed: {},
  paid: {},
  rejected: {},
};

/** Statuses in which the applicant may still edit the application. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'returned'];
/** Waiting for a reviewer: the round cannot be closed while any application is here. */
export const UNDER_REVIEW: readonly ApplicationStatus[] = ['submitted', 'first_passed'];
/** On the 公示 list (and, after approval, the payment list). */
export const LISTED: readonly ApplicationStatus[] = ['publicized', 'approved', 'paid'];
/** Statuses that hold awards. */
export const WITH_AWARDS: readonly ApplicationStatus[] = ['awarded', 'publicized', 'approved', 'paid'];

/** The action that moves an application from `from` to `to`; CONFLICT (409) for an illegal move. */
export function transitionAction(from: ApplicationStatus, to: ApplicationStatus): Action {
  const action = TRANSITIONS[from][to];
  if (!action) {
    const allowed = Object.keys(TRANSITIONS[from]) as ApplicationStatus[];
    throw new AppError(
      'CONFLICT',
      `申报不能从“${APPLICATION_STATUSES.label(from)}”变为“${APPLICATION_STATUSES.label(to)}”` +
        (allowed.length ? `（可变为：${allowed.map((s) => APPLICATION_STATUSES.label(s)).join('、')}）` : '（该状态为终态）'),
      { field: 'status' },
    );
  }
  return action;
}

export function nextStatuses(from: ApplicationStatus): ApplicationStatus[] {
  return Object.keys(TRANSITIONS[from]) as ApplicationStatus[];
}

export const NOTICE_TRANSITIONS: Record<NoticeStatus, Partial<Record<NoticeStatus, Action>>> = {
  published: { computed: 'applications.notice.compute' },
  computed: { publicized: 'applications.notice.publicize' },
  publicized: { approved: 'applications.notice.approve' },
  approved: {},
};

export function noticeTransitionAction(from: NoticeStatus, to: NoticeStatus): Action {
  const action = NOTICE_TRANSITIONS[from][to];
  if (!action) {
    throw new AppError('CONFLICT', `申报通知不能从“${NOTICE_STATUSES.label(from)}”变为“${NOTICE_STATUSES.label(to)}”`, { field: 'status' });
  }
  return action;
}

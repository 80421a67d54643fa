/**
 * The service request workflow — one state table. 已提交 → 已受理 → 办理中 → 已完成; a submitted request
 * may be refused (已拒绝) by the agency; an open request may be cancelled (已取消) by the enterprise.
 * Which side makes which move is `MOVER`: the provider (agency) or the requester (enterprise).
 */
import { REQUEST_STATUSES, type RequestStatus } from '../../../common/services-vocabulary.js';
import { AppError } from '../../errors.js';

export const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  rejected: [],
  cancelled: [],
};

export const MOVER: Record<RequestStatus, 'provider' | 'requester' | null> = {
  submitted: null,
  accepted: 'provider',
  in_progress: 'provider',
  completed: 'provider',
  rejected: 'provider',
  cancelled: 'requester',
};

export function nextStatuses(from: RequestStatus): RequestStatus[] {
  return [...TRANSITIONS[from]];
}

/** Throws CONFLICT (409, field `to`) unless `from → to` is a move of the table. */
export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (TRANSITIONS[from].includes(to)) return;
  const allowed = TRANSITIONS[from];
  throw new AppError(
    'CONFLICT',
    `服务请求不能从“${REQUEST_STATUSES.label(from)}”变为“${REQUEST_STATUSES.label(to)}”` +
      (allowed.length ? `（可变为：${allowed.map((s) => REQUEST_STATUSES.label(s)).join('、')}）` : '（已结束）'),
    { field: 'to' },
  );
}

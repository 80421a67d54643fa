/** Small pieces the services and finance pages share: the request status tag (their form modal is components/form-modal.tsx). */
import { Tag } from 'antd';
import { REQUEST_STATUSES, type RequestStatus } from '../../../../common/services-vocabulary.js';
import { useI18n } from '../../i18n.js';

const REQUEST_COLORS: Record<RequestStatus, string> = { submitted: 'processing', accepted: 'cyan', in_progress: 'warning', completed: 'success', rejected: 'error', cancelled: 'default' };

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { vocab } = useI18n();
  return <Tag color={REQUEST_COLORS[status]} data-testid="request-status" data-status={status}>{vocab(REQUEST_STATUSES, status)}</Tag>;
}

/**
 * The organization page's 变更申请: the banner 有待审核的变更申请 with what is requested (own users and
 * the operator), the 申请变更 menu for own users, and the record of past requests with their decisions.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Dropdown, Space, Typography } from 'antd';
import { DownOutlined, FormOutlined } from '@ant-design/icons';
import { CHANGE_REQUEST_GROUPS, type ChangeRequestGroup } from '../../../../common/change-request.js';
import { useUser } from '../../auth.js';
import { DetailTableCard } from '../../components/detail-table-card.js';
import { formatInstant, text } from '../../format.js';
import { can } from '../../permissions.js';
import type { Organization } from '../../types.js';
import { ChangeStatusTag, DecisionButtons, WithdrawButton } from './change-request-bits.js';
import { ChangeRequestModal } from './change-request-modal.js';
import { type ChangeRequest, useChangeRequests, useChangeText } from './change-request-model.js';

/** 申请变更 ▾: one entry per field group; for the organization's own users. */
export function RequestChangeMenu({ organization }: { organization: Organization }) {
  const { c, groupAction } = useChangeText();
  const user = useUser();
  const [group, setGroup] = useState<ChangeRequestGroup | null>(null);
  if (!can(user, 'registry.change_request.create') || !user.organizationIds.includes(organization.id)) return null;
  return (
    <>
      <Dropdown
        menu={{
          items: CHANGE_REQUEST_GROUPS.values.map((g) => ({ key: g, label: <span data-testid={`change-request-${g}`}>{groupAction(g)}</span> })),
          onClick: ({ key }) => setGroup(key as ChangeRequestGroup),
        }}
      >
        <Button icon={<FormOutlined />} data-testid="change-request-menu">
          {c('request')} <DownOutlined />
        </Button>
      </Dropdown>
      {group && <ChangeRequestModal organization={organization} group={group} onClose={() => setGroup(null)} />}
    </>
  );
}

/** `banner`: the pending requests, on top of the page; `history`: every request with its outcome. */
export function ChangeRequestsPanel({ organizationId, part }: { organizationId: string; part: 'banner' | 'history' }) {
  const { c } = useChangeText();
  const user = useUser();
  const readable = can(user, 'registry.change_request.read');
  const query = useChangeRequests({ organizationId, page: 1, pageSize: 50 }, readable);
  if (!readable) return null;
  const items = query.data?.items ?? [];
  const pending = items.filter((r) => r.status === 'pending');
  return (
    <>
      {part === 'banner' && pending.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="change-pending-banner"
          title={c('pendingBanner')}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{c('pendingBannerHint')}</Typography.Text>
              {pending.map((r) => (
                <Space key={r.id} wrap data-testid="change-pending-item">
                  <Typography.Text strong>{r.groupLabel}</Typography.Text>
                  <Link to={`/change-requests/${encodeURIComponent(r.id)}`}>{r.summary}</Link>
                  <Typography.Text type="secondary">{`${r.submittedByName} · ${formatInstant(r.submittedAt)}`}</Typography.Text>
                  <WithdrawButton request={r} size="small" />
                  <DecisionButtons request={r} />
                </Space>
              ))}
            </Space>
          }
        />
      )}
      {part === 'history' && items.length > 0 && (
        <DetailTableCard<ChangeRequest>
          title={c('history')}
          rowKey="id"
          dataSource={items}
          columns={[
            { title: c('group'), width: 100, render: (_: unknown, r) => r.groupLabel },
            { title: c('summary'), render: (_: unknown, r) => <Link to={`/change-requests/${encodeURIComponent(r.id)}`}>{r.summary}</Link> },
            { title: c('status'), width: 90, render: (_: unknown, r) => <ChangeStatusTag request={r} /> },
            { title: c('decisionReason'), width: 240, render: (_: unknown, r) => <span data-testid="change-history-reason">{text(r.decisionReason)}</span> },
            { title: c('submittedAt'), width: 170, render: (_: unknown, r) => formatInstant(r.submittedAt) },
          ]}
        />
      )}
    </>
  );
}

/** Pieces of the 变更申请 pages shared by the queue, the detail page and the organization page. */
import { useState } from 'react';
import { App, Button, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ChangeDifference, ChangeRequestStatus } from '../../../../common/change-request.js';
import { useUser } from '../../auth.js';
import { can } from '../../permissions.js';
import { type ChangeRequest, useChangeText, useDecideChangeRequest, useWithdrawChangeRequest } from './change-request-model.js';

const STATUS_COLORS: Record<ChangeRequestStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };

export function ChangeStatusTag({ request }: { request: Pick<ChangeRequest, 'status' | 'statusLabel'> }) {
  return <Tag color={STATUS_COLORS[request.status]} data-testid="change-status">{request.statusLabel}</Tag>;
}

/** Current value beside the requested one, field by field, in words. */
export function DifferencesTable({ differences }: { differences: ChangeDifference[] }) {
  const { c } = useChangeText();
  return (
    <Table<ChangeDifference>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={differences}
      data-testid="change-differences"
      columns={[
        { title: c('field'), dataIndex: 'label', width: 220 },
        { title: c('current'), dataIndex: 'current', render: (v: string) => <span className="tt-diff-before">{v}</span> },
        { title: c('requested'), dataIndex: 'requested', render: (v: string) => <Typography.Text strong className="tt-diff-after">{v}</Typography.Text> },
      ]}
    />
  );
}

/** 撤回: the applicant takes back a pending request (asks first). */
export function WithdrawButton({ request, size }: { request: ChangeRequest; size?: 'small' }) {
  const { c } = useChangeText();
  const { message } = App.useApp();
  const user = useUser();
  const withdraw = useWithdrawChangeRequest();
  if (request.status !== 'pending' || !can(user, 'registry.change_request.withdraw') || !user.organizationIds.includes(request.organizationId)) return null;
  return (
    <Popconfirm
      title={c('withdrawConfirm')}
      onConfirm={async () => {
        try {
          await withdraw.mutateAsync({ id: request.id, version: request.version });
          void message.success(c('withdrawn'));
        } catch (error) {
          void message.error(error instanceof Error ? error.message : String(error));
        }
      }}
    >
      <Button size={size} loading={withdraw.isPending} data-testid="change-withdraw">{c('withdraw')}</Button>
    </Popconfirm>
  );
}

/** 通过 / 驳回 for the operator: each asks first, saying what will happen; a rejection needs a reason. */
export function DecisionButtons({ request }: { request: ChangeRequest }) {
  const { c } = useChangeText();
  const { message } = App.useApp();
  const user = useUser();
  const decide = useDecideChangeRequest();
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (request.status !== 'pending' || !can(user, 'registry.change_request.review')) return null;
  const open = (decision: 'approve' | 'reject') => {
    setReason('');
    setProblem(null);
    setAsking(decision);
  };
  const confirm = async () => {
    if (asking === 'reject' && reason.trim().length < 2) {
      setProblem(c('rejectReasonRequired'));
      return;
    }
    try {
      await decide.mutateAsync({ id: request.id, version: request.version, decision: asking!, reason: reason.trim() || undefined });
      void message.success(asking === 'approve' ? c('approved') : c('rejected'));
      setAsking(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const vars = { org: request.organizationName, summary: request.summary };
  return (
    <>
      <Button type="primary" onClick={() => open('approve')} data-testid="change-approve">{c('approve')}</Button>
      <Button danger onClick={() => open('reject')} data-testid="change-reject">{c('reject')}</Button>
      <Modal
        open={asking !== null}
        title={asking === 'approve' ? c('approveTitle') : c('rejectTitle')}
        okText={asking === 'approve' ? c('approve') : c('reject')}
        okButtonProps={{ danger: asking === 'reject', 'data-testid': 'change-decision-ok' }}
        confirmLoading={decide.isPending}
        onOk={() => void confirm()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph data-testid="change-decision-consequence">{asking === 'approve' ? c('approveBody', vars) : c('rejectBody', vars)}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={asking === 'approve' ? c('approveReason') : c('rejectReason')}
          data-testid="change-decision-reason"
        />
        {problem && <Typography.Text type="danger" data-testid="change-decision-problem">{problem}</Typography.Text>}
      </Modal>
    </>
  );
}

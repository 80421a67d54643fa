/**
 * 变更申请 (/change-requests): the operator's queue of pending requests in the jurisdiction (and the
 * decided ones), an organization's own users' requests; each opens on the comparison in words, the
 * evidence, and 通过 / 驳回 (operator) or 撤回 (applicant). Every list exports to Excel.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import { Button, Card, Descriptions, Select, Space, Table } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { CHANGE_REQUEST_GROUPS, CHANGE_REQUEST_STATUSES } from '../../../../common/change-request.js';
import { useUser } from '../../auth.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { EMPTY, formatInstant, text } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import { OpenReexaminationButton } from '../reexamination/open-button.js';
import { ChangeStatusTag, DecisionButtons, DifferencesTable, WithdrawButton } from './change-request-bits.js';
import { type ChangeRequest, changeEvidenceUrl, changeRequestsXlsxUrl, useChangeRequest, useChangeRequests, useChangeText } from './change-request-model.js';

function ChangeRequestList() {
  const { c, vocab } = useChangeText();
  const user = useUser();
  const reviewer = can(user, 'registry.change_request.review');
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? (reviewer ? 'pending' : undefined));
  const [group, setGroup] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const query = useChangeRequests({ status, group, page, pageSize: 20 });
  const columns: ColumnsType<ChangeRequest> = [
    { title: c('organization'), width: 240, render: (_: unknown, r) => <Link to={`/organizations/${encodeURIComponent(r.organizationId)}`}>{r.organizationName}</Link> },
    { title: c('group'), width: 110, render: (_: unknown, r) => r.groupLabel },
    { title: c('summary'), render: (_: unknown, r) => <Link to={`/change-requests/${encodeURIComponent(r.id)}`} data-testid="change-request-link">{r.summary}</Link> },
    { title: c('status'), width: 90, render: (_: unknown, r) => <ChangeStatusTag request={r} /> },
    { title: c('submittedBy'), width: 140, render: (_: unknown, r) => r.submittedByName },
    { title: c('submittedAt'), width: 170, render: (_: unknown, r) => formatInstant(r.submittedAt) },
  ];
  return (
    <>
      <PageHeader
        title={reviewer ? c('queue') : c('mine')}
        extra={<Button icon={<DownloadOutlined />} href={changeRequestsXlsxUrl({ status, group })} data-testid="change-requests-export">{c('export')}</Button>}
      />
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select allowClear placeholder={c('status')} value={status} style={{ width: 140 }} onChange={(v) => { setStatus(v); setPage(1); }}
            options={CHANGE_REQUEST_STATUSES.values.map((v) => ({ value: v, label: vocab(CHANGE_REQUEST_STATUSES, v) }))} data-testid="change-status-filter" />
          <Select allowClear placeholder={c('group')} value={group} style={{ width: 160 }} onChange={(v) => { setGroup(v); setPage(1); }}
            options={CHANGE_REQUEST_GROUPS.values.map((v) => ({ value: v, label: vocab(CHANGE_REQUEST_GROUPS, v) }))} />
        </Space>
        <Table<ChangeRequest> rowKey="id" size="middle" loading={query.isFetching} dataSource={query.data?.items ?? []} columns={columns}
          locale={{ emptyText: c('noRequests') }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="change-requests-table" />
      </Card>
    </>
  );
}

function ChangeRequestDetail() {
  const { id } = useParams();
  const { c } = useChangeText();
  const query = useChangeRequest(id);
  return (
    <QueryGate query={query}>
      {(r) => (
        <div className="tt-page">
          <PageHeader
            title={`${r.organizationName} · ${r.groupLabel}`}
            back="/change-requests"
            tags={<ChangeStatusTag request={r} />}
            extra={
              <>
                <DecisionButtons request={r} />
                <WithdrawButton request={r} />
                {(r.status === 'approved' || r.status === 'rejected') && <OpenReexaminationButton kind="change_request" decisionId={r.id} subject={`${r.organizationName}的${r.groupLabel}变更申请`} />}
              </>
            }
          />
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="change-request-facts" items={[
                { key: 'org', label: c('organization'), children: <Link to={`/organizations/${encodeURIComponent(r.organizationId)}`}>{r.organizationName}</Link> },
                { key: 'group', label: c('group'), children: r.groupLabel },
                { key: 'by', label: c('submittedBy'), children: r.submittedByName },
                { key: 'at', label: c('submittedAt'), children: formatInstant(r.submittedAt) },
                { key: 'why', label: c('explanation'), children: text(r.explanation), span: 2 },
                ...(r.decidedAt
                  ? [
                      { key: 'dby', label: c('decidedBy'), children: text(r.decidedByName) },
                      { key: 'dat', label: c('decidedAt'), children: formatInstant(r.decidedAt) },
                      { key: 'reason', label: c('decisionReason'), children: <span data-testid="change-decision-reason-text">{text(r.decisionReason)}</span>, span: 2 },
                    ]
                  : []),
              ]} />
            </Card>
            <Card size="small" title={c('summary')}>
              <DifferencesTable differences={r.differences} />
            </Card>
            <Card size="small" title={c('evidence')}>
              <Space orientation="vertical" data-testid="change-evidence-links">
                {r.evidence.length === 0 && EMPTY}
                {r.evidence.map((e) => (
                  <a key={e.hash} href={changeEvidenceUrl(r.id, e.hash)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {e.fileName}
                  </a>
                ))}
              </Space>
            </Card>
          </Space>
        </div>
      )}
    </QueryGate>
  );
}

export default function ChangeRequestRoutes() {
  return (
    <Routes>
      <Route index element={<ChangeRequestList />} />
      <Route path=":id" element={<ChangeRequestDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

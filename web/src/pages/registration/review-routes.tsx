/**
 * 注册审核 (/registrations): the units' applications of the operator's jurisdiction (waiting first),
 * with search and the Excel export; one application — what it proposes, the registry's record for
 * its credit code with the differing fields marked, the evidence to view or download, the account it
 * opens, its history — approved or returned with a reason after a confirmation saying what happens.
 */
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, FileExcelOutlined } from '@ant-design/icons';
import { LICENSE_KINDS, REGISTRATION_ACTIONS, REGISTRATION_STATUSES, type RegistrationStatus } from '../../../../common/registration-vocabulary.js';
import { ORGANIZATION_KINDS, USER_ROLES } from '../../../../common/vocabulary.js';
import { errorText } from '../../api.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { NotFoundPage } from '../errors.js';
import { OpenReexaminationButton } from '../reexamination/open-button.js';
import { evidenceUrl, exportUrl, type RegistrationDetail, type RegistrationSummary, useDecideRegistration, useRegistration, useRegistrations, useRegistrationText } from './model.js';
import { RegistrationStatusTag } from './status-page.js';

type Filter = RegistrationStatus | 'all';

function Queue() {
  const { m, vocab } = useRegistrationText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<Filter>((params.get('status') as Filter | null) ?? 'pending');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const status = filter === 'all' ? undefined : filter;
  const query = useRegistrations({ ...(status ? { status } : {}), ...(q ? { q } : {}), page, pageSize: 20 });
  return (
    <>
      <PageHeader title={m('queue')} extra={<Button icon={<FileExcelOutlined />} href={exportUrl({ ...(status ? { status } : {}), ...(q ? { q } : {}) })} data-testid="registrations-export">{m('export')}</Button>} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => { setFilter(v); setPage(1); }}
          options={[...REGISTRATION_STATUSES.values.map((s) => ({ value: s as Filter, label: vocab(REGISTRATION_STATUSES, s) })), { value: 'all', label: m('all') }]}
          data-testid="registrations-filter"
        />
        <Input.Search allowClear placeholder={m('search')} style={{ width: 320 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
      </Space>
      <Table<RegistrationSummary>
        rowKey="id"
        className="tt-clickable-rows"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        onRow={(r) => ({ onClick: () => navigate(`/registrations/${r.id}`) })}
        data-testid="registrations-queue"
        columns={[
          { title: m('number'), width: 150, render: (_, r) => <Link to={`/registrations/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.number}</Link> },
          { title: m('orgName'), render: (_, r) => <Space>{r.orgName}{r.status !== 'approved' && <Tag color={r.claim ? 'gold' : 'blue'}>{r.claim ? m('claim') : m('create')}</Tag>}</Space> },
          { title: m('creditCode'), width: 190, dataIndex: 'creditCode' },
          { title: m('kind'), width: 120, render: (_, r) => vocab(ORGANIZATION_KINDS, r.orgKind) },
          { title: m('division'), width: 200, render: (_, r) => r.divisionName ?? r.divisionCode },
          { title: m('applicant'), width: 150, render: (_, r) => `${r.applicantName}（${r.position ?? ''}）` },
          { title: m('updatedAt'), width: 170, render: (_, r) => formatInstant(r.updatedAt) },
          { title: m('state'), width: 90, render: (_, r) => <RegistrationStatusTag status={r.status} /> },
        ]}
      />
    </>
  );
}

function Decision({ detail }: { detail: RegistrationDetail }) {
  const { m, vocab } = useRegistrationText();
  const { modal, message } = App.useApp();
  const decide = useDecideRegistration(detail.id);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (detail.status !== 'pending') return null;
  const approveText = () =>
    (detail.registryMatch
      ? m('approveClaim', { name: detail.registryMatch.name })
      : m('approveCreate', { name: detail.orgName, kind: vocab(ORGANIZATION_KINDS, detail.orgKind), division: detail.divisionName ?? detail.divisionCode })) +
    m('approveAccount', { username: detail.username, role: vocab(USER_ROLES, detail.role) });
  return (
    <Space>
      <Button
        type="primary"
        data-testid="registration-approve"
        disabled={detail.usernameTaken}
        onClick={() =>
          modal.confirm({
            title: m('approve'),
            content: <span data-testid="approve-confirm-text">{approveText()}</span>,
            okText: m('approve'),
            okButtonProps: { 'data-testid': 'approve-confirm-ok' } as never,
            onOk: () => decide.mutateAsync({ decision: 'approve', version: detail.version }).catch((e: unknown) => { void message.error(errorText(e)); }),
          })
        }
      >
        {m('approve')}
      </Button>
      <Button danger onClick={() => setReturning(true)} data-testid="registration-return">{m('return')}</Button>
      <Modal
        open={returning}
        title={m('return')}
        okText={m('returnConfirm')}
        okButtonProps={{ danger: true, loading: decide.isPending, 'data-testid': 'return-confirm-ok' } as never}
        onCancel={() => setReturning(false)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          try {
            await decide.mutateAsync({ decision: 'return', version: detail.version, reason: reason.trim() });
            setReturning(false);
            form.resetFields();
          } catch (e) {
            void message.error(errorText(e));
          }
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{m('returnNote')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={m('reason')} extra={m('reasonHint')} rules={[{ required: true, whitespace: true, min: 2, message: m('required', { what: m('reason') }) }]}>
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="return-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function EvidenceList({ detail, items }: { detail: RegistrationDetail; items: RegistrationDetail['evidence'] }) {
  const { m } = useRegistrationText();
  return (
    <Space direction="vertical">
      {items.map((e) => (
        <Space key={e.hash} data-testid={`evidence-${e.role}`}>
          <Typography.Text>{e.label}</Typography.Text>
          <Typography.Text type="secondary">{e.mime === 'application/pdf' ? 'PDF' : e.mime === 'image/png' ? 'PNG' : 'JPG'}，{Math.max(1, Math.round(e.size / 1024))} KB</Typography.Text>
          <a href={evidenceUrl(detail.id, e.hash)} target="_blank" rel="noreferrer"><EyeOutlined /> {m('view')}</a>
          <a href={evidenceUrl(detail.id, e.hash, true)}><DownloadOutlined /> {m('download')}</a>
        </Space>
      ))}
    </Space>
  );
}

function DetailView({ detail }: { detail: RegistrationDetail }) {
  const { m, vocab } = useRegistrationText();
  const match = detail.registryMatch;
  return (
    <>
      <PageHeader title={`${m('detail')} ${detail.number}`} back="/registrations" tags={<RegistrationStatusTag status={detail.status} />} extra={
          <>
            <Decision detail={detail} />
            {/* The latest decision (通过 or 退回) is the one re-examined. */}
            {detail.steps.some((s) => s.action === 'approve' || s.action === 'return') && <OpenReexaminationButton kind="registration" decisionId={detail.id} subject={`${detail.orgName}的单位注册申请 ${detail.number}`} />}
          </>
        }
      />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {detail.usernameTaken && <Alert type="error" showIcon message={m('usernameTaken')} />}
        {detail.status === 'returned' && detail.returnReason && <Alert type="warning" showIcon message={`${m('returnReason')}：${detail.returnReason}`} />}
        {detail.outcome && <Alert type="success" showIcon message={m('outcomeText', { username: detail.outcome.username, name: detail.outcome.organizationName })} action={<Link to={`/organizations/${detail.outcome.organizationId}`}>{detail.outcome.organizationName}</Link>} />}
        <Card title={m('facts')} size="small">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={m('creditCode')}>{detail.creditCode}</Descriptions.Item>
            <Descriptions.Item label={m('creditCodeDivision')}>{detail.creditCodeDivisionName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={m('orgName')}>{detail.orgName}</Descriptions.Item>
            <Descriptions.Item label={m('orgKind')}>{vocab(ORGANIZATION_KINDS, detail.orgKind)}</Descriptions.Item>
            <Descriptions.Item label={m('division')}>{detail.divisionName ?? detail.divisionCode}</Descriptions.Item>
            <Descriptions.Item label={m('address')}>{detail.address}</Descriptions.Item>
            <Descriptions.Item label={m('legalRepName')}>{detail.legalRepName}</Descriptions.Item>
            <Descriptions.Item label={m('legalRepId')}>{detail.legalRepIdMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={m('applicant')}>{detail.applicantName}（{detail.position ?? ''}）</Descriptions.Item>
            <Descriptions.Item label={m('mobile')}>{detail.mobile}</Descriptions.Item>
            <Descriptions.Item label={m('account')}>{detail.username}（{m('role')}：{vocab(USER_ROLES, detail.role)}，{m('unitAdmin')}）</Descriptions.Item>
            <Descriptions.Item label={m('submissions')}>{detail.submissions}（{m('submittedAt')} {formatInstant(detail.submittedAt)}）</Descriptions.Item>
          </Descriptions>
        </Card>
        {detail.status !== 'approved' && (
          <Card title={m('match')} size="small" data-testid="registry-match">
            {match ? (
              <>
                {match.unitAdmins.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={m('unitAdmins', { names: match.unitAdmins.map((a) => `${a.name}（${a.username}）`).join('、') })} />}
                <Table
                  size="small"
                  rowKey="field"
                  pagination={false}
                  dataSource={detail.differences}
                  rowClassName={(d) => (d.differs ? 'tt-registration-differs' : '')}
                  columns={[
                    { title: m('field'), dataIndex: 'label', width: 120 },
                    { title: m('proposed'), dataIndex: 'proposed' },
                    { title: m('registeredValue'), render: (_, d) => d.registered || '—' },
                    { title: '', width: 90, render: (_, d) => (d.differs ? <Tag color="red" data-testid={`differs-${d.field}`}>{m('differs')}</Tag> : <Tag color="green">{m('same')}</Tag>) },
                  ]}
                />
              </>
            ) : (
              <Alert type="info" showIcon message={m('noMatch')} />
            )}
          </Card>
        )}
        <Card title={`${m('evidence')}（${vocab(LICENSE_KINDS, detail.licenseKind)}、${m('authorization')}）`} size="small">
          <EvidenceList detail={detail} items={detail.evidence} />
          {detail.earlierEvidence.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{m('earlierEvidence')}</Typography.Title>
              <EvidenceList detail={detail} items={detail.earlierEvidence} />
            </>
          )}
        </Card>
        <Card title={m('history')} size="small">
          <Timeline
            items={detail.steps.map((s) => ({
              key: s.seq,
              color: s.action === 'return' ? 'orange' : s.action === 'approve' ? 'green' : 'blue',
              children: <>{formatInstant(s.at)} {vocab(REGISTRATION_ACTIONS, s.action)} · {s.actorName}{s.reason ? <div>{m('returnReason')}：{s.reason}</div> : null}</>,
            }))}
          />
        </Card>
      </Space>
    </>
  );
}

function Detail() {
  const { id } = useParams();
  const query = useRegistration(id);
  return <QueryGate query={query}>{(detail) => <DetailView detail={detail} />}</QueryGate>;
}

export default function RegistrationReviewRoutes() {
  return (
    <Routes>
      <Route index element={<Queue />} />
      <Route path=":id" element={<Detail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

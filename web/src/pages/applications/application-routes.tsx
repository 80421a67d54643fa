/**
 * /applications: the applicant's notices open now and its applications; the reviewers' queue by
 * status; one application — its form while the applicant may edit it (contracts, evidence,
 * declarations, commitment), the reviews, the award with its explanation, the payment.
 */
import { useState } from 'react';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Timeline, Typography, Upload, message } from 'antd';
import { APPLICATION_STATUSES, COMMITMENT_TEXT, type ApplicationStatus, type ReviewDecision } from '../../../../common/application-vocabulary.js';
import { FUNDING_LEVELS } from '../../../../common/vocabulary.js';
import { errorTextWithField } from '../../api.js';
import { formatInstant } from '../../format.js';
import { useUser } from '../../auth.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { can } from '../../permissions.js';
import { CommitmentBreachButton } from '../credit/credit-routes.js';
import {
  type ApplicationDetail,
  downloads,
  fenYuan,
  useApplication,
  useApplications,
  useAppText,
  useCreateApplication,
  useNotices,
  useRecordPayment,
  useReview,
  useSubmitApplication,
  useUpdateApplication,
  useUploadEvidenceFile,
  yuan,
} from './model.js';
import { useProspects } from '../workbench/model.js';

const STATUS_COLOR: Partial<Record<ApplicationStatus, string>> = {
  submitted: 'processing', returned: 'warning', first_passed: 'processing', second_passed: 'processing', awarded: 'cyan',
  publicized: 'purple', approved: 'geekblue', paid: 'success', rejected: 'error', removed: 'error', no_award: 'default',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { vocab } = useAppText();
  return <Tag color={STATUS_COLOR[status]} data-testid="application-status">{vocab(APPLICATION_STATUSES, status)}</Tag>;
}

function ApplicationList() {
  const user = useUser();
  const navigate = useNavigate();
  const { m, vocab } = useAppText();
  const applicant = can(user, 'applications.application.create') && !user.roles.includes('admin');
  // The status filter lives in the URL (?status=…), so the workbench's counts open exactly this list; `all` clears it.
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: ApplicationStatus | undefined = raw === 'all' ? undefined : ((raw as ApplicationStatus | null) ?? (applicant ? undefined : 'submitted'));
  const setStatus = (next: ApplicationStatus | undefined) => setParams(next ? { status: next } : { status: 'all' }, { replace: true });
  const apps = useApplications({ ...(status ? { status } : {}) });
  const open = useNotices({ open: true });
  const create = useCreateApplication();
  const [orgFor, setOrgFor] = useState<string | null>(null);
  const [orgId, setOrgId] = useState<string | undefined>(user.organizationIds[0]);

  const startApplication = async (noticeId: string, organizationId: string) => {
    try {
      const created = await create.mutateAsync({ noticeId, organizationId });
      navigate(`/applications/${created.id}`);
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };

  return (
    <>
      <PageHeader title={applicant ? m('myApplications') : m('queue')} />
      {applicant && (
        <Card title={m('openNotices')} style={{ marginBottom: 16 }} data-testid="open-notices">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            loading={open.isPending}
            dataSource={open.data?.items ?? []}
            columns={[
              { title: m('title'), dataIndex: 'title' },
              { title: m('window'), render: (_, n) => `${n.opensOn} ～ ${n.closesOn}` },
              {
                title: '',
                render: (_, n) => (
                  <Button type="primary" data-testid={`apply-${n.id}`} loading={create.isPending} onClick={() => (user.organizationIds.length > 1 ? setOrgFor(n.id) : void startApplication(n.id, user.organizationIds[0]!))}>
                    {m('apply')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      {applicant && status && (
        <Space style={{ marginBottom: 12 }} data-testid="status-filter">
          <Tag closable color="blue" onClose={() => setStatus(undefined)}>{vocab(APPLICATION_STATUSES, status)}</Tag>
        </Space>
      )}
      {!applicant && (
        <Tabs
          activeKey={status ?? 'all'}
          onChange={(k) => setStatus(k === 'all' ? undefined : (k as ApplicationStatus))}
          items={[
            ...(['submitted', 'first_passed', 'second_passed', 'returned', 'publicized', 'approved', 'paid', 'rejected'] as const).map((s) => ({ key: s, label: vocab(APPLICATION_STATUSES, s) })),
            { key: 'all', label: m('all') },
          ]}
        />
      )}
      <Table
        rowKey="id"
        data-testid="applications-table"
        loading={apps.isPending}
        dataSource={apps.data?.items ?? []}
        onRow={(a) => ({ onClick: () => navigate(`/applications/${a.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: m('number'), dataIndex: 'number' },
          { title: m('notices'), dataIndex: 'noticeTitle' },
          { title: m('beneficiary'), dataIndex: 'beneficiaryName' },
          { title: m('status'), render: (_, a) => <StatusTag status={a.status} /> },
          { title: m('award'), render: (_, a) => yuan(a.awardYuan) },
        ]}
      />
      <Modal open={!!orgFor} title={m('organization')} onCancel={() => setOrgFor(null)} onOk={() => orgFor && orgId && void startApplication(orgFor, orgId)} okText={m('apply')}>
        <OwnUnitSelect units={user.organizations} value={orgId} onChange={setOrgId} />
      </Modal>
    </>
  );
}

function OwnUnitSelect({ units, value, onChange }: { units: { id: string; name: string }[]; value: string | undefined; onChange: (v: string) => void }) {
  return <Select style={{ width: '100%' }} value={value} onChange={onChange} options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="applicant-unit" />;
}

/** The applicant's form: contracts, evidence, declarations, contact and payee, commitment. */
function ApplicationForm({ app }: { app: ApplicationDetail }) {
  const { m, vocab } = useAppText();
  const update = useUpdateApplication();
  const submit = useSubmitApplication();
  const upload = useUploadEvidenceFile();
  const [form] = Form.useForm();
  const [claimed, setClaimed] = useState<string[]>(app.contractIds);
  const [evidence, setEvidence] = useState(app.evidence.map((e) => ({ hash: e.hash, label: e.label })));
  const [accepted, setAccepted] = useState(false);
  const [signer, setSigner] = useState('');

  const body = () => {
    const v = form.getFieldsValue() as Record<string, unknown> & { relatedParties?: { name: string; relation: string }[]; otherFunding?: { level: string; programme: string; amountYuan: number }[] };
    return {
      version: app.version,
      contractIds: claimed,
      evidence,
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
      payeeBank: v.payeeBank || null,
      payeeAccount: v.payeeAccount || null,
      relatedParties: (v.relatedParties ?? []).filter((r) => r?.name),
      relatedPartiesNote: v.relatedPartiesNote || null,
      otherFunding: (v.otherFunding ?? []).filter((f) => f?.programme).map((f) => ({ level: f.level, programme: f.programme, amountFen: Math.round(Number(f.amountYuan ?? 0)) * 100 })),
      otherFundingNote: v.otherFundingNote || null,
    };
  };
  const save = async () => {
    try {
      return await update.mutateAsync({ id: app.id, body: body() });
    } catch (e) {
      void message.error(errorTextWithField(e));
      return null;
    }
  };
  const onSubmit = async () => {
    const saved = await save();
    if (!saved) return;
    try {
      await submit.mutateAsync({ id: app.id, body: { version: saved.version, commitment: { accepted, signer } } });
      void message.success(vocab(APPLICATION_STATUSES, 'submitted'));
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };

  return (
    <Form form={form} layout="vertical" data-testid="application-form" initialValues={{
      contactName: app.contactName, contactPhone: app.contactPhone, payeeBank: app.payeeBank, payeeAccount: app.payeeAccount,
      relatedParties: app.relatedParties, relatedPartiesNote: app.relatedPartiesNote,
      otherFunding: app.otherFunding.map((f) => ({ level: f.level, programme: f.programme, amountYuan: f.amountFen / 100 })), otherFundingNote: app.otherFundingNote,
    }}>
      {app.status === 'returned' && app.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`${m('returnReason')}：${app.returnReason}`} data-testid="return-reason" />}
      <Card title={m('contracts')} size="small" style={{ marginBottom: 16 }}>
        <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="base-year-hint" message={m('baseYearHint', { year: app.year - 1 })} />
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={app.contracts}
          rowSelection={{ selectedRowKeys: claimed, onChange: (keys) => setClaimed(keys as string[]) }}
          columns={[
            { title: m('registrationNumber'), dataIndex: 'registrationNumber' },
            { title: m('contracts'), dataIndex: 'name' },
            { title: m('parties'), render: (_, c) => `${c.sellers.join('、')} / ${c.buyers.join('、')}` },
            { title: m('amount'), render: (_, c) => fenYuan(c.amountFen) },
            { title: m('payments'), render: (_, c) => c.payments.map((p) => `${p.paidOn} ${fenYuan(p.amountFen)}`).join('；') },
          ]}
        />
      </Card>
      <Card title={m('evidence')} size="small" style={{ marginBottom: 16 }}>
        {evidence.map((e, i) => (
          <Space key={e.hash} style={{ display: 'flex', marginBottom: 8 }}>
            <Input value={e.label} placeholder={m('evidenceLabel')} onChange={(ev) => setEvidence(evidence.map((x, k) => (k === i ? { ...x, label: ev.target.value } : x)))} />
            <Typography.Text code>{e.hash.slice(0, 12)}…</Typography.Text>
            <Button onClick={() => setEvidence(evidence.filter((_, k) => k !== i))}>×</Button>
          </Space>
        ))}
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file, {
              onSuccess: (f) => setEvidence((list) => (list.some((x) => x.hash === f.hash) ? list : [...list, { hash: f.hash, label: file.name.replace(/\.[^.]+$/, '') || m('evidence') }])),
              onError: (e) => void message.error(errorTextWithField(e)),
            });
            return false;
          }}
        >
          <Button loading={upload.isPending}>{m('upload')}</Button>
        </Upload>
      </Card>
      <Card title={m('related')} size="small" style={{ marginBottom: 16 }}>
        <Form.List name="relatedParties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']}><Input placeholder={m('relatedName')} /></Form.Item>
                  <Form.Item name={[f.name, 'relation']}><Input placeholder={m('relation')} /></Form.Item>
                  <Button onClick={() => remove(f.name)}>×</Button>
                </Space>
              ))}
              <Button onClick={() => add()}>+ {m('related')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="relatedPartiesNote" label={m('relatedNote')}><Input.TextArea rows={2} /></Form.Item>
      </Card>
      <Card title={m('funding')} size="small" style={{ marginBottom: 16 }}>
        <Form.List name="otherFunding">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'level']} initialValue="municipal"><Select style={{ width: 110 }} options={FUNDING_LEVELS.values.map((v) => ({ value: v, label: vocab(FUNDING_LEVELS, v) }))} /></Form.Item>
                  <Form.Item name={[f.name, 'programme']}><Input placeholder={m('fundingProgramme')} /></Form.Item>
                  <Form.Item name={[f.name, 'amountYuan']}><InputNumber min={0} precision={0} placeholder={m('fundingAmount')} /></Form.Item>
                  <Button onClick={() => remove(f.name)}>×</Button>
                </Space>
              ))}
              <Button onClick={() => add()}>+ {m('funding')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="otherFundingNote" label={m('fundingNote')}><Input.TextArea rows={2} /></Form.Item>
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Form.Item name="contactName" label={m('contactName')}><Input data-testid="field-contactName" /></Form.Item>
          <Form.Item name="contactPhone" label={m('contactPhone')}><Input data-testid="field-contactPhone" /></Form.Item>
          <Form.Item name="payeeBank" label={m('payeeBank')}><Input data-testid="field-payeeBank" style={{ width: 240 }} /></Form.Item>
          <Form.Item name="payeeAccount" label={m('payeeAccount')}><Input data-testid="field-payeeAccount" style={{ width: 240 }} /></Form.Item>
        </Space>
      </Card>
      <Card title={m('commitment')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{COMMITMENT_TEXT}</Typography.Paragraph>
        <Space>
          <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)} data-testid="commitment-accept">{m('commitmentAccept')}</Checkbox>
          <Input placeholder={m('signer')} value={signer} onChange={(e) => setSigner(e.target.value)} data-testid="commitment-signer" style={{ width: 160 }} />
        </Space>
      </Card>
      <Space>
        <Button onClick={() => void save().then((s) => s && void message.success(m('save')))} loading={update.isPending} data-testid="application-save">{m('save')}</Button>
        <Button type="primary" disabled={!accepted || !signer.trim()} onClick={() => void onSubmit()} loading={submit.isPending} data-testid="application-submit">{m('submit')}</Button>
      </Space>
    </Form>
  );
}

/**
 * Before the round is closed an application has no award yet: an applicant sees the estimate the
 * workbench computes for its unit under this notice (the engine on today's evidence), in words.
 */
function ProspectiveAward({ app }: { app: ApplicationDetail }) {
  const { m } = useAppText();
  const user = useUser();
  const prospects = useProspects(can(user, 'applications.application.create') && !user.roles.includes('admin'));
  const p = prospects.data?.items.find((x) => x.noticeId === app.noticeId && x.organizationId === app.organizationId && (x.personId ?? null) === (app.beneficiaryKind === 'person' ? app.beneficiaryRef : null));
  if (!p) return <>—</>;
  return (
    <Space direction="vertical" size={0} data-testid="prospective-award">
      <Typography.Text strong>{m('prospective', { amount: p.amountText })}</Typography.Text>
      {p.awards.map((a) => <Typography.Text key={a.ruleTitle} type="secondary">{a.sentence}</Typography.Text>)}
    </Space>
  );
}

function ReviewButton({ app, stage }: { app: ApplicationDetail; stage: 'first' | 'second' }) {
  const { m } = useAppText();
  const review = useReview();
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState<ReviewDecision>('pass');
  const [reason, setReason] = useState('');
  const confirm = async () => {
    try {
      await review.mutateAsync({ id: app.id, stage, body: { version: app.version, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) } });
      setOpen(false);
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <>
      <Button type="primary" data-testid={`review-${stage}`} onClick={() => setOpen(true)}>{m(stage === 'first' ? 'firstReview' : 'secondReview')}</Button>
      <Modal open={open} title={m(stage === 'first' ? 'firstReview' : 'secondReview')} onCancel={() => setOpen(false)} onOk={() => void confirm()} confirmLoading={review.isPending} okText={m('confirm')} okButtonProps={{ 'data-testid': 'review-confirm' } as never}>
        <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as ReviewDecision)} data-testid="review-decision">
          <Radio value="pass">{m('pass')}</Radio>
          <Radio value="return">{m('return')}</Radio>
          <Radio value="reject">{m('reject')}</Radio>
        </Radio.Group>
        <Input.TextArea style={{ marginTop: 12 }} rows={3} placeholder={m('reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="review-reason" />
        <Alert style={{ marginTop: 12 }} type={decision === 'reject' ? 'error' : 'info'} showIcon data-testid="review-consequence"
          message={m(decision === 'pass' ? (stage === 'first' ? 'consequence_first_pass' : 'consequence_second_pass') : decision === 'return' ? 'consequence_return' : 'consequence_reject')} />
      </Modal>
    </>
  );
}

function PaymentButton({ app }: { app: ApplicationDetail }) {
  const { m } = useAppText();
  const pay = useRecordPayment();
  const [open, setOpen] = useState(false);
  const [paidOn, setPaidOn] = useState(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  const [reference, setReference] = useState('');
  const confirm = async () => {
    try {
      await pay.mutateAsync({ id: app.id, body: { version: app.version, paidOn, bankReference: reference.trim() } });
      setOpen(false);
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <>
      <Button type="primary" data-testid="record-payment" onClick={() => setOpen(true)}>{m('recordPayment')}</Button>
      <Modal open={open} title={m('recordPayment')} onCancel={() => setOpen(false)} onOk={() => void confirm()} confirmLoading={pay.isPending} okText={m('confirm')} okButtonProps={{ 'data-testid': 'payment-confirm' } as never}>
        <Form layout="vertical">
          <Form.Item label={m('paidOn')}><Input value={paidOn} onChange={(e) => setPaidOn(e.target.value)} placeholder="YYYY-MM-DD" data-testid="payment-date" /></Form.Item>
          <Form.Item label={m('bankReference')}><Input value={reference} onChange={(e) => setReference(e.target.value)} data-testid="payment-reference" /></Form.Item>
          <Typography.Text>{m('award')}：{yuan(app.awardYuan)}</Typography.Text>
        </Form>
      </Modal>
    </>
  );
}

function ApplicationView({ app }: { app: ApplicationDetail }) {
  const user = useUser();
  const { m, vocab } = useAppText();
  const editable = (app.status === 'draft' || app.status === 'returned') && can(user, 'applications.application.update');
  const actions = (
    <>
      {app.status === 'submitted' && can(user, 'applications.application.first_review') && <ReviewButton app={app} stage="first" />}
      {app.status === 'first_passed' && can(user, 'applications.application.second_review') && <ReviewButton app={app} stage="second" />}
      {app.status === 'approved' && can(user, 'applications.payment.record') && <PaymentButton app={app} />}
      {app.awards.length > 0 && <Button href={downloads.awardNotice(app.id)} data-testid="award-notice">{m('awardNotice')}</Button>}
      {app.status !== 'draft' && <CommitmentBreachButton applicationId={app.id} applicantName={app.organizationName} />}
    </>
  );
  return (
    <>
      <PageHeader title={`${app.number} ${app.beneficiaryName}`} back="/applications" tags={<StatusTag status={app.status} />} extra={actions} />
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={m('notices')}>{app.noticeTitle}</Descriptions.Item>
        <Descriptions.Item label={m('organization')}>{app.organizationName}</Descriptions.Item>
        <Descriptions.Item label={m('award')}><span data-testid="award-total">{app.awardYuan === null || app.awardYuan === undefined ? <ProspectiveAward app={app} /> : yuan(app.awardYuan)}</span></Descriptions.Item>
        <Descriptions.Item label={m('commitment')}>{app.commitment ? m('signedBy', { signer: app.commitment.signer, at: formatInstant(app.commitment.signedAt) }) : m('none')}</Descriptions.Item>
        {app.rejectionReason && <Descriptions.Item label={m('rejectionReason')} span={2}>{app.rejectionReason}</Descriptions.Item>}
        {app.disbursement && (
          <Descriptions.Item label={m('paid')} span={2}>
            <span data-testid="disbursement">{`${app.disbursement.paidOn} ${fenYuan(app.disbursement.amountFen)} ${m('bankReference')} ${app.disbursement.bankReference}`}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {app.awards.length > 0 && (
        <Card title={m('explanation')} size="small" style={{ marginBottom: 16 }} data-testid="award-explanation">
          {app.awards.map((a) => (
            <div key={`${a.seq}`} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{a.ruleTitle}：{yuan(a.amountYuan)}（{a.amountInWords}）</Typography.Text>
              <ol>{a.lines.map((line, i) => <li key={i}>{line}</li>)}</ol>
            </div>
          ))}
        </Card>
      )}
      {editable ? (
        <ApplicationForm key={app.version} app={app} />
      ) : (
        <>
          <Card title={m('contracts')} size="small" style={{ marginBottom: 16 }}>
            <Table rowKey="id" size="small" pagination={false} dataSource={app.contracts}
              columns={[
                { title: m('registrationNumber'), dataIndex: 'registrationNumber' },
                { title: m('contracts'), dataIndex: 'name' },
                { title: m('parties'), render: (_, c) => `${c.sellers.join('、')} / ${c.buyers.join('、')}` },
                { title: m('amount'), render: (_, c) => fenYuan(c.amountFen) },
                { title: m('payments'), render: (_, c) => c.payments.map((p) => `${p.paidOn} ${fenYuan(p.amountFen)}（${p.voucherNumber ?? '—'}，${p.invoices.map((i) => i.number).join('、')}）`).join('；') },
              ]} />
          </Card>
          <Card title={m('evidence')} size="small" style={{ marginBottom: 16 }}>
            {app.evidence.length ? app.evidence.map((e) => <div key={e.hash}><a href={downloads.evidence(app.id, e.hash)}>{e.label}</a></div>) : m('none')}
          </Card>
          <Card title={`${m('related')} / ${m('funding')}`} size="small" style={{ marginBottom: 16 }}>
            <div>{app.relatedParties.map((r) => `${r.name}（${r.relation}）`).join('；') || m('none')} {app.relatedPartiesNote}</div>
            <div>{app.otherFunding.map((f) => `${vocab(FUNDING_LEVELS, f.level)} ${f.programme} ${fenYuan(f.amountFen)}`).join('；') || m('none')} {app.otherFundingNote}</div>
          </Card>
        </>
      )}
      <Card title={m('reviews')} size="small" style={{ marginTop: 16 }}>
        <Timeline items={app.steps.map((s) => ({ children: `${formatInstant(s.at)} ${s.actorName}：${vocab(APPLICATION_STATUSES, s.to)}${s.reason ? `（${s.reason}）` : ''}` }))} />
      </Card>
    </>
  );
}

function ApplicationPage() {
  const { id = '' } = useParams();
  const query = useApplication(id);
  return <QueryGate query={query}>{(app) => <ApplicationView app={app} />}</QueryGate>;
}

export default function ApplicationRoutes() {
  return (
    <Routes>
      <Route index element={<ApplicationList />} />
      <Route path=":id" element={<ApplicationPage />} />
    </Routes>
  );
}

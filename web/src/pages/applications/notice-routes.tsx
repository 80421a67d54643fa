/**
 * /notices: the operator publishes notices and runs the round (close and compute, publish the
 * 公示, resolve objections); finance approves the list, records payments and downloads the
 * payment list. Each notice lists its applications.
 */
import { useEffect, useState } from 'react';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { usePolicies } from '../subsidies/settlement-routes.js';
import { NOTICE_STATUSES, OBJECTION_STATUSES, type NoticeStatus } from '../../../../common/application-vocabulary.js';
import { errorTextWithField } from '../../api.js';
import { dateItem, formatInstant } from '../../format.js';
import { useUser } from '../../auth.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { can } from '../../permissions.js';
import { StatusTag } from './application-routes.js';
import { type Notice, downloads, useApplications, useAppText, useCreateNotice, useNotice, useNotices, useNoticeStep, useObjections, useResolveObjection, yuan } from './model.js';

/** The one-off award whose amount finance sets each year (视财力情况): it travels with the notice. */
const ONE_OFF_RULE = 'demonstration_institution';

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function NoticeTag({ notice }: { notice: Notice }) {
  const { vocab } = useAppText();
  return <Tag color={notice.open ? 'green' : 'blue'} data-testid="notice-status">{vocab(NOTICE_STATUSES, notice.status)}</Tag>;
}

function NewNotice({ onClose }: { onClose: () => void }) {
  const { m } = useAppText();
  const navigate = useNavigate();
  const create = useCreateNotice();
  const [form] = Form.useForm();
  const today = chinaToday();
  // The jurisdiction's own policies: a notice is issued under one of them, with its rules.
  const policies = usePolicies();
  const ownPolicies = (policies.data ?? []).filter((p) => p.usable);
  const policyId = (Form.useWatch('policy', form) as string | undefined) ?? ownPolicies[0]?.id;
  const rules = ownPolicies.find((p) => p.id === policyId)?.rules ?? [];
  // The policy's recurring rules are ticked when it is chosen; the one-off award only on purpose.
  useEffect(() => {
    if (rules.length && form.getFieldValue('rules') === undefined) form.setFieldValue('rules', rules.filter((r) => r.id !== ONE_OFF_RULE).map((r) => r.id));
  }, [form, rules]);
  const submit = async () => {
    const v = form.getFieldsValue() as { title: string; policy?: string; year: number; opensOn: string; closesOn: string; rules?: string[]; noticeDays: number; budgets: Record<string, number | null>; demoAmount?: number | null };
    const chosen = v.rules ?? rules.filter((r) => r.id !== ONE_OFF_RULE).map((r) => r.id);
    const budgets = Object.fromEntries(Object.entries(v.budgets ?? {}).filter(([k, x]) => x !== null && x !== undefined && chosen.includes(k)));
    try {
      const overrides = chosen.includes(ONE_OFF_RULE) && typeof v.demoAmount === 'number' ? { [`${ONE_OFF_RULE}.amount`]: v.demoAmount } : {};
      const n = await create.mutateAsync({ title: v.title, policy: v.policy ?? policyId, year: v.year, opensOn: v.opensOn, closesOn: v.closesOn, rules: chosen, noticeDays: v.noticeDays, budgets, overrides });
      onClose();
      navigate(`/notices/${n.id}`);
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <Modal open title={m('newNotice')} onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} okText={m('confirm')} okButtonProps={{ 'data-testid': 'notice-confirm' } as never} width={640}>
      <Form form={form} layout="vertical" data-testid="notice-form" initialValues={{
        title: `${today.slice(0, 4)}年度技术转移奖补申报`, year: Number(today.slice(0, 4)), opensOn: today, closesOn: plusDays(today, 30),
        noticeDays: 5, budgets: {},
      }}>
        <Form.Item name="title" label={m('title')}><Input data-testid="notice-title" /></Form.Item>
        {ownPolicies.length > 1 && (
          <Form.Item name="policy" label={m('policy')} initialValue={ownPolicies[0]?.id}>
            <Select options={ownPolicies.map((p) => ({ value: p.id, label: p.title }))} data-testid="notice-policy" onChange={() => form.setFieldValue('rules', undefined)} />
          </Form.Item>
        )}
        <Space>
          <Form.Item name="year" label={m('year')}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="opensOn" label={m('opensOn')} {...dateItem}><DatePicker /></Form.Item>
          <Form.Item name="closesOn" label={m('closesOn')} {...dateItem}><DatePicker /></Form.Item>
          <Form.Item name="noticeDays" label={m('noticeDays')}><InputNumber min={1} max={30} /></Form.Item>
        </Space>
        <Form.Item name="rules" label={m('rules')}>
          <Checkbox.Group options={rules.map((r) => ({ value: r.id, label: r.title }))} />
        </Form.Item>
        <Space wrap>
          {rules.map((r) => (
            <Form.Item key={r.id} name={['budgets', r.id]} label={`${r.title}${m('budget')}`}><InputNumber min={0} precision={0} style={{ width: 180 }} formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} parser={(v) => Number((v ?? '').replace(/,/g, '')) as never} /></Form.Item>
          ))}
        </Space>
        {rules.some((r) => r.id === ONE_OFF_RULE) && (
          <Form.Item name="demoAmount" label={m('demoAmount')} extra={m('demoAmountHelp')}>
            <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid="notice-demo-amount" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function NoticeList() {
  const user = useUser();
  const navigate = useNavigate();
  const { m, vocab } = useAppText();
  // ?open=true / ?status=… (the workbench's links) filter the list; the tag clears the filter.
  const [params, setParams] = useSearchParams();
  const openOnly = params.get('open') === 'true';
  const status = (params.get('status') as NoticeStatus | null) ?? undefined;
  const notices = useNotices({ ...(openOnly ? { open: true } : {}), ...(status ? { status } : {}) });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={m('notices')} extra={can(user, 'applications.notice.create') && <Button type="primary" data-testid="new-notice" onClick={() => setCreating(true)}>{m('newNotice')}</Button>} />
      {(openOnly || status) && (
        <Space style={{ marginBottom: 12 }} data-testid="notice-filter">
          <Tag closable color="blue" onClose={() => setParams({}, { replace: true })}>{openOnly ? m('openNotices') : vocab(NOTICE_STATUSES, status!)}</Tag>
        </Space>
      )}
      <Table
        rowKey="id"
        data-testid="notices-table"
        loading={notices.isPending}
        dataSource={notices.data?.items ?? []}
        onRow={(n) => ({ onClick: () => navigate(`/notices/${n.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: m('title'), dataIndex: 'title' },
          { title: m('year'), dataIndex: 'year' },
          { title: m('window'), render: (_, n) => `${n.opensOn} ～ ${n.closesOn}` },
          { title: m('status'), render: (_, n) => <NoticeTag notice={n} /> },
        ]}
      />
      {creating && <NewNotice onClose={() => setCreating(false)} />}
    </>
  );
}

function Objections({ notice }: { notice: Notice }) {
  const { m, vocab } = useAppText();
  const objections = useObjections(notice.id, true);
  const resolve = useResolveObjection();
  const [target, setTarget] = useState<{ id: string; version: number; outcome: 'upheld' | 'dismissed' } | null>(null);
  const [resolution, setResolution] = useState('');
  const confirm = async () => {
    if (!target) return;
    try {
      await resolve.mutateAsync({ id: target.id, body: { version: target.version, outcome: target.outcome, resolution, ...(target.outcome === 'upheld' ? { remove: true } : {}) } });
      setTarget(null);
      setResolution('');
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <Card title={m('objections')} size="small" style={{ marginTop: 16 }}>
      <Table rowKey="id" size="small" pagination={false} dataSource={objections.data ?? []}
        columns={[
          { title: m('number'), dataIndex: 'applicationNumber' },
          { title: m('beneficiary'), dataIndex: 'beneficiaryName' },
          { title: m('submitter'), render: (_, o) => `${o.submitterName}${o.contact ? `（${o.contact}）` : ''}` },
          { title: m('objectionContent'), dataIndex: 'content' },
          { title: m('status'), render: (_, o) => `${vocab(OBJECTION_STATUSES, o.status)}${o.resolution ? `：${o.resolution}` : ''}` },
          {
            title: '',
            render: (_, o) => o.status === 'open' && notice.status === 'publicized' && (
              <Space>
                <Button size="small" danger onClick={() => setTarget({ id: o.id, version: o.version, outcome: 'upheld' })}>{m('upheldRemove')}</Button>
                <Button size="small" onClick={() => setTarget({ id: o.id, version: o.version, outcome: 'dismissed' })}>{m('dismissed')}</Button>
              </Space>
            ),
          },
        ]} />
      <Modal open={!!target} title={m('resolve')} onCancel={() => setTarget(null)} onOk={() => void confirm()} confirmLoading={resolve.isPending} okText={m('confirm')}>
        <Input.TextArea rows={3} placeholder={m('resolution')} value={resolution} onChange={(e) => setResolution(e.target.value)} />
      </Modal>
    </Card>
  );
}

function NoticeView({ notice }: { notice: Notice }) {
  const user = useUser();
  const navigate = useNavigate();
  const { m } = useAppText();
  const apps = useApplications({ noticeId: notice.id });
  const step = useNoticeStep();
  const { modal } = App.useApp();
  const submitted = Object.entries(notice.counts).filter(([status]) => status !== 'draft').reduce((n, [, c]) => n + (c ?? 0), 0);
  const consequence = { compute: m('computeConfirm', { count: submitted }), publicize: m('publicizeConfirm', { days: notice.noticeDays }), approve: m('approveConfirm') };
  // Each step is irreversible: the consequence is said, and confirmed, before it runs.
  const run = (s: 'compute' | 'publicize' | 'approve') => () =>
    modal.confirm({
      title: m(s),
      content: consequence[s],
      okText: m(s),
      okButtonProps: { 'data-testid': 'step-confirm' } as never,
      onOk: async () => {
        try {
          await step.mutateAsync({ id: notice.id, step: s, body: { version: notice.version } });
        } catch (e) {
          void message.error(errorTextWithField(e));
        }
      },
    });
  const published = notice.status === 'publicized' || notice.status === 'approved';
  const actions = (
    <>
      {notice.status === 'published' && can(user, 'applications.notice.compute') && <Button type="primary" data-testid="notice-compute" loading={step.isPending} onClick={() => void run('compute')()}>{m('compute')}</Button>}
      {notice.status === 'computed' && can(user, 'applications.notice.publicize') && <Button type="primary" data-testid="notice-publicize" loading={step.isPending} onClick={() => void run('publicize')()}>{m('publicize')}</Button>}
      {notice.status === 'publicized' && can(user, 'applications.notice.approve') && <Button type="primary" data-testid="notice-approve" loading={step.isPending} onClick={() => void run('approve')()}>{m('approve')}</Button>}
      {published && <Button href={`/public/notices/${notice.id}`} target="_blank" data-testid="notice-public-link">{m('viewPublic')}</Button>}
      {notice.status === 'approved' && can(user, 'applications.payment.read') && (
        <>
          <Button href={downloads.paymentList(notice.id, 'pdf')} data-testid="payment-list-pdf">{m('paymentList')} PDF</Button>
          <Button href={downloads.paymentList(notice.id, 'xlsx')}>{m('paymentList')} XLSX</Button>
        </>
      )}
    </>
  );
  return (
    <>
      <PageHeader title={notice.title} back="/notices" tags={<NoticeTag notice={notice} />} extra={actions} />
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={m('policy')}>{notice.policyTitle}</Descriptions.Item>
        <Descriptions.Item label={m('year')}>{notice.year}</Descriptions.Item>
        <Descriptions.Item label={m('window')}>{`${notice.opensOn} ～ ${notice.closesOn}`}</Descriptions.Item>
        <Descriptions.Item label={m('noticeDays')}>
          {notice.noticeDays}{notice.publicizedOn ? `（${notice.publicizedOn} ～ ${notice.noticeEndsOn}）` : ''}
          {notice.noticeUncoveredYears.length > 0 && (
            <div><Typography.Text type="warning" data-testid="notice-calendar-incomplete">{m('noticeCalendarIncomplete', { years: notice.noticeUncoveredYears.join('、') })}</Typography.Text></div>
          )}
          {notice.noticeRecountedEndsOn && (
            <div><Typography.Text type="warning">{m('noticeRecounted', { date: notice.noticeRecountedEndsOn })}</Typography.Text></div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={m('rules')} span={2}>{notice.rules.map((r) => `${r.title}${notice.budgets[r.id] !== undefined ? `：${m('budget')} ${yuan(notice.budgets[r.id])}` : ''}`).join('；')}</Descriptions.Item>
        {Object.keys(notice.overrides ?? {}).length > 0 && (
          <Descriptions.Item label={m('overrides')} span={2}>{Object.entries(notice.overrides).map(([k, v]) => `${k} = ${v}`).join('；')}</Descriptions.Item>
        )}
        {notice.approvedByName && <Descriptions.Item label={m('approve')}>{`${notice.approvedByName} ${formatInstant(notice.approvedAt)}`}</Descriptions.Item>}
      </Descriptions>
      <Table rowKey="id" data-testid="notice-applications" loading={apps.isPending} dataSource={apps.data?.items ?? []}
        onRow={(a) => ({ onClick: () => navigate(`/applications/${a.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: m('number'), dataIndex: 'number' },
          { title: m('beneficiary'), dataIndex: 'beneficiaryName' },
          { title: m('status'), render: (_, a) => <StatusTag status={a.status} /> },
          { title: m('award'), render: (_, a) => yuan(a.awardYuan) },
        ]} />
      {(published || notice.status === 'computed') && can(user, 'applications.objection.resolve') && <Objections notice={notice} />}
    </>
  );
}

function NoticePage() {
  const { id = '' } = useParams();
  const query = useNotice(id);
  return <QueryGate query={query}>{(notice) => <NoticeView notice={notice} />}</QueryGate>;
}

export default function NoticeRoutes() {
  return (
    <Routes>
      <Route index element={<NoticeList />} />
      <Route path=":id" element={<NoticePage />} />
    </Routes>
  );
}

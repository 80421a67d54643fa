/**
 * /notices: the operator publishes notices and runs the round (close and compute, publish the
 * 公示, resolve objections); finance approves the list, records payments and downloads the
 * payment list. Each notice lists its applications.
 */
import { useState } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, message } from 'antd';
import { NOTICE_STATUSES, OBJECTION_STATUSES } from '../../../../common/application-vocabulary.js';
import { errorTextWithField } from '../../api.js';
import { useUser } from '../../auth.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { can } from '../../permissions.js';
import { StatusTag } from './application-routes.js';
import { type Notice, downloads, useApplications, useAppText, useCreateNotice, useNotice, useNotices, useNoticeStep, useObjections, useResolveObjection, yuan } from './model.js';

const RULES = [
  { id: 'enterprise_purchase', title: '企业购买市外先进科技成果（R1）' },
  { id: 'institution_transfer', title: '高校院所技术转移转化（R2）' },
  { id: 'broker', title: '技术经纪（经理）人（R3）' },
  { id: 'demonstration_institution', title: '新认定省级技术转移示范机构（R4）' },
];

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
  const submit = async () => {
    const v = form.getFieldsValue() as { title: string; year: number; opensOn: string; closesOn: string; rules: string[]; noticeDays: number; budgets: Record<string, number | null>; demoAmount?: number | null };
    const budgets = Object.fromEntries(Object.entries(v.budgets ?? {}).filter(([k, x]) => x !== null && x !== undefined && v.rules.includes(k)));
    try {
      // R4's one-off amount is set each year by finance (视财力情况): it travels with the notice.
      const overrides = v.rules.includes('demonstration_institution') && typeof v.demoAmount === 'number' ? { 'demonstration_institution.amount': v.demoAmount } : {};
      const n = await create.mutateAsync({ title: v.title, policy: 'zhanhe-2022', year: v.year, opensOn: v.opensOn, closesOn: v.closesOn, rules: v.rules, noticeDays: v.noticeDays, budgets, overrides });
      onClose();
      navigate(`/notices/${n.id}`);
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <Modal open title={m('newNotice')} onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} okText={m('confirm')} okButtonProps={{ 'data-testid': 'notice-confirm' } as never} width={640}>
      <Form form={form} layout="vertical" data-testid="notice-form" initialValues={{
        title: `湛河区${today.slice(0, 4)}年度技术转移奖补申报`, year: Number(today.slice(0, 4)), opensOn: today, closesOn: plusDays(today, 30),
        rules: ['enterprise_purchase', 'institution_transfer', 'broker'], noticeDays: 5, budgets: {},
      }}>
        <Form.Item name="title" label={m('title')}><Input data-testid="notice-title" /></Form.Item>
        <Space>
          <Form.Item name="year" label={m('year')}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="opensOn" label={m('opensOn')}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item name="closesOn" label={m('closesOn')}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item name="noticeDays" label={m('noticeDays')}><InputNumber min={1} max={30} /></Form.Item>
        </Space>
        <Form.Item name="rules" label={m('rules')}><Checkbox.Group options={RULES.map((r) => ({ value: r.id, label: r.title }))} /></Form.Item>
        <Space wrap>
          {RULES.map((r) => (
            <Form.Item key={r.id} name={['budgets', r.id]} label={`${m('budget')} ${r.id}`}><InputNumber min={0} precision={0} /></Form.Item>
          ))}
        </Space>
        <Form.Item name="demoAmount" label={m('demoAmount')} extra={m('demoAmountHelp')}>
          <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid="notice-demo-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoticeList() {
  const user = useUser();
  const navigate = useNavigate();
  const { m } = useAppText();
  const notices = useNotices();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={m('notices')} extra={can(user, 'applications.notice.create') && <Button type="primary" data-testid="new-notice" onClick={() => setCreating(true)}>{m('newNotice')}</Button>} />
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
  const run = (s: 'compute' | 'publicize' | 'approve') => async () => {
    try {
      await step.mutateAsync({ id: notice.id, step: s, body: { version: notice.version } });
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
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
        <Descriptions.Item label={m('noticeDays')}>{notice.noticeDays}{notice.publicizedOn ? `（${notice.publicizedOn} ～ ${notice.noticeEndsOn}）` : ''}</Descriptions.Item>
        <Descriptions.Item label={m('rules')} span={2}>{notice.rules.map((r) => `${r.title}${notice.budgets[r.id] !== undefined ? `：${m('budget')} ${yuan(notice.budgets[r.id])}` : ''}`).join('；')}</Descriptions.Item>
        {Object.keys(notice.overrides ?? {}).length > 0 && (
          <Descriptions.Item label={m('overrides')} span={2}>{Object.entries(notice.overrides).map(([k, v]) => `${k} = ${v}`).join('；')}</Descriptions.Item>
        )}
        {notice.approvedByName && <Descriptions.Item label={m('approve')}>{`${notice.approvedByName} ${notice.approvedAt?.slice(0, 10)}`}</Descriptions.Item>}
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

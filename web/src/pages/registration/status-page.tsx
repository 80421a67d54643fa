/**
 * /register/status (public): the 申请编号 and query code open the application — its status, the
 * reason it was returned, its history; a returned one is corrected and resubmitted here.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Tag, Timeline } from 'antd';
import { APPLICANT_TYPES, REGISTRATION_ACTIONS, REGISTRATION_STATUSES, type RegistrationStatus } from '../../../../common/registration-vocabulary.js';
import { errorText } from '../../api.js';
import { formatInstant } from '../../format.js';
import { type RegistrationStatusView, useRegistrationStatus, useRegistrationText, useResubmitRegistration } from './model.js';
import { PublicShell } from './public-shell.js';
import { RegistrationForm } from './registration-form.js';

const COLOR: Record<RegistrationStatus, string> = { pending: 'processing', approved: 'success', returned: 'warning' };

export function RegistrationStatusTag({ status }: { status: RegistrationStatus }) {
  const { vocab } = useRegistrationText();
  return <Tag color={COLOR[status]} data-testid="registration-status" data-status={status}>{vocab(REGISTRATION_STATUSES, status)}</Tag>;
}

function StatusView({ view, credentials, onChange }: { view: RegistrationStatusView; credentials: { number: string; queryCode: string }; onChange: (v: RegistrationStatusView) => void }) {
  const { m, vocab } = useRegistrationText();
  const [correcting, setCorrecting] = useState(false);
  const resubmit = useResubmitRegistration();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={m('number')}>{view.number}</Descriptions.Item>
          <Descriptions.Item label={m('unit')}>{view.unitName}（{vocab(APPLICANT_TYPES, view.applicantType)}）</Descriptions.Item>
          <Descriptions.Item label={m('state')}><RegistrationStatusTag status={view.status} /></Descriptions.Item>
          <Descriptions.Item label={m('submittedAt')}>{formatInstant(view.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={m('updatedAt')}>{formatInstant(view.updatedAt)}</Descriptions.Item>
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          {view.status === 'approved' && (
            <Result status="success" title={m('approvedTitle')} subTitle={m('approvedHint', { username: view.username })} extra={<Link to="/login"><Button type="primary">{m('goLogin')}</Button></Link>} />
          )}
          {view.status === 'pending' && <Alert type="info" showIcon message={m('pendingHint')} />}
          {view.status === 'returned' && (
            <Alert
              type="warning"
              showIcon
              message={`${m('returnReason')}：${view.returnReason ?? ''}`}
              description={m('returnedHint')}
              data-testid="return-reason"
              action={!correcting && <Button type="primary" onClick={() => setCorrecting(true)} data-testid="start-resubmit">{m('resubmit')}</Button>}
            />
          )}
        </div>
      </Card>
      {correcting && view.status === 'returned' && (
        <Card title={m('resubmit')}>
          <RegistrationForm
            type={view.applicantType}
            earlier={view.application}
            submitLabel={m('resubmit')}
            pending={resubmit.isPending}
            send={async (form) => {
              const data = JSON.parse(String(form.get('data'))) as Record<string, unknown>;
              form.set('data', JSON.stringify({ ...data, ...credentials }));
              const next = await resubmit.mutateAsync(form);
              setCorrecting(false);
              onChange(next);
            }}
          />
        </Card>
      )}
      <Card title={m('history')} size="small">
        <Timeline
          items={view.steps.map((s) => ({
            key: s.seq,
            color: s.action === 'return' ? 'orange' : s.action === 'approve' ? 'green' : 'blue',
            children: <>{formatInstant(s.at)} {vocab(REGISTRATION_ACTIONS, s.action)} · {s.actorName}{s.reason ? <div>{m('returnReason')}：{s.reason}</div> : null}</>,
          }))}
        />
      </Card>
    </Space>
  );
}

export default function StatusPage() {
  const { m } = useRegistrationText();
  const [params] = useSearchParams();
  const status = useRegistrationStatus();
  const [view, setView] = useState<RegistrationStatusView | null>(null);
  const [credentials, setCredentials] = useState<{ number: string; queryCode: string } | null>(null);
  return (
    <PublicShell title={m('status')}>
      <Card style={{ marginBottom: 16 }}>
        <Form<{ number: string; queryCode: string }>
          layout="inline"
          initialValues={{ number: params.get('number') ?? '' }}
          onFinish={(values) => status.mutate(values, { onSuccess: (v) => { setView(v); setCredentials(values); } })}
        >
          <Form.Item name="number" label={m('number')} rules={[{ required: true, whitespace: true, message: m('required', { what: m('number') }) }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="queryCode" label={m('queryCode')} rules={[{ required: true, whitespace: true, message: m('required', { what: m('queryCode') }) }]}>
            <Input style={{ width: 200 }} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={status.isPending} data-testid="status-lookup">{m('lookUp')}</Button>
        </Form>
        {status.isError && <Alert type="error" showIcon message={errorText(status.error)} style={{ marginTop: 16 }} />}
      </Card>
      {view && credentials && <StatusView key={view.updatedAt} view={view} credentials={credentials} onChange={setView} />}
    </PublicShell>
  );
}

/**
 * 单位用户 (/unit-users): the units the account acts for. Its 单位管理员 sees the unit's accounts
 * (Excel export), removes colleagues, hands the admin flag over, invites colleagues with one-time
 * codes (shown once, to copy) and, for an agency, confirms or returns its brokers' registrations;
 * everyone else sees who the unit admin is. Each irreversible step asks first, saying what happens.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, UserAddOutlined } from '@ant-design/icons';
import { EMPLOYMENT, ORGANIZATION_KINDS } from '../../../../common/vocabulary.js';
import { INVITATION_STATES, REGISTRATION_STATUSES } from '../../../../common/registration-vocabulary.js';
import { errorText } from '../../api.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import {
  type BrokerApplication, type IssuedInvitation, membersXlsxUrl, type UnitInvitation, type UnitMember, type UnitSummary, useBrokerApplications, useInvitations,
  useMembers, useMyUnits, useRegistrationText, useUnitAction,
} from './model.js';

function InviteButton({ unit }: { unit: UnitSummary }) {
  const { m } = useRegistrationText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const invite = useUnitAction<{ note: string }>(unit.id, (b) => ({ method: 'POST', path: 'invitations', body: b.note ? { note: b.note } : {} }));
  const close = () => { setOpen(false); setIssued(null); setNote(''); };
  const link = issued ? `${window.location.origin}/join?code=${issued.code}` : '';
  return (
    <>
      <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOpen(true)} data-testid="invite-open">{m('invite')}</Button>
      <Modal open={open} title={m('invite')} onCancel={close} footer={issued ? <Button type="primary" onClick={close}>{m('done')}</Button> : undefined}
        okText={m('generate')} okButtonProps={{ loading: invite.isPending, 'data-testid': 'invite-generate' } as never}
        onOk={async () => {
          try {
            setIssued((await invite.mutateAsync({ note: note.trim() })) as IssuedInvitation);
          } catch (e) {
            void message.error(errorText(e));
          }
        }}
        destroyOnHidden>
        {issued ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{m('inviteCode')}：</Typography.Text>
            <Typography.Title level={3} copyable style={{ margin: 0 }} data-testid="invite-code">{issued.code}</Typography.Title>
            <Typography.Text type="secondary">{m('expiresAt')}：{formatInstant(issued.expiresAt)}</Typography.Text>
            <Typography.Paragraph copyable={{ text: link }} style={{ marginBottom: 0 }}>{link}</Typography.Paragraph>
            <Alert type="warning" showIcon message={m('inviteOnce', { link: '/join' })} />
          </Space>
        ) : (
          <Input placeholder={m('inviteNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={100} data-testid="invite-note" />
        )}
      </Modal>
    </>
  );
}

function Members({ unit }: { unit: UnitSummary }) {
  const { m } = useRegistrationText();
  const { modal, message } = App.useApp();
  const members = useMembers(unit.id, true);
  const remove = useUnitAction<{ userId: string }>(unit.id, (b) => ({ method: 'DELETE', path: `members/${encodeURIComponent(b.userId)}` }));
  const handOver = useUnitAction<{ userId: string }>(unit.id, (b) => ({ method: 'POST', path: 'admin', body: { userId: b.userId } }));
  const fail = (e: unknown) => void message.error(errorText(e));
  return (
    <Card size="small" title={m('members')} extra={<Space><InviteButton unit={unit} /><Button icon={<FileExcelOutlined />} href={membersXlsxUrl(unit.id)}>{m(unit.confirmsBrokers ? 'exportAgency' : 'exportUnit')}</Button></Space>} style={{ marginBottom: 16 }}>
      <Table<UnitMember>
        rowKey="userId"
        size="small"
        loading={members.isFetching}
        dataSource={members.data ?? []}
        pagination={false}
        data-testid="unit-members"
        columns={[
          { title: m('applicantName'), render: (_, u) => <Space>{u.displayName}{u.isMe && <Tag>{m('me')}</Tag>}{u.isAdmin && <Tag color="gold">{m('unitAdmin')}</Tag>}</Space> },
          { title: m('username'), dataIndex: 'username', width: 140 },
          { title: m('mobile'), width: 130, render: (_, u) => u.mobile ?? '—' },
          { title: m('position'), width: 130, render: (_, u) => u.position ?? '—' },
          { title: m('state'), width: 80, render: (_, u) => (u.disabled ? <Tag color="red">{m('disabled')}</Tag> : <Tag color="green">{m('active')}</Tag>) },
          { title: m('lastLogin'), width: 170, render: (_, u) => (u.lastLoginAt ? formatInstant(u.lastLoginAt) : m('never')) },
          {
            title: '',
            width: 220,
            render: (_, u) =>
              u.isMe || u.isAdmin ? null : (
                <Space>
                  <Button size="small" disabled={u.disabled} onClick={() => modal.confirm({ title: m('handOver'), content: m('handOverConfirm', { name: u.displayName }), onOk: () => handOver.mutateAsync({ userId: u.userId }).catch(fail) })}>
                    {m('handOver')}
                  </Button>
                  <Popconfirm title={m('remove')} description={<div style={{ maxWidth: 320 }}>{m('removeConfirm', { name: u.displayName })}</div>} onConfirm={() => remove.mutateAsync({ userId: u.userId }).catch(fail)} okButtonProps={{ danger: true }}>
                    <Button size="small" danger data-testid={`remove-${u.username}`}>{m('remove')}</Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Invitations({ unit }: { unit: UnitSummary }) {
  const { m, vocab } = useRegistrationText();
  const { message } = App.useApp();
  const invitations = useInvitations(unit.id, true);
  const revoke = useUnitAction<{ id: string }>(unit.id, (b) => ({ method: 'POST', path: `invitations/${encodeURIComponent(b.id)}/revoke` }));
  return (
    <Card size="small" title={m('invitations')} style={{ marginBottom: 16 }}>
      <Table<UnitInvitation>
        rowKey="id"
        size="small"
        dataSource={invitations.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="unit-invitations"
        columns={[
          { title: m('createdAt'), width: 170, render: (_, i) => formatInstant(i.createdAt) },
          { title: m('createdBy'), width: 120, dataIndex: 'createdByName' },
          { title: m('note'), render: (_, i) => i.note ?? '—' },
          { title: m('expiresAt'), width: 170, render: (_, i) => formatInstant(i.expiresAt) },
          { title: m('state'), width: 90, render: (_, i) => <Tag color={i.state === 'open' ? 'blue' : i.state === 'accepted' ? 'green' : 'default'}>{vocab(INVITATION_STATES, i.state)}</Tag> },
          { title: m('acceptedBy'), width: 120, render: (_, i) => i.acceptedByName ?? '—' },
          {
            title: '',
            width: 80,
            render: (_, i) =>
              i.state === 'open' && (
                <Popconfirm title={m('revoke')} description={m('revokeConfirm')} onConfirm={() => revoke.mutateAsync({ id: i.id }).catch((e: unknown) => void message.error(errorText(e)))}>
                  <Button size="small">{m('revoke')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Brokers({ unit }: { unit: UnitSummary }) {
  const { m, vocab } = useRegistrationText();
  const { modal, message } = App.useApp();
  const applications = useBrokerApplications(unit.id, true);
  const approve = useUnitAction<{ id: string; version: number }>(unit.id, (b) => ({ method: 'POST', path: `broker-applications/${encodeURIComponent(b.id)}/approve`, body: { version: b.version } }));
  const giveBack = useUnitAction<{ id: string; version: number; reason: string }>(unit.id, (b) => ({ method: 'POST', path: `broker-applications/${encodeURIComponent(b.id)}/return`, body: { version: b.version, reason: b.reason } }));
  const [returning, setReturning] = useState<BrokerApplication | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const fail = (e: unknown) => void message.error(errorText(e));
  return (
    <Card size="small" title={m('brokers')} style={{ marginBottom: 16 }}>
      <Table<BrokerApplication>
        rowKey="id"
        size="small"
        dataSource={applications.data ?? []}
        locale={{ emptyText: m('noBrokers') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="broker-applications"
        columns={[
          { title: m('number'), dataIndex: 'number', width: 150 },
          { title: m('applicantName'), render: (_, b) => `${b.applicantName}（${b.idNumberMasked ?? ''}）` },
          { title: m('mobile'), dataIndex: 'mobile', width: 120 },
          { title: m('employment'), width: 80, render: (_, b) => vocab(EMPLOYMENT, b.employment) },
          { title: m('username'), dataIndex: 'username', width: 120 },
          { title: m('submittedAt'), width: 170, render: (_, b) => formatInstant(b.updatedAt) },
          { title: m('state'), width: 90, render: (_, b) => <Space direction="vertical" size={0}><Tag>{vocab(REGISTRATION_STATUSES, b.status)}</Tag>{b.status === 'returned' && <Typography.Text type="secondary">{b.returnReason}</Typography.Text>}</Space> },
          {
            title: '',
            width: 150,
            render: (_, b) =>
              b.status === 'pending' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => modal.confirm({ title: m('confirmBroker'), content: m('confirmBrokerText', { name: b.applicantName, username: b.username }), onOk: () => approve.mutateAsync({ id: b.id, version: b.version }).catch(fail) })}>
                    {m('confirmBroker')}
                  </Button>
                  <Button size="small" danger onClick={() => setReturning(b)}>{m('return')}</Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={!!returning} title={m('return')} okText={m('returnConfirm')} okButtonProps={{ danger: true, loading: giveBack.isPending }} onCancel={() => setReturning(null)} destroyOnHidden
        onOk={async () => {
          const { reason } = await form.validateFields();
          try {
            await giveBack.mutateAsync({ id: returning!.id, version: returning!.version, reason: reason.trim() });
            setReturning(null);
          } catch (e) {
            fail(e);
          }
        }}>
        <Typography.Paragraph>{m('returnNote')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={m('reason')} rules={[{ required: true, whitespace: true, min: 2, message: m('required', { what: m('reason') }) }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Unit({ unit }: { unit: UnitSummary }) {
  const { m, vocab } = useRegistrationText();
  return (
    <Card title={<Space>{unit.name}<Tag>{vocab(ORGANIZATION_KINDS, unit.kind)}</Tag>{unit.isAdmin && <Tag color="gold">{m('unitAdmin')}</Tag>}</Space>} style={{ marginBottom: 16 }} data-testid={`unit-${unit.id}`}>
      {unit.isAdmin ? (
        <>
          <Members unit={unit} />
          {unit.confirmsBrokers && <Brokers unit={unit} />}
          <Invitations unit={unit} />
        </>
      ) : (
        <Alert
          type="info"
          showIcon
          message={unit.admins.length ? m('notAdmin', { names: unit.admins.map((a) => `${a.name}${a.mobile ? `（${a.mobile}）` : ''}`).join('、') }) : m('noAdmin')}
          action={!unit.admins.length && <Link to="/register">{m('register')}</Link>}
        />
      )}
    </Card>
  );
}

export default function UnitUsersPage() {
  const { m } = useRegistrationText();
  const units = useMyUnits();
  return (
    <>
      <PageHeader title={m('unitUsers')} extra={<Link to="/join">{m('joinOther')}</Link>} />
      <QueryGate query={units}>
        {(list) => (list.length ? <>{list.map((u) => <Unit key={u.id} unit={u} />)}</> : <Alert type="info" showIcon message={m('noUnits')} />)}
      </QueryGate>
    </>
  );
}

/** 账号安全 (from the user menu): change one's password, the authenticator, the 登录设备. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../../api.js';
import { useUser } from '../../auth.js';
import { PageHeader } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { type LoginDevice, useAccountText, useDevices, useEndDevice, useEndOtherDevices, useTotpDisable, useTotpStatus } from './model.js';
import { PasswordForm } from './password-form.js';
import { TotpEnrolment } from './totp-enrolment.js';
import { stagePath } from './forced-pages.js';

function TotpCard({ username }: { username: string }) {
  const { m } = useAccountText();
  const status = useTotpStatus();
  const disable = useTotpDisable();
  const navigate = useNavigate();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [form] = Form.useForm<{ password: string; code: string }>();
  const s = status.data;
  return (
    <Card title={m('totp')} data-testid="totp-card">
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Tag color={s.enrolled ? 'green' : 'default'} data-testid="totp-state">{s.enrolled ? m('totpOn') : m('totpOff')}</Tag>
            {s.enrolled && s.enabledAt && <Typography.Text type="secondary">{m('totpSince', { at: formatInstant(s.enabledAt) })}</Typography.Text>}
            {s.enrolled && <Typography.Text type="secondary">{m('recoveryLeft', { n: s.recoveryCodesLeft })}</Typography.Text>}
          </Space>
          <Typography.Text type="secondary">{s.required ? m('totpRequired') : s.isDemo ? m('totpDemo') : m('totpOptional')}</Typography.Text>
          {!s.enrolled && !enrolling && <Button type="primary" onClick={() => setEnrolling(true)}>{m('enable')}</Button>}
          {!s.enrolled && enrolling && <TotpEnrolment username={username} onDone={() => { setEnrolling(false); void status.refetch(); }} />}
          {s.enrolled && <Button onClick={() => setDisabling(true)} data-testid="totp-disable">{s.required ? m('rebind') : m('disable')}</Button>}
        </Space>
      )}
      <Modal
        open={disabling}
        title={m('disableTitle')}
        okText={m('confirm')}
        cancelText={m('cancel')}
        confirmLoading={disable.isPending}
        onCancel={() => setDisabling(false)}
        onOk={() => form.submit()}
      >
        <Typography.Paragraph>{m('disableText')}{s?.required ? ` ${m('disableRequiredText')}` : ''}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              const answer = await disable.mutateAsync({ password: v.password, code: v.code.trim() });
              setDisabling(false);
              form.resetFields();
              const forced = stagePath(answer.user);
              if (forced) navigate(forced, { replace: true });
            } catch (error) {
              const field = error instanceof Error && 'field' in error && (error as { field?: string }).field === 'password' ? 'password' : 'code';
              form.setFields([{ name: field, errors: [errorText(error)] }]);
            }
          }}
        >
          <Form.Item name="password" label={m('password')} rules={[{ required: true, message: m('required', { what: m('password') }) }]}><Input.Password autoComplete="current-password" /></Form.Item>
          <Form.Item name="code" label={m('code')} extra={m('codeHint')} rules={[{ required: true, message: m('required', { what: m('code') }) }]}><Input maxLength={6} inputMode="numeric" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function DevicesCard() {
  const { m } = useAccountText();
  const { message } = App.useApp();
  const devices = useDevices();
  const end = useEndDevice();
  const endOthers = useEndOtherDevices();
  const items = devices.data?.items ?? [];
  return (
    <Card
      title={m('devices')}
      extra={
        <Popconfirm title={m('endOthersConfirm')} okText={m('confirm')} cancelText={m('cancel')} onConfirm={async () => {
          try {
            const { endedSessions } = await endOthers.mutateAsync();
            void message.success(m('endedOthers', { n: endedSessions }));
          } catch (error) { void message.error(errorText(error)); }
        }}>
          <Button danger disabled={items.length < 2} data-testid="end-other-devices">{m('endOthers')}</Button>
        </Popconfirm>
      }
    >
      <Typography.Paragraph type="secondary">{m('devicesHint')}</Typography.Paragraph>
      <Table<LoginDevice>
        rowKey="handle"
        loading={devices.isPending}
        dataSource={items}
        pagination={false}
        data-testid="devices-table"
        columns={[
          { title: m('device'), render: (_, d) => <Space>{d.device}{d.current && <Tag color="blue">{m('currentDevice')}</Tag>}</Space> },
          { title: m('ip'), dataIndex: 'ip' },
          { title: m('loggedInAt'), render: (_, d) => formatInstant(d.createdAt) },
          { title: m('lastSeenAt'), render: (_, d) => formatInstant(d.lastSeenAt) },
          {
            title: m('actions'),
            render: (_, d) => d.current ? null : (
              <Popconfirm title={m('endDeviceConfirm')} okText={m('confirm')} cancelText={m('cancel')} onConfirm={async () => {
                try {
                  await end.mutateAsync(d.handle);
                  void message.success(m('deviceEnded'));
                } catch (error) { void message.error(errorText(error)); }
              }}>
                <Button size="small" danger data-testid="end-device">{m('endDevice')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function SecurityPage() {
  const { m } = useAccountText();
  const user = useUser();
  return (
    <div data-testid="security-page">
      <PageHeader title={m('security')} />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={m('changePassword')}><PasswordForm username={user.username} /></Card>
        <TotpCard username={user.username} />
        <DevicesCard />
      </Space>
    </div>
  );
}

/**
 * Binding an authenticator: the QR code (drawn by the server, nothing fetched from outside) and the
 * secret in text, a code to confirm, then the 10 recovery codes — shown this once.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, List, Space, Spin, Typography } from 'antd';
import { errorText } from '../../api.js';
import { useAccountText, useTotpConfirm, useTotpSetup } from './model.js';

export function TotpEnrolment({ username, onDone }: { username: string; onDone: () => void }) {
  const { m } = useAccountText();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  useEffect(() => {
    if (!setup.data && !setup.isPending && !setup.isError) setup.mutate();
    // Started once per mount: each start draws a new secret.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (codes) {
    const download = () => {
      const blob = new Blob([`${m('recoveryTitle')}（${username}）\n\n${codes.join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `recovery-codes-${username}.txt`;
      a.click();
      URL.revokeObjectURL(a.href);
    };
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="recovery-codes">
        <Alert type="success" showIcon title={m('enrolled')} />
        <Typography.Title level={5}>{m('recoveryTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{m('recoveryText')}</Typography.Paragraph>
        <List
          grid={{ column: 2 }}
          dataSource={codes}
          renderItem={(c) => <List.Item><Typography.Text code copyable data-testid="recovery-code">{c}</Typography.Text></List.Item>}
        />
        <Space>
          <Button onClick={download}>{m('downloadCodes')}</Button>
          <Button type="primary" onClick={() => { confirm.finish(); onDone(); }} data-testid="recovery-saved">{m('recoverySaved')}</Button>
        </Space>
      </Space>
    );
  }
  if (setup.isError) return <Alert type="error" showIcon title={errorText(setup.error)} action={<Button onClick={() => setup.mutate()}>{m('enable')}</Button>} />;
  if (!setup.data) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="totp-enrolment">
      <Typography.Text strong>{m('enrolStep1')}</Typography.Text>
      <img src={setup.data.qrDataUrl} alt="TOTP QR" width={200} height={200} data-testid="totp-qr" />
      <Typography.Text type="secondary">{m('enrolManual')}</Typography.Text>
      <Typography.Text code copyable data-testid="totp-secret">{setup.data.secret.replace(/(.{4})/g, '$1 ').trim()}</Typography.Text>
      <Typography.Text strong>{m('enrolStep2')}</Typography.Text>
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            const answer = await confirm.mutateAsync(v.code.trim());
            setCodes(answer.recoveryCodes);
          } catch (error) {
            form.setFields([{ name: 'code', errors: [errorText(error)] }]);
          }
        }}
      >
        <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: m('codeHint') }]}>
          <Input id="totp-confirm-code" placeholder="000000" maxLength={6} inputMode="numeric" autoComplete="one-time-code" style={{ width: 140 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">{m('confirmEnrol')}</Button>
      </Form>
    </Space>
  );
}

import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FullPageSpin } from '../auth.js';
import { useI18n, type Lang } from '../i18n.js';
import { useState } from 'react';
import { useLogin, useLoginTotp, useMe } from '../queries.js';
import { SsoLogin } from './login-sso.js';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths: `next` comes from the address bar. Without one, the user's 工作台 (`/` is the public portal). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/workbench';
}

export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const me = useMe();
  const login = useLogin();
  const totp = useLoginTotp();
  // Set when the password was right and the account uses TOTP: the page asks for the code.
  const [challenge, setChallenge] = useState<string | null>(null);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (values: LoginValues) => {
    login.mutate(values, {
      onSuccess: (answer) => {
        if ('challengeToken' in answer) setChallenge(answer.challengeToken);
        else navigate(next, { replace: true });
      },
    });
  };
  const onCode = (values: { code: string }) => {
    if (!challenge) return;
    totp.mutate({ challengeToken: challenge, code: values.code.trim() }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <div className="tt-login">
      <Card className="tt-login-card">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: t('lang.zh'), value: 'zh-CN' },
              { label: t('lang.en'), value: 'en' },
            ]}
          />
        </div>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 8 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.title')}
        </Typography.Paragraph>
        {login.isError && !challenge && (
          <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        {challenge ? (
          <>
            {totp.isError && <Alert type="error" showIcon title={totp.error.message} style={{ marginBottom: 16 }} data-testid="login-error" />}
            <Typography.Paragraph data-testid="totp-step">
              {lang === 'en'
                ? 'Enter the 6-digit code your authenticator app shows — or one of your recovery codes.'
                : '请输入手机验证器上显示的 6 位动态码；手机不在身边时，可输入一个恢复码。'}
            </Typography.Paragraph>
            <Form<{ code: string }> layout="vertical" onFinish={onCode} requiredMark={false} autoComplete="off">
              <Form.Item name="code" label={lang === 'en' ? 'Code' : '动态码或恢复码'} rules={[{ required: true, message: lang === 'en' ? 'Enter the code' : '请输入动态码或恢复码' }]}>
                <Input id="totpCode" prefix={<SafetyOutlined />} autoComplete="one-time-code" autoFocus maxLength={12} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={totp.isPending} data-testid="totp-submit">
                {lang === 'en' ? 'Verify' : '验 证'}
              </Button>
              <Button type="link" block onClick={() => { setChallenge(null); totp.reset(); }} style={{ marginTop: 8 }}>
                {lang === 'en' ? 'Back to password' : '返回重新输入密码'}
              </Button>
            </Form>
          </>
        ) : (
        <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        )}
        <SsoLogin />
        <div style={{ textAlign: 'center', marginTop: 12 }}><Link to="/register" data-testid="login-register">{t('login.register')}</Link></div>
      </Card>
    </div>
  );
}

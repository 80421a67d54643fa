/**
 * The login page's single sign-on: the button to the provincial 统一身份认证 (shown only when the
 * server has it configured, with the label it was given) and, when a sign-on came back refused
 * (?sso=…), the reason in words. The button is a plain link: the server redirects to the provider.
 */
import { Alert, Button, Divider } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { type AuthOptions, isSsoOutcome, SSO_OUTCOME_TEXT } from '../../../common/oidc-api.js';
import { api } from '../api.js';
import { useI18n } from '../i18n.js';

/** Only same-site paths: `next` comes from the address bar (the server checks it again). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/workbench';
}

export function SsoLogin() {
  const { lang } = useI18n();
  const [params] = useSearchParams();
  const options = useQuery({
    queryKey: ['auth', 'options'],
    queryFn: ({ signal }) => api<AuthOptions>('/api/auth/options', { signal }),
    staleTime: Infinity,
    retry: false,
  });
  const outcome = params.get('sso');
  const sso = options.data?.sso;
  return (
    <>
      {isSsoOutcome(outcome) && (
        <Alert type="warning" showIcon title={SSO_OUTCOME_TEXT[outcome][lang === 'en' ? 'en' : 'zh']} style={{ marginTop: 16 }} data-testid="sso-error" />
      )}
      {sso && (
        <>
          <Divider plain style={{ margin: '16px 0' }}>{lang === 'en' ? 'or' : '或'}</Divider>
          <Button block icon={<SafetyCertificateOutlined />} href={`/api/auth/oidc/start?next=${encodeURIComponent(safeNext(params.get('next')))}`} data-testid="sso-login">
            {sso.label}
          </Button>
        </>
      )}
    </>
  );
}

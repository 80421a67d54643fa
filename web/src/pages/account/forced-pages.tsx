/**
 * The pages a session must pass before anything else (the server answers 403 elsewhere): 修改密码
 * for an account whose password an admin set, then 绑定动态验证码 for a role that must use TOTP.
 */
import type { ReactNode } from 'react';
import { Button, Card, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { FullPageSpin } from '../../auth.js';
import { useLogout, useMe } from '../../queries.js';
import type { User } from '../../types.js';
import { useAccountText } from './model.js';
import { PasswordForm } from './password-form.js';
import { TotpEnrolment } from './totp-enrolment.js';

/** Where a session of this stage belongs. */
export function stagePath(user: Pick<User, 'stage'>): string | null {
  if (user.stage === 'must_change') return '/account/change-password';
  if (user.stage === 'enrol') return '/account/enrol-totp';
  return null;
}

function ForcedShell({ title, children }: { title: string; children: ReactNode }) {
  const { m } = useAccountText();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <div className="tt-login">
      <Card className="tt-login-card" style={{ width: 520, maxWidth: '100%' }}>
        <Typography.Title level={3} data-testid="forced-title">{title}</Typography.Title>
        {children}
        <div style={{ textAlign: 'right', marginTop: 16 }}>
          <Button type="link" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })} data-testid="forced-logout">
            {m('logout')}
          </Button>
        </div>
      </Card>
    </div>
  );
}

/** Guards a forced page: signed in, and at that page's stage (else where the session belongs). */
function useStageGate(stage: 'must_change' | 'enrol'): User | ReactNode {
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (me.data.stage !== stage) return <Navigate to={stagePath(me.data) ?? '/workbench'} replace />;
  return me.data;
}

const isUser = (x: unknown): x is User => typeof x === 'object' && x !== null && 'username' in x;

export function ChangePasswordPage() {
  const { m } = useAccountText();
  const navigate = useNavigate();
  const gate = useStageGate('must_change');
  if (!isUser(gate)) return <>{gate}</>;
  return (
    <ForcedShell title={m('mustChangeTitle')}>
      <Typography.Paragraph type="secondary">{m('mustChangeText')}</Typography.Paragraph>
      <PasswordForm username={gate.username} temporary onChanged={(user) => navigate(stagePath(user) ?? '/workbench', { replace: true })} />
    </ForcedShell>
  );
}

export function EnrolTotpPage() {
  const { m } = useAccountText();
  const navigate = useNavigate();
  const gate = useStageGate('enrol');
  if (!isUser(gate)) return <>{gate}</>;
  return (
    <ForcedShell title={m('enrolTitle')}>
      <Typography.Paragraph type="secondary">{m('enrolRequired')}</Typography.Paragraph>
      <TotpEnrolment username={gate.username} onDone={() => navigate('/workbench', { replace: true })} />
    </ForcedShell>
  );
}

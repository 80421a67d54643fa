/**
 * /join (public): a colleague uses the invitation code of a unit's 单位管理员 — a newcomer opens an
 * account (username, name, mobile, password by the rules) and joins the unit; someone logged in adds
 * the unit to the ones their account acts for.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Divider, Form, Input, Result, Space, Typography } from 'antd';
import { PASSWORD_PROBLEM_TEXT, passwordProblems } from '../../../../common/password-rules.js';
import { MOBILE_PATTERN, USERNAME_PATTERN } from '../../../../common/registration-vocabulary.js';
import { USER_ROLES } from '../../../../common/vocabulary.js';
import { errorText } from '../../api.js';
import { applyServerErrors } from '../../components/form-errors.js';
import { FormProblems } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { useMe } from '../../queries.js';
import { type InvitationPreview, useAcceptInvitation, useCheckInvitation, useJoinUnit, useRegistrationText } from './model.js';
import { PublicShell } from './public-shell.js';

interface JoinValues {
  username: string;
  displayName: string;
  mobile: string;
  position?: string;
  password: string;
  confirmPassword: string;
}

function NewAccountForm({ code, onJoined }: { code: string; onJoined: (username: string) => void }) {
  const { m } = useRegistrationText();
  const [form] = Form.useForm<JoinValues>();
  const join = useJoinUnit();
  const [problems, setProblems] = useState<string[]>([]);
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? '';
  const problemsNow = passwordProblems(password, username);
  const required = (what: string) => [{ required: true, whitespace: true, message: m('required', { what }) }];
  return (
    <Form<JoinValues>
      form={form}
      layout="vertical"
      data-testid="join-form"
      onFinish={async (v) => {
        setProblems([]);
        try {
          const done = await join.mutateAsync({ code, username: v.username.trim(), displayName: v.displayName.trim(), mobile: v.mobile.trim(), ...(v.position?.trim() ? { position: v.position.trim() } : {}), password: v.password });
          onJoined(done.username);
        } catch (error) {
          setProblems(applyServerErrors(form, error, ['username', 'displayName', 'mobile', 'position', 'password']));
        }
      }}
    >
      <Form.Item name="username" label={m('username')} extra={m('usernameHint')} rules={[...required(m('username')), { pattern: USERNAME_PATTERN, message: m('usernameHint') }]}><Input autoComplete="username" /></Form.Item>
      <Form.Item name="displayName" label={m('applicantName')} rules={required(m('applicantName'))}><Input maxLength={30} /></Form.Item>
      <Form.Item name="mobile" label={m('mobile')} rules={[...required(m('mobile')), { pattern: MOBILE_PATTERN, message: '手机号码应为 11 位数字，以 1 开头' }]}><Input maxLength={11} /></Form.Item>
      <Form.Item name="position" label={m('position')}><Input maxLength={50} /></Form.Item>
      <Form.Item
        name="password"
        label={m('password')}
        rules={required(m('password'))}
        extra={password ? problemsNow.length ? problemsNow.map((p) => <div key={p}>✗ {PASSWORD_PROBLEM_TEXT[p]}</div>) : '✓' : undefined}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={m('confirmPassword')}
        dependencies={['password']}
        rules={[...required(m('confirmPassword')), ({ getFieldValue }) => ({ validator: async (_, v: string) => { if (getFieldValue('password') !== v) throw new Error(m('passwordMismatch')); } })]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <FormProblems problems={problems} />
      <Button type="primary" htmlType="submit" loading={join.isPending} data-testid="join-submit">{m('joinSubmit')}</Button>
    </Form>
  );
}

export default function JoinPage() {
  const { m, vocab } = useRegistrationText();
  const { modal } = App.useApp();
  const [params] = useSearchParams();
  const me = useMe();
  const check = useCheckInvitation();
  const accept = useAcceptInvitation();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [preview, setPreview] = useState<{ code: string; invitation: InvitationPreview } | null>(null);
  const [done, setDone] = useState<{ unit: string; username?: string } | null>(null);

  if (done) {
    return (
      <PublicShell title={m('joinTitle')}>
        <Card>
          <Result
            status="success"
            title={m('joined', { unit: done.unit })}
            subTitle={done.username ? m('joinedHint', { username: done.username }) : m('joinedAccepted', { unit: done.unit })}
            extra={done.username ? <Link to="/login"><Button type="primary">{m('goLogin')}</Button></Link> : <Link to="/"><Button type="primary">{m('done')}</Button></Link>}
            data-testid="join-done"
          />
        </Card>
      </PublicShell>
    );
  }
  const user = me.data;
  return (
    <PublicShell title={m('joinTitle')} hint={m('joinHint')}>
      <Card style={{ marginBottom: 16 }}>
        <Space.Compact style={{ width: 420, maxWidth: '100%' }}>
          <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder="XXXX-XXXX-XXXX" id="invitationCode" />
          <Button type="primary" loading={check.isPending} onClick={() => check.mutate(code, { onSuccess: (invitation) => setPreview({ code, invitation }) })} data-testid="join-check">
            {m('check')}
          </Button>
        </Space.Compact>
        {check.isError && <Alert type="error" showIcon message={errorText(check.error)} style={{ marginTop: 16 }} />}
      </Card>
      {preview && (
        <Card title={m('inviteFor', { unit: preview.invitation.organizationName, role: vocab(USER_ROLES, preview.invitation.role) })} data-testid="join-preview">
          <Typography.Paragraph type="secondary">{m('expiresAt')}：{formatInstant(preview.invitation.expiresAt)}</Typography.Paragraph>
          {user && (
            <>
              <Button
                type="primary"
                loading={accept.isPending}
                data-testid="join-as-me"
                onClick={() =>
                  modal.confirm({
                    title: m('joinAs', { name: user.displayName || user.username }),
                    content: m('joinAsConfirm', { unit: preview.invitation.organizationName, role: vocab(USER_ROLES, preview.invitation.role) }),
                    onOk: async () => {
                      const joined = await accept.mutateAsync(preview.code);
                      setDone({ unit: joined.organizationName });
                    },
                  })
                }
              >
                {m('joinAs', { name: user.displayName || user.username })}
              </Button>
              {accept.isError && <Alert type="error" showIcon message={errorText(accept.error)} style={{ marginTop: 16 }} />}
              <Divider>{m('orNew')}</Divider>
            </>
          )}
          <NewAccountForm code={preview.code} onJoined={(username) => setDone({ unit: preview.invitation.organizationName, username })} />
        </Card>
      )}
    </PublicShell>
  );
}

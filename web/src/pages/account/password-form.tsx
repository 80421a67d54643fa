/** The 修改密码 form: old password, new one checked by the rules as one types, and again. */
import { useState } from 'react';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { PASSWORD_PROBLEM_TEXT, passwordProblems } from '../../../../common/password-rules.js';
import { applyServerErrors } from '../../components/form-errors.js';
import { FormProblems } from '../../components/page.js';
import type { User } from '../../types.js';
import { useAccountText, useChangePassword } from './model.js';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function PasswordForm({ username, temporary, onChanged }: { username: string; temporary?: boolean; onChanged?: (user: User) => void }) {
  const { m } = useAccountText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [problems, setProblems] = useState<string[]>([]);
  const password = Form.useWatch('newPassword', form) ?? '';
  const broken = passwordProblems(password, username);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      data-testid="password-form"
      onFinish={async (v) => {
        setProblems([]);
        try {
          const answer = await change.mutateAsync({ oldPassword: v.oldPassword, newPassword: v.newPassword });
          form.resetFields();
          void message.success(answer.endedSessions > 0 ? m('passwordChangedOthers', { n: answer.endedSessions }) : m('passwordChanged'));
          onChanged?.(answer.user);
        } catch (error) {
          setProblems(applyServerErrors(form, error, ['oldPassword', 'newPassword']));
        }
      }}
    >
      <Form.Item name="oldPassword" label={temporary ? m('oldPasswordTemporary') : m('oldPassword')} rules={[{ required: true, message: m('required', { what: m('oldPassword') }) }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={m('newPassword')}
        extra={
          password ? (
            <Space direction="vertical" size={0} data-testid="password-rules">
              {(['too_short', 'too_few_classes', 'contains_username'] as const).map((p) => (
                <Typography.Text key={p} type={broken.includes(p) ? 'danger' : 'success'}>
                  {broken.includes(p) ? '✗' : '✓'} {PASSWORD_PROBLEM_TEXT[p].replace(/^密码/, '')}
                </Typography.Text>
              ))}
            </Space>
          ) : m('passwordRulesHint')
        }
        rules={[{ required: true, message: m('required', { what: m('newPassword') }) }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={m('confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: m('required', { what: m('confirmPassword') }) },
          ({ getFieldValue }) => ({ validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(m('mismatch')))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <FormProblems problems={problems} />
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {m('submitPassword')}
      </Button>
    </Form>
  );
}

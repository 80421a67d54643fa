/** The frame of the public registration pages: the platform's name, the page's title, links between them. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Space, Typography } from 'antd';
import { useI18n } from '../../i18n.js';
import { useRegistrationText } from './model.js';

export function PublicShell({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const { t } = useI18n();
  const { m } = useRegistrationText();
  return (
    <div style={{ maxWidth: 860, margin: '24px auto', padding: '0 16px' }}>
      <Typography.Text type="secondary">{t('app.title')}</Typography.Text>
      <Typography.Title level={3} style={{ marginTop: 4 }}>{title}</Typography.Title>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Space split="·" wrap style={{ marginBottom: 16 }}>
        <Link to="/register">{m('register')}</Link>
        <Link to="/register/status">{m('status')}</Link>
        <Link to="/join">{m('join')}</Link>
        <Link to="/login">{m('login')}</Link>
      </Space>
      {children}
    </div>
  );
}

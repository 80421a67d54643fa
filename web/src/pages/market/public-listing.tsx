/**
 * The public page of a published listing (/market/achievements/:id, /market/demands/:id): anyone
 * may read it; no contact details. 联系对接 sends an inquiry through the platform when logged in,
 * and leads to the login page otherwise.
 */
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import { isApiError } from '../../api.js';
import { loginPath } from '../../auth.js';
import { useMe } from '../../queries.js';
import { StartDealButton } from '../deals/start-deal-button.js';
import { ListingFacts } from './listing-bits.js';
import { MatchesPanel } from './matches-panel.js';
import { can } from '../../permissions.js';
import { usePublicListing, useMarketText, useSendInquiry } from './model.js';

function ContactButton({ kind, id }: { kind: ListingKind; id: string }) {
  const { m } = useMarketText();
  const me = useMe();
  const location = useLocation();
  const send = useSendInquiry();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ message: string; contact?: string }>();
  if (!me.data) {
    return <Link to={loginPath(location)}><Button type="primary" data-testid="listing-contact-login">{m('loginToContact')}</Button></Link>;
  }
  if (!can(me.data, 'market.inquiry.create')) return null;
  if (done) return <Alert type="success" showIcon message={m('sent')} data-testid="listing-contact-sent" />;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="listing-contact">{m('contact')}</Button>
      <Modal
        open={open}
        title={m('contact')}
        okText={m('send')}
        confirmLoading={send.isPending}
        okButtonProps={{ 'data-testid': 'listing-contact-send' }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const values = await form.validateFields();
          try {
            await send.mutateAsync({ listingKind: kind, listingId: id, message: values.message, contact: values.contact || undefined });
            setOpen(false);
            setDone(true);
          } catch (e) {
            setError(isApiError(e) ? e.message : String(e));
          }
        }}
      >
        <Typography.Paragraph type="secondary">{m('contactHint')}</Typography.Paragraph>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="message" label={m('message')} rules={[{ required: true, min: 5, message: m('messageRequired') }]}>
            <Input.TextArea rows={4} data-testid="listing-contact-message" />
          </Form.Item>
          <Form.Item name="contact" label={m('yourContact')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function PublicListingPage({ kind }: { kind: ListingKind }) {
  const { id = '' } = useParams();
  const me = useMe();
  const { m } = useMarketText();
  const query = usePublicListing(kind, id);
  if (query.isPending) return <Spin />;
  if (query.isError || !query.data) return <Result status="404" title={m('notFound')} subTitle={isApiError(query.error) ? query.error.message : undefined} />;
  const l = query.data;
  return (
    <Card data-testid="public-listing">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="blue">{kind === 'achievement' ? m('achievements') : m('demands')}</Tag>
        {l.kind === 'demand' && l.isChallenge && <Tag color="red">{m('challenge')}</Tag>}
        {l.isDemo && <Tag color="orange">{m('demo')}</Tag>}
      </Space>
      <Typography.Title level={3} data-testid="public-listing-title">{l.title || l.externalId}</Typography.Title>
      <ListingFacts listing={l} publicPage />
      <Space style={{ marginTop: 16 }}>
        <ContactButton kind={kind} id={l.id} />
        <StartDealButton kind={kind} id={l.id} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{m('publicFooter')}</Typography.Paragraph>
      {can(me.data, 'market.match.read') && <MatchesPanel kind={kind} id={l.id} />}
    </Card>
  );
}

/** The page frame of the public market pages (no menu: the visitor may not be logged in). */
/** The market's public pages sit in the portal's frame (header, breadcrumbs, footer: web/src/pages/portal/layout.tsx). */
export function PublicFrame({ children }: { children: React.ReactNode }) {
  return <div style={{ padding: '12px 16px', maxWidth: 1200, margin: '0 auto', width: '100%', boxSizing: 'border-box' }}>{children}</div>;
}

export function PublicAchievementPage() {
  return <PublicFrame><PublicListingPage kind="achievement" /></PublicFrame>;
}

export function PublicDemandPage() {
  return <PublicFrame><PublicListingPage kind="demand" /></PublicFrame>;
}

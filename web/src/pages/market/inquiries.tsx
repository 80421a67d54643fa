/** 对接留言: inquiries received (to the user's listings) and sent; the owner answers or closes them. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Empty, Input, List, Space, Tabs, Tag, Typography, message } from 'antd';
import { INQUIRY_STATUSES, LISTING_KINDS } from '../../../../common/market-vocabulary.js';
import { isApiError } from '../../api.js';
import { useUser } from '../../auth.js';
import { PageHeader } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { can } from '../../permissions.js';
import { StartDealButton } from '../deals/start-deal-button.js';
import { type Inquiry, publicPath, useAnswerInquiry, useInquiries, useMarketText, WORKBENCH } from './model.js';

function AnswerBox({ inquiry }: { inquiry: Inquiry }) {
  const { m } = useMarketText();
  const answer = useAnswerInquiry();
  const [text, setText] = useState('');
  const send = async (close: boolean) => {
    try {
      await answer.mutateAsync({ id: inquiry.id, version: inquiry.version, ...(text.trim() ? { answer: text.trim() } : {}), close });
      setText('');
    } catch (error) {
      void message.error(isApiError(error) ? error.message : String(error));
    }
  };
  return (
    <Space.Compact style={{ width: '100%', marginTop: 8 }}>
      <Input placeholder={m('answerPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} data-testid="inquiry-answer-text" />
      <Button type="primary" disabled={!text.trim()} loading={answer.isPending} onClick={() => void send(false)} data-testid="inquiry-answer">{m('answer')}</Button>
      <Button onClick={() => void send(true)}>{m('close')}</Button>
    </Space.Compact>
  );
}

export function InquiryList({ items, box }: { items: Inquiry[]; box: 'received' | 'sent' }) {
  const { m, vocab } = useMarketText();
  const user = useUser();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      data-testid={`inquiries-${box}`}
      dataSource={items}
      renderItem={(i) => (
        <List.Item key={i.id}>
          <div style={{ width: '100%' }}>
            <Space wrap>
              <Tag>{vocab(LISTING_KINDS, i.listingKind)}</Tag>
              <Link to={box === 'received' ? `${WORKBENCH[i.listingKind]}/${i.listingId}` : publicPath(i.listingKind, i.listingId)}>{i.listingTitle || i.listingId}</Link>
              <Tag color={i.status === 'open' ? 'processing' : i.status === 'answered' ? 'success' : 'default'}>{vocab(INQUIRY_STATUSES, i.status)}</Tag>
              <Typography.Text type="secondary">{formatInstant(i.createdAt)}</Typography.Text>
            </Space>
            <div style={{ marginTop: 4 }}>
              <Typography.Text strong>{i.fromName}{i.fromOrganization ? `（${i.fromOrganization.name}）` : ''}：</Typography.Text>
              {i.message}
            </div>
            {box === 'received' && i.contact && <div className="tt-muted">{m('senderContact')}：{i.contact}</div>}
            {i.answer && (
              <div style={{ marginTop: 4 }} data-testid="inquiry-answer-shown">
                <Typography.Text type="success">{m('answer')}（{i.answeredByName}，{formatInstant(i.answeredAt)}）：</Typography.Text>
                {i.answer}
              </div>
            )}
            {box === 'received' && i.status !== 'closed' && can(user, 'market.inquiry.answer') && <AnswerBox inquiry={i} />}
            {box === 'received' && (
              <div style={{ marginTop: 8 }}>
                <StartDealButton kind={i.listingKind} id={i.listingId} inquiryId={i.id} />
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}

export default function InquiriesPage() {
  const { m } = useMarketText();
  const user = useUser();
  const owner = can(user, 'market.inquiry.read');
  const received = useInquiries('received', {}, owner);
  const sent = useInquiries('sent');
  const tabs = [
    ...(owner ? [{ key: 'received', label: `${m('received')}（${received.data?.total ?? 0}）`, children: <InquiryList items={received.data?.items ?? []} box="received" /> }] : []),
    { key: 'sent', label: `${m('sentBox')}（${sent.data?.total ?? 0}）`, children: <InquiryList items={sent.data?.items ?? []} box="sent" /> },
  ];
  return (
    <>
      <PageHeader title={m('inquiries')} />
      <Tabs items={tabs} />
    </>
  );
}

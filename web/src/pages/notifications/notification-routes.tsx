/** /notifications (通知中心): my notifications, unread first filter, mark read, open the linked page. */
import { useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { Badge, Button, List, Segmented, Space, Tag, Typography } from 'antd';
import { NOTIFICATION_KINDS } from '../../../../common/notification-kinds.js';
import { formatInstant } from '../../format.js';
import { PageHeader } from '../../components/page.js';
import { type Notification, useMarkAllRead, useMarkRead, useNotifications, useNotificationText } from './model.js';

function NotificationCentre() {
  const navigate = useNavigate();
  const { m, vocab } = useNotificationText();
  const [unread, setUnread] = useState(true);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unread, page, pageSize: 20 });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = async (n: Notification) => {
    if (!n.read) await markRead.mutateAsync(n.id).catch(() => undefined);
    if (n.link) navigate(n.link);
  };
  return (
    <>
      <PageHeader
        title={<Badge count={list.data?.unread ?? 0} offset={[12, 0]}>{m('title')}</Badge>}
        extra={<Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!list.data?.unread} data-testid="mark-all-read">{m('markAll')}</Button>}
      />
      <Segmented<'unread' | 'all'>
        style={{ marginBottom: 12 }}
        value={unread ? 'unread' : 'all'}
        onChange={(v) => {
          setUnread(v === 'unread');
          setPage(1);
        }}
        options={[{ value: 'unread', label: m('unread') }, { value: 'all', label: m('all') }]}
        data-testid="notification-filter"
      />
      <List
        bordered
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: m('empty') }}
        data-testid="notification-list"
        pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
        renderItem={(n) => (
          <List.Item
            data-testid="notification-item"
            actions={[
              ...(n.link ? [<Button key="open" type="link" onClick={() => void open(n)}>{m('open')}</Button>] : []),
              ...(!n.read ? [<Button key="read" type="link" onClick={() => markRead.mutate(n.id)}>{m('markRead')}</Button>] : []),
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  {!n.read && <Badge status="processing" />}
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                  <Tag>{vocab(NOTIFICATION_KINDS, n.kind)}</Tag>
                </Space>
              }
              description={
                <>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                  <Typography.Text type="secondary">{formatInstant(n.createdAt)}{n.read ? ` · ${m('read')}` : ''}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

export default function NotificationRoutes() {
  return (
    <Routes>
      <Route index element={<NotificationCentre />} />
    </Routes>
  );
}

/** The notification centre on the web: hooks over `api()` (the shapes are common/notification-api.ts), UI strings. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '../../../../common/notification-api.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';

export type { Notification } from '../../../../common/notification-api.js';

export function useNotifications(query: { unread: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: () => api<NotificationPage>('/api/notifications', { query: { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize } }),
    placeholderData: keepPreviousData,
  });
}

/** The unread count, refreshed every minute while the app is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api<{ unread: number }>('/api/notifications/unread-count'),
    enabled,
    refetchInterval: 60_000,
    staleTime: 10_000,
  });
}

function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }) });
}

export const useMarkRead = () => useWrite((id: string) => api<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }));
export const useMarkAllRead = () => useWrite(() => api<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }));

const zh = {
  title: '通知中心',
  bell: '通知',
  all: '全部',
  unread: '未读',
  markAll: '全部标为已读',
  markRead: '标为已读',
  open: '查看',
  empty: '暂无通知',
  read: '已读',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Notifications',
  bell: 'Notifications',
  all: 'All',
  unread: 'Unread',
  markAll: 'Mark all read',
  markRead: 'Mark read',
  open: 'Open',
  empty: 'No notifications',
  read: 'Read',
};

export function useNotificationText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  return { m: (key: Key) => dict[key], lang, vocab };
}

/** The notification centre's routes: my notifications, the unread count, marking read. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead, notificationQuery, unreadCount } from './notifications.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAGS = ['notifications'];

export function notificationRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/notifications', { schema: { tags: TAGS, summary: '我的通知（unread=true：仅未读）', querystring: notificationQuery } }, async (req) =>
    listNotifications(ctx(req), req.query),
  );
  r.get('/api/notifications/unread-count', { schema: { tags: TAGS, summary: '未读通知数' } }, async (req) => unreadCount(ctx(req)));
  r.post('/api/notifications/:id/read', { schema: { tags: TAGS, summary: '标记一条通知为已读', params: idParams } }, async (req) =>
    markNotificationRead(ctx(req), req.params.id),
  );
  r.post('/api/notifications/read-all', { schema: { tags: TAGS, summary: '全部标记为已读' } }, async (req) => markAllNotificationsRead(ctx(req)));
}

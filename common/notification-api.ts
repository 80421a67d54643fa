/**
 * The notification centre's API shapes, shared by the server (server/modules/notifications) and the
 * web pages.
 */

/** A notification addressed to the user, or to an organization the user acts for. */
export interface Notification {
  id: string;
  /** One of common/notification-kinds.ts, e.g. supervision.overdue; shown by its label. */
  kind: string;
  title: string;
  body: string;
  /** A path of the web app, e.g. /supervision/reports/… */
  link: string | null;
  recipient: 'user' | 'organization';
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

/** GET /api/notifications: a page of the user's notifications, newest first, and the unread count. */
export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

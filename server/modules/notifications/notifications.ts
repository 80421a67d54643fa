/**
 * The in-app notification centre: any module sends a notification to a user or to an organization
 * (then every account acting for it sees it, and one reading it marks it read for all); a user lists
 * theirs, counts the unread and marks them read. Sending is idempotent when the sender gives a
 * `dedupeKey` (the same key twice sends once). Notifications are messages about recorded changes,
 * not changes themselves: they are not audited.
 */
import { z } from 'zod';
import type { Notification, NotificationPage } from '../../../common/notification-api.js';
import { type NotificationKind, isNotificationKind } from '../../../common/notification-kinds.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import type { NotificationTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';

export interface NotificationInput {
  jurisdictionCode: string;
  recipientUserId?: string | null;
  recipientOrganizationId?: string | null;
  /** One of common/notification-kinds.ts, e.g. supervision.overdue. */
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path of the web app, e.g. /supervision/reports/… */
  link?: string | null;
  dedupeKey?: string | null;
}

export const notificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

type Row = Selectable<NotificationTable>;

function present(r: Row): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    recipient: r.recipient_user_id ? 'user' : 'organization',
    read: r.read_at !== null,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

/**
 * Sends one notification inside the caller's transaction; returns its id, or null when a
 * notification with the same `dedupeKey` was sent before.
 */
export async function sendNotification(db: Executor, ctx: Pick<Ctx, 'clock'>, input: NotificationInput): Promise<string | null> {
  if (!input.recipientUserId === !input.recipientOrganizationId) {
    throw new AppError('VALIDATION', '通知须有且只有一个接收者（用户或机构）', { field: 'recipient' });
  }
  // A programming error, not the user's: a kind without a label would reach the page as its code.
  if (!isNotificationKind(input.kind)) throw new Error(`notification kind ${input.kind} has no label in common/notification-kinds.ts`);
  if (input.dedupeKey) {
    const sent = await db.selectFrom('notification').select('id').where('dedupe_key', '=', input.dedupeKey).executeTakeFirst();
    if (sent) return null;
  }
  const id = newId();
  await db
    .insertInto('notification')
    .values({
      id,
      jurisdiction_code: input.jurisdictionCode,
      recipient_user_id: input.recipientUserId ?? null,
      recipient_organization_id: input.recipientOrganizationId ?? null,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dedupe_key: input.dedupeKey ?? null,
      read_at: null,
      read_by: null,
      created_at: ctx.clock.now().toISOString(),
    })
    .execute();
  return id;
}

/** The notifications addressed to the actor or to an organization it acts for. */
function mine(db: Executor, actor: Actor) {
  const orgs = actor.organizationIds.length ? actor.organizationIds : [''];
  return db
    .selectFrom('notification')
    .where((eb) => eb.or([eb('recipient_user_id', '=', actor.id ?? ''), eb('recipient_organization_id', 'in', orgs)]));
}

export async function listNotifications(ctx: Ctx, query: NotificationQuery): Promise<NotificationPage> {
  assertCan(ctx.actor, 'notifications.read');
  let base = mine(ctx.db, ctx.actor);
  if (query.unread) base = base.where('read_at', 'is', null);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: rows.map(present), total: Number(total), unread: await countUnread(ctx.db, ctx.actor) };
}

async function countUnread(db: Executor, actor: Actor): Promise<number> {
  const row = await mine(db, actor).where('read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function unreadCount(ctx: Ctx): Promise<{ unread: number }> {
  assertCan(ctx.actor, 'notifications.read');
  return { unread: await countUnread(ctx.db, ctx.actor) };
}

/** Marks one of the actor's notifications read (reading it again changes nothing). */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<Notification> {
  assertCan(ctx.actor, 'notifications.update');
  const row = await mine(ctx.db, ctx.actor).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('通知', id);
  if (row.read_at) return present(row);
  const now = ctx.clock.now().toISOString();
  await ctx.db.updateTable('notification').set({ read_at: now, read_by: ctx.actor.id }).where('id', '=', id).where('read_at', 'is', null).execute();
  return present({ ...row, read_at: now, read_by: ctx.actor.id });
}

/** Marks all of the actor's unread notifications read; answers how many. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<{ marked: number }> {
  assertCan(ctx.actor, 'notifications.update');
  const ids = (await mine(ctx.db, ctx.actor).select('id').where('read_at', 'is', null).execute()).map((r) => r.id);
  if (!ids.length) return { marked: 0 };
  const now = ctx.clock.now().toISOString();
  let marked = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const res = await ctx.db.updateTable('notification').set({ read_at: now, read_by: ctx.actor.id }).where('id', 'in', ids.slice(i, i + 500)).where('read_at', 'is', null).executeTakeFirst();
    marked += Number(res.numUpdatedRows);
  }
  return { marked };
}

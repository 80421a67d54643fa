/** A public column (新闻动态, 政策解读, 办事指南, 政策文件): published posts, newest first; 通知公告 adds the rounds' notices. */
import type { PortalListItem } from '../../../common/portal-api.js';
import type { Executor } from '../../context.js';
import { noticeItems, postItem, publishedPosts } from './public-items.js';
import type { PublicPostQuery } from './schema.js';

export async function listPublicPosts(db: Executor, jurisdictionCode: string, query: PublicPostQuery): Promise<{ items: PortalListItem[]; total: number }> {
  let q = publishedPosts(db, jurisdictionCode);
  if (query.kind) q = q.where('kind', '=', query.kind);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  // 办事指南 read in the order they were written (register a unit before registering a contract).
  const order = query.kind === 'guide' ? 'asc' : 'desc';
  const rows = await q.selectAll().orderBy('published_at', order).orderBy('created_at', order).orderBy('id', order).limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: rows.map(postItem), total };
}

/** 通知公告: 申报通知, 公示 and news together, newest first. */
export async function listAnnouncements(db: Executor, jurisdictionCode: string, limit = 50): Promise<PortalListItem[]> {
  const news = await publishedPosts(db, jurisdictionCode).selectAll().where('kind', '=', 'news').orderBy('published_at', 'desc').limit(limit).execute();
  const notices = await noticeItems(db, jurisdictionCode, { limit });
  return [...news.map(postItem), ...notices].sort((a, b) => b.date.localeCompare(a.date)).slice(0, limit);
}

/**
 * The public portal's lists: published posts, the subsidy rounds' 申报通知 and their 公示, each as a
 * line with its category, date and page. Only published posts of the portal's jurisdiction.
 */
import type { PortalListItem } from '../../../common/portal-api.js';
import { POST_KINDS } from '../../../common/portal-vocabulary.js';
import { chinaDate } from '../../../common/dates.js';
import type { Executor } from '../../context.js';
import { markdownText } from './markdown.js';
import type { PostRow } from './repo.js';

export const postPath = (row: { kind: string; id: string }) =>
  row.kind === 'news' ? `/news/${row.id}` : row.kind === 'guide' ? `/guides/${row.id}` : row.kind === 'policy' ? `/policies/${row.id}` : `/interpretations/${row.id}`;

export function postItem(row: PostRow): PortalListItem {
  return {
    category: POST_KINDS.label(row.kind),
    title: row.title,
    date: row.published_at ? chinaDate(new Date(row.published_at)) : '',
    path: postPath(row),
    abstract: row.abstract ?? markdownText(row.body, 80),
    isDemo: row.is_demo === 1,
  };
}

export function publishedPosts(db: Executor, jurisdictionCode: string) {
  return db.selectFrom('portal_post').where('jurisdiction_code', '=', jurisdictionCode).where('status', '=', 'published');
}

/** 申报通知 (every round once published) and 公示 (rounds publicized), newest first; optionally of one policy. */
export async function noticeItems(db: Executor, jurisdictionCode: string, opts: { policyId?: string; limit?: number } = {}): Promise<PortalListItem[]> {
  let q = db
    .selectFrom('subsidy_notice')
    .select(['id', 'title', 'status', 'opens_on', 'closes_on', 'publicized_on', 'notice_ends_on', 'issuer', 'is_demo'])
    .where('jurisdiction_code', '=', jurisdictionCode);
  if (opts.policyId) q = q.where('policy_id', '=', opts.policyId);
  const rows = await q.orderBy('opens_on', 'desc').orderBy('id', 'desc').limit(opts.limit ?? 20).execute();
  const items: PortalListItem[] = [];
  for (const r of rows) {
    if ((r.status === 'publicized' || r.status === 'approved') && r.publicized_on) {
      items.push({ category: '公示', title: `${r.title}拟奖补名单公示`, date: r.publicized_on, path: `/public/notices/${r.id}`, abstract: `公示期 ${r.publicized_on} 至 ${r.notice_ends_on ?? ''}，${r.issuer}`, isDemo: r.is_demo === 1 });
    }
    items.push({ category: '申报通知', title: r.title, date: r.opens_on, path: `/calls/${r.id}`, abstract: `申报时间 ${r.opens_on} 至 ${r.closes_on}，${r.issuer}`, isDemo: r.is_demo === 1 });
  }
  return items.sort((a, b) => b.date.localeCompare(a.date));
}

/** The portal's home page in one answer: 通知公告, 政策文件, 政策解读 and 办事指南 (statistics come from /api/public/statistics). */
import type { PortalHome } from '../../../common/portal-api.js';
import type { Executor } from '../../context.js';
import { listAnnouncements, listPublicPosts } from './list-public-posts.js';
import { readPolicyLibrary } from './read-policy-library.js';

export async function readHome(db: Executor, jurisdictionCode: string): Promise<PortalHome> {
  const [announcements, policies, interpretations, guides] = await Promise.all([
    listAnnouncements(db, jurisdictionCode, 8),
    readPolicyLibrary(db, jurisdictionCode),
    listPublicPosts(db, jurisdictionCode, { kind: 'interpretation', page: 1, pageSize: 6 }),
    listPublicPosts(db, jurisdictionCode, { kind: 'guide', page: 1, pageSize: 8 }),
  ]);
  return { announcements, policies: policies.slice(0, 6), interpretations: interpretations.items, guides: guides.items };
}

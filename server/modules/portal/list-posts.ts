/** The operator's list of the portal's content in the jurisdiction, drafts and withdrawn included. */
import type { PortalPost } from '../../../common/portal-api.js';
import type { Ctx } from '../../context.js';
import { assertCan } from '../access/policy.js';
import { presentPosts } from './repo.js';
import type { PostQuery } from './schema.js';

export async function listPosts(ctx: Ctx, query: PostQuery): Promise<{ items: PortalPost[]; total: number }> {
  assertCan(ctx.actor, 'portal.post.read');
  let q = ctx.db.selectFrom('portal_post').where('jurisdiction_code', 'like', `${ctx.actor.jurisdictionCode}%`);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) q = q.where('title', 'like', `%${query.q}%`);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentPosts(ctx.db, rows), total };
}

/** One post as the operator edits it (the Markdown source). */
import type { PortalPost } from '../../../common/portal-api.js';
import type { Ctx } from '../../context.js';
import { assertCan } from '../access/policy.js';
import { loadPost, presentPosts } from './repo.js';

export async function getPost(ctx: Ctx, id: string): Promise<PortalPost> {
  assertCan(ctx.actor, 'portal.post.read');
  const row = await loadPost(ctx.db, id, ctx.actor.jurisdictionCode);
  return (await presentPosts(ctx.db, [row]))[0]!;
}

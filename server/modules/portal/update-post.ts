/**
 * The operator edits a post, publishes it or withdraws it from the portal (带版本号: a stale form is
 * refused rather than overwriting a colleague's edit); audited with what changed.
 */
import type { PortalPost } from '../../../common/portal-api.js';
import { type Ctx, inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { checkLinks, documentTitles, loadPost, type PostRow, postAudit, presentPosts } from './repo.js';
import type { PostPatch } from './schema.js';

function actionOf(before: PostRow, after: PostRow): string {
  if (before.status !== after.status && after.status === 'published') return 'portal.post.publish';
  if (before.status !== after.status && after.status === 'withdrawn') return 'portal.post.withdraw';
  return 'portal.post.update';
}

export async function updatePost(ctx: Ctx, id: string, patch: PostPatch): Promise<PortalPost> {
  assertCan(ctx.actor, 'portal.post.write');
  return inTransaction(ctx, async (trx) => {
    const before = await loadPost(trx, id, ctx.actor.jurisdictionCode);
    if (before.version !== patch.version) throw new AppError('CONFLICT', '这篇内容已被他人修改，请刷新后再改', { field: 'version' });
    const now = ctx.clock.now().toISOString();
    const pick = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
    const after: PostRow = {
      ...before,
      status: pick(patch.status, before.status),
      title: pick(patch.title, before.title),
      abstract: patch.abstract === undefined ? before.abstract : patch.abstract || null,
      body: pick(patch.body, before.body),
      document_number: patch.documentNumber === undefined ? before.document_number : patch.documentNumber || null,
      issuer: patch.issuer === undefined ? before.issuer : patch.issuer || null,
      effective_on: pick(patch.effectiveOn, before.effective_on),
      expires_on: pick(patch.expiresOn, before.expires_on),
      policy_id: patch.policyId === undefined ? before.policy_id : patch.policyId || null,
      document_id: patch.documentId === undefined ? before.document_id : patch.documentId || null,
      qa: patch.qa === undefined ? before.qa : JSON.stringify(patch.qa),
      version: before.version + 1,
      updated_by_name: ctx.actor.name,
      updated_at: now,
    };
    if (after.status === 'published' && before.status !== 'published') after.published_at = now;
    await checkLinks(trx, ctx.actor.jurisdictionCode, after);
    await trx.updateTable('portal_post').set(after).where('id', '=', id).where('version', '=', before.version).execute();
    const titles = await documentTitles(trx, [before.document_id, after.document_id]);
    const title = (r: PostRow) => (r.document_id ? (titles.get(r.document_id) ?? null) : null);
    const changes = changedFields(postAudit(before, title(before)), postAudit(after, title(after)));
    await audit(trx, ctx, { action: actionOf(before, after), subjectType: 'portal_post', subjectId: id, before: { title: before.title, ...changes.before }, after: { title: after.title, ...changes.after } });
    return (await presentPosts(trx, [after]))[0]!;
  });
}

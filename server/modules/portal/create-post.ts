/** The operator writes a post (news, policy document, interpretation or guide), as a draft or published at once; audited. */
import type { PortalPost } from '../../../common/portal-api.js';
import { type Ctx, inTransaction } from '../../context.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { checkLinks, documentTitles, type PostRow, postAudit, presentPosts } from './repo.js';
import type { PostInput } from './schema.js';

export async function createPost(ctx: Ctx, input: PostInput, opts: { isDemo?: boolean } = {}): Promise<PortalPost> {
  assertCan(ctx.actor, 'portal.post.write');
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const row: PostRow = {
      id: newId(),
      jurisdiction_code: ctx.actor.jurisdictionCode,
      kind: input.kind,
      status: input.status,
      title: input.title,
      abstract: input.abstract || null,
      body: input.body,
      document_number: input.documentNumber || null,
      issuer: input.issuer || null,
      effective_on: input.effectiveOn ?? null,
      expires_on: input.expiresOn ?? null,
      policy_id: input.policyId || null,
      document_id: input.documentId || null,
      qa: JSON.stringify(input.qa ?? []),
      published_at: input.status === 'published' ? now : null,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_by_name: ctx.actor.name,
      updated_by_name: ctx.actor.name,
      created_at: now,
      updated_at: now,
    };
    await checkLinks(trx, ctx.actor.jurisdictionCode, row);
    await trx.insertInto('portal_post').values(row).execute();
    const titles = await documentTitles(trx, [row.document_id]);
    await audit(trx, ctx, { action: 'portal.post.create', subjectType: 'portal_post', subjectId: row.id, after: postAudit(row, row.document_id ? (titles.get(row.document_id) ?? null) : null) });
    return (await presentPosts(trx, [row]))[0]!;
  });
}

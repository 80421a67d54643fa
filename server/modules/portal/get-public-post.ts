/**
 * A published post for visitors: its body rendered from Markdown, its Q&A, and what it links to — the
 * subsidy policy's clauses in words, the document an interpretation explains, the interpretations of
 * a document, and the 申报通知 and 公示 under the same policy.
 */
import type { PortalListItem, PublicPost } from '../../../common/portal-api.js';
import { POST_KINDS } from '../../../common/portal-vocabulary.js';
import { chinaDate } from '../../../common/dates.js';
import type { Clock, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { builtInPolicy } from '../subsidies/policy.js';
import { renderMarkdown } from './markdown.js';
import { policyClauses, subsidyPolicyPath } from './policy-clauses.js';
import { noticeItems, postItem, postPath, publishedPosts } from './public-items.js';
import { parseQa } from './repo.js';

export async function getPublicPost(db: Executor, clock: Clock, jurisdictionCode: string, id: string): Promise<PublicPost> {
  const row = await publishedPosts(db, jurisdictionCode).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '没有找到这篇内容，它可能已撤下');
  const today = chinaDate(clock.now());
  const policy = row.policy_id ? builtInPolicy(row.policy_id) : undefined;
  const document = row.document_id ? await publishedPosts(db, jurisdictionCode).select(['id', 'title', 'kind']).where('id', '=', row.document_id).executeTakeFirst() : undefined;
  let interpretations: PortalListItem[] = [];
  if (row.kind === 'policy') {
    const rows = await publishedPosts(db, jurisdictionCode).selectAll().where('kind', '=', 'interpretation').where('document_id', '=', row.id).orderBy('published_at', 'desc').execute();
    interpretations = rows.map(postItem);
  }
  return {
    id: row.id,
    kind: row.kind as PublicPost['kind'],
    kindLabel: POST_KINDS.label(row.kind),
    title: row.title,
    abstract: row.abstract,
    bodyHtml: renderMarkdown(row.body),
    documentNumber: row.document_number,
    issuer: row.issuer,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    qa: parseQa(row).map((q) => ({ question: q.question, answerHtml: renderMarkdown(q.answer) })),
    publishedOn: row.published_at ? chinaDate(new Date(row.published_at)) : null,
    isDemo: row.is_demo === 1,
    policy: policy ? { id: policy.id, title: policy.title, path: subsidyPolicyPath(policy.id), clauses: policyClauses(policy, today) } : null,
    document: document ? { id: document.id, title: document.title, path: postPath(document) } : null,
    interpretations,
    notices: policy ? await noticeItems(db, jurisdictionCode, { policyId: policy.id, limit: 10 }) : [],
  };
}

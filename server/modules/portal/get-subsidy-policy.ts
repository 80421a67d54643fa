/** A built-in subsidy policy for visitors: its clauses in words with their dates, and what the portal holds about it. */
import type { SubsidyPolicyPage } from '../../../common/portal-api.js';
import { chinaDate } from '../../../common/dates.js';
import type { Clock, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { builtInPolicy } from '../subsidies/policy.js';
import { policyClauses } from './policy-clauses.js';
import { noticeItems, postItem, publishedPosts } from './public-items.js';

export async function getSubsidyPolicy(db: Executor, clock: Clock, jurisdictionCode: string, id: string): Promise<SubsidyPolicyPage> {
  const policy = builtInPolicy(id);
  if (!policy) throw new AppError('NOT_FOUND', '没有找到这项奖补政策');
  const posts = await publishedPosts(db, jurisdictionCode).selectAll().where('policy_id', '=', id).orderBy('published_at', 'desc').execute();
  return {
    id: policy.id,
    title: policy.title,
    documentNumber: policy.document,
    jurisdiction: policy.jurisdiction,
    effectiveOn: policy.effective,
    expiresOn: policy.expires ?? null,
    clauses: policyClauses(policy, chinaDate(clock.now())),
    documents: posts.filter((p) => p.kind === 'policy').map(postItem),
    interpretations: posts.filter((p) => p.kind === 'interpretation').map(postItem),
    notices: await noticeItems(db, jurisdictionCode, { policyId: id, limit: 10 }),
  };
}

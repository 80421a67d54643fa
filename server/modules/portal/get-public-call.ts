/** A subsidy round's 申报通知 for visitors: when to apply, under which clauses (in words), who to ask, and its 公示 once there. */
import type { PublicCall } from '../../../common/portal-api.js';
import { NOTICE_STATUSES } from '../../../common/application-vocabulary.js';
import { chinaDate } from '../../../common/dates.js';
import type { Clock, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { builtInPolicy } from '../subsidies/policy.js';
import { policyClauses, subsidyPolicyPath } from './policy-clauses.js';

export async function getPublicCall(db: Executor, clock: Clock, jurisdictionCode: string, id: string): Promise<PublicCall> {
  const n = await db.selectFrom('subsidy_notice').selectAll().where('id', '=', id).where('jurisdiction_code', '=', jurisdictionCode).executeTakeFirst();
  const policy = n ? builtInPolicy(n.policy_id) : undefined;
  if (!n || !policy) throw new AppError('NOT_FOUND', '没有找到这份申报通知');
  const covered = new Set(JSON.parse(n.rules) as string[]);
  const clauses = policyClauses(policy, chinaDate(clock.now())).filter((_, i) => covered.has(policy.rules[i]!.id));
  return {
    id: n.id,
    title: n.title,
    year: n.year,
    opensOn: n.opens_on,
    closesOn: n.closes_on,
    statusLabel: NOTICE_STATUSES.label(n.status),
    issuer: n.issuer,
    contact: n.contact,
    policy: { title: policy.title, documentNumber: policy.document, path: subsidyPolicyPath(policy.id) },
    clauses,
    publicNoticePath: n.status === 'publicized' || n.status === 'approved' ? `/public/notices/${n.id}` : null,
    isDemo: n.is_demo === 1,
  };
}

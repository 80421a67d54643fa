/**
 * A newly published listing tells its best matches: the owners of the listings on the other side
 * of the market that it matches best (at most three, score ≥ 50) get an in-app notification with
 * the reasons. Runs in the transaction that publishes, so a rolled-back publication tells no one;
 * each (new listing, matched listing) pair is told once.
 */
import type { ListingKind } from '../../../common/market-vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { sendNotification } from '../notifications/notifications.js';
import { findMatches } from './matching.js';

export const NOTIFY_TOP = 3;
export const NOTIFY_MIN_SCORE = 50;
const SEGMENT: Record<ListingKind, string> = { achievement: 'achievements', demand: 'demands' };
const NOUN: Record<ListingKind, string> = { achievement: '成果', demand: '需求' };

export async function notifyMatchesOfNewListing(ctx: Ctx, trx: Executor, kind: ListingKind, id: string): Promise<number> {
  const matches = await findMatches({ db: trx, dialect: ctx.dialect, ...(ctx.sqlite ? { sqlite: ctx.sqlite } : {}) }, kind, id, NOTIFY_TOP);
  let sent = 0;
  for (const m of matches.listings) {
    if (m.score < NOTIFY_MIN_SCORE || !m.organizationId) continue;
    const notified = await sendNotification(trx, ctx, {
      jurisdictionCode: ctx.actor.jurisdictionCode,
      recipientOrganizationId: m.organizationId,
      kind: 'market.match',
      title: `新${NOUN[kind]}与您的${NOUN[m.kind]}匹配：${matches.listing.title}`,
      body: `新发布的${NOUN[kind]}「${matches.listing.title}」与您的${NOUN[m.kind]}「${m.title}」匹配（匹配度 ${m.score}）。${m.why.join('；')}。`,
      link: `/market/${SEGMENT[kind]}/${id}`,
      dedupeKey: `market.match:${kind}:${id}:${m.entityId}`,
    });
    if (notified) sent += 1;
  }
  return sent;
}

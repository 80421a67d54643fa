/** One deal with its steps and notes, for those who may read it. */
import type { DealDetail } from '../../../common/deal-api.js';
import type { Ctx, Executor } from '../../context.js';
import { loadDealFor } from './access.js';
import { presentDeals, presentNotes, presentSteps } from './present.js';
import { type DealRow, notesOf, stepsOf } from './repo.js';

export async function getDealDetail(db: Executor, row: DealRow): Promise<DealDetail> {
  const [deal] = await presentDeals(db, [row]);
  return { ...deal!, steps: presentSteps(await stepsOf(db, row.id)), notes: presentNotes(await notesOf(db, row.id)) };
}

export async function getDeal(ctx: Ctx, id: string): Promise<DealDetail> {
  const row = await loadDealFor(ctx.db, ctx.actor, 'deals.deal.read', id);
  return getDealDetail(ctx.db, row);
}

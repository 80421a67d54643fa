/** Builders for tests whose contracts need a finished 成果定价公示 (an institution's transfer or licence). */
import { addDays } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { createPublicity, publicityEnd } from './publicity.js';

/**
 * Publicizes the contract's price as of `startsOn` (default 40 days before the ctx's clock, long
 * enough for 15 working days to pass), so that it may be submitted on the ctx's day.
 */
export async function finishedPublicity(ctx: Ctx, contractId: string, priceFen = 80_000_000, startsOn?: string) {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const start = startsOn ?? addDays(today, -40);
  if (publicityEnd(start, 15) >= today) throw new Error(`a 公示 from ${start} has not ended by ${today}`);
  const then = { ...ctx, clock: { now: () => new Date(`${start}T02:00:00.000Z`) } };
  return createPublicity(then, contractId, { method: 'agreement', priceFen, decisionBody: '校长办公会', decidedOn: start, periodDays: 15 });
}

/** One financing need with the banks' answers. */
import type { Ctx } from '../../context.js';
import { type FinanceNeedDetail, loadNeed, needDetail } from './present-finance.js';

export async function getNeed(ctx: Ctx, id: string): Promise<FinanceNeedDetail> {
  return needDetail(ctx.db, await loadNeed(ctx.db, ctx, 'finance.need.read', id));
}

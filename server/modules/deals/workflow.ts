/**
 * The deal pipeline — one state table. 对接 (contacting) → 洽谈 (negotiating) → 签约 (signed);
 * either open stage → 终止 (terminated, with a reason). Signing has its own use case (it needs the
 * agreed amount and creates the contract draft), so `signed` is reached only through it.
 */
import { DEAL_STAGES, type DealStage } from '../../../common/deal-vocabulary.js';
import { AppError } from '../../errors.js';

export const TRANSITIONS: Record<DealStage, readonly DealStage[]> = {
  contacting: ['negotiating', 'terminated'],
  negotiating: ['signed', 'terminated'],
  signed: [],
  terminated: [],
};

export const OPEN_STAGES: readonly DealStage[] = ['contacting', 'negotiating'];

export function nextStages(from: DealStage): DealStage[] {
  return [...TRANSITIONS[from]];
}

/** Throws CONFLICT (409, field `to`) unless `from → to` is a move of the table. */
export function assertTransition(from: DealStage, to: DealStage): void {
  if (TRANSITIONS[from].includes(to)) return;
  const allowed = TRANSITIONS[from];
  throw new AppError(
    'CONFLICT',
    `对接项目不能从“${DEAL_STAGES.label(from)}”变为“${DEAL_STAGES.label(to)}”` +
      (allowed.length ? `（可变为：${allowed.map((s) => DEAL_STAGES.label(s)).join('、')}）` : '（已结束）'),
    { field: 'to' },
  );
}

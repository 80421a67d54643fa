/** One award of an application (common/application-api.ts AwardView), with the Chinese explanation lines of its trace (subsidies/explain.ts). */
import type { AwardView } from '../../../common/application-api.js';
import { amountInWordsWithCurrency } from '../documents/amount-in-words.js';
import type { Executor } from '../../context.js';
import type { Award, TraceEntry } from '../subsidies/engine.js';
import { explainAward } from '../subsidies/explain.js';
import { getAwardExplanation } from '../subsidies/settlement.js';
import type { AwardRow } from './repo.js';
import type { Policy } from '../subsidies/policy.js';

export async function awardLines(db: Executor, a: AwardRow, ruleTitle: string, policy?: Policy): Promise<AwardView> {
  const explained = await getAwardExplanation(db, a.run_id, Number(a.seq));
  const award: Award = { to: explained.beneficiaryRef, rule: explained.rule, amount: explained.amountYuan, trace: explained.trace as TraceEntry[] };
  const nameOf = (ref: string) => {
    const k = explained.contracts[ref];
    return k ? `${k.name}${k.registrationNumber ? `（${k.registrationNumber}）` : ''}` : ref;
  };
  const amountYuan = Number(a.amount_yuan);
  return {
    runId: a.run_id,
    seq: Number(a.seq),
    rule: a.rule,
    ruleTitle,
    amountYuan,
    amountFen: amountYuan * 100,
    amountInWords: amountInWordsWithCurrency(amountYuan * 100),
    lines: explainAward(award, nameOf, policy),
  };
}

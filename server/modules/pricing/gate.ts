/**
 * Which contracts need a 成果定价公示, where one stands, and the gate on submitting for registration.
 *
 * A contract needs one when it is a transfer or a licence (技术转让, 技术许可) and a seller is a
 * university or research institute of the contract's own jurisdiction: the district's portal
 * publicizes the decisions of the institutions it governs; an institution elsewhere publicizes under
 * its own jurisdiction's rules, which this platform cannot see.
 */
import { PRICING_METHODS, PUBLICITY_STAGES, PUBLICIZING_KINDS, type PublicityStage } from '../../../common/pricing-vocabulary.js';
import { CONTRACT_TYPES } from '../../../common/vocabulary.js';
import type { Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { type ObjectionRow, type PublicityRow, activePublicityOf, partiesOf } from './repo.js';

export const PRICED_CONTRACT_TYPES = ['transfer', 'license'] as const;

interface ContractLike {
  id: string;
  type: string;
  jurisdiction_code: string;
}

/** The institution whose price decision the contract needs publicized, or null when it needs none. */
export async function publicizingInstitutionOf(db: Executor, contract: ContractLike): Promise<{ id: string; name: string } | null> {
  if (!(PRICED_CONTRACT_TYPES as readonly string[]).includes(contract.type)) return null;
  const sellers = (await partiesOf(db, [contract.id])).filter((p) => p.side === 'seller');
  const institution = sellers.find((p) => (PUBLICIZING_KINDS as readonly string[]).includes(p.kind) && isWithinJurisdiction(contract.jurisdiction_code, p.division_code));
  return institution ? { id: institution.id, name: institution.name } : null;
}

/** Where a 公示 stands on `today`, given its objections. */
export function stageOf(row: PublicityRow, objections: ObjectionRow[], today: string): PublicityStage {
  if (row.status === 'withdrawn') return 'withdrawn';
  if (today < row.starts_on) return 'upcoming';
  if (today <= row.ends_on) return 'running';
  return objections.some((o) => o.status === 'open') ? 'awaiting_answers' : 'finished';
}

/** The stage and the outcome in words, as the contract page and the portal show them. */
export function outcomeOf(row: PublicityRow, objections: ObjectionRow[], today: string): { stage: PublicityStage; stageLabel: string; outcome: string } {
  const stage = stageOf(row, objections, today);
  const open = objections.filter((o) => o.status === 'open').length;
  const n = objections.length;
  const words: Record<PublicityStage, string> = {
    withdrawn: `已撤回${row.withdrawn_reason ? `：${row.withdrawn_reason}` : ''}`,
    upcoming: `将于 ${row.starts_on} 开始公示，至 ${row.ends_on} 结束`,
    running: `公示中，至 ${row.ends_on} 结束${n ? `；已收到异议 ${n} 件` : '；尚未收到异议'}`,
    awaiting_answers: `公示期满，尚有 ${open} 件异议待答复`,
    finished: n ? `公示期满，异议 ${n} 件均已答复` : '公示期满，无异议',
  };
  return { stage, stageLabel: PUBLICITY_STAGES.label(stage), outcome: words[stage] };
}

/** Why the contract may not be submitted yet (in words), or null when it may. */
export async function pricingBlocker(db: Executor, contract: ContractLike, today: string): Promise<string | null> {
  const institution = await publicizingInstitutionOf(db, contract);
  if (!institution) return null;
  const kind = CONTRACT_TYPES.label(contract.type);
  const publicity = await activePublicityOf(db, contract.id);
  if (!publicity) {
    return `该合同为${institution.name}的${kind}合同，须先将成果定价（${Object.values(PRICING_METHODS.table).join('、')}）在门户公示，公示期满后方可提交登记`;
  }
  const objections = await db.selectFrom('pricing_objection').selectAll().where('publicity_id', '=', publicity.id).execute();
  const stage = stageOf(publicity, objections, today);
  if (stage === 'upcoming' || stage === 'running') return `成果定价公示期为 ${publicity.starts_on} 至 ${publicity.ends_on}，期满后方可提交登记`;
  if (stage === 'awaiting_answers') {
    return `成果定价公示尚有 ${objections.filter((o) => o.status === 'open').length} 件异议待答复，答复后方可提交登记`;
  }
  return null;
}

/** Refuses to submit an institution's transfer or licence contract before its 公示 has ended. */
export async function assertPricingPublicized(db: Executor, contract: ContractLike, today: string): Promise<void> {
  const blocker = await pricingBlocker(db, contract, today);
  if (blocker) throw new AppError('CONFLICT', blocker, { field: 'pricing' });
}

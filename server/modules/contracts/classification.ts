/**
 * Contract classification: which sub-types belong to which Civil Code type, and the view of the
 * repealed 2001 rules (《技术合同认定规则》 art. 4), where licences were kinds of transfer.
 */
import type { ContractSubtype, ContractType, ContractType2001 } from '../../../common/vocabulary.js';

export const CONTRACT_SUBTYPES_OF: Record<ContractType, readonly ContractSubtype[]> = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent', 'patent_application', 'trade_secret', 'other_ip'],
  license: ['patent_license', 'trade_secret_license', 'other_ip_license'],
  consulting: ['consulting'],
  service: ['service', 'training', 'intermediary'],
};

export function isSubtypeOf(type: ContractType, subtype: ContractSubtype): boolean {
  return CONTRACT_SUBTYPES_OF[type].includes(subtype);
}

/** The contract's type under the 2001 rules: 技术许可 rolls up into 技术转让. */
export function typeUnder2001Rules(contract: { type: ContractType }): ContractType2001 {
  return contract.type === 'license' ? 'transfer' : contract.type;
}

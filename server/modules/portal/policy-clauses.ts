/** A built-in subsidy policy's clauses for the public: each rule's reference and what it pays, in words. */
import type { PolicyClause } from '../../../common/portal-api.js';
import type { IsoDate } from '../../../common/dates.js';
import type { Policy } from '../subsidies/policy.js';
import { beneficiaryWords, conditionWords, effectiveWords, paysWords } from './rule-words.js';

export const subsidyPolicyPath = (policyId: string) => `/policies/subsidy/${encodeURIComponent(policyId)}`;

export function policyClauses(policy: Policy, asOf: IsoDate): PolicyClause[] {
  return policy.rules.map((rule, i) => {
    const anchor = `rule-${i + 1}`;
    return {
      anchor,
      path: `${subsidyPolicyPath(policy.id)}#${anchor}`,
      // The rule titles end with the engine's short names (R1, R2 …): the public reads the title alone.
      title: rule.title.replace(/（R\d+）$/, ''),
      clause: rule.reference.clause,
      document: rule.reference.document,
      text: rule.reference.text,
      pays: paysWords(policy, rule, asOf),
      beneficiaries: beneficiaryWords(rule),
      conditions: conditionWords(policy, rule, asOf),
      effective: effectiveWords(policy, rule, asOf),
    };
  });
}

/** Compares an engine result with a case's `expect`: awards exactly, listed exclusions must hold. */
import type { SubsidyCase } from './model.js';
import type { SubsidyResult } from './engine.js';

export interface CaseCheck {
  ok: boolean;
  differences: string[];
}

export function checkCase(c: SubsidyCase, result: SubsidyResult): CaseCheck {
  const differences: string[] = [];
  if (!c.expect) return { ok: false, differences: ['案例没有 expect'] };
  const key = (to: string, rule: string) => `${rule} → ${to}`;
  const got = new Map(result.awards.map((a) => [key(a.to, a.rule), a.amount]));
  const want = new Map<string, number>();
  for (const a of c.expect.awards) {
    const k = key(a.to, a.rule);
    if (want.has(k)) differences.push(`expect 中重复的奖补：${k}`);
    want.set(k, a.amount);
  }
  for (const [k, amount] of want) {
    const g = got.get(k);
    if (g === undefined) differences.push(`缺少奖补 ${k}：应为 ${amount} 元，实际没有`);
    else if (g !== amount) differences.push(`奖补 ${k}：应为 ${amount} 元，实际 ${g} 元`);
  }
  for (const [k, amount] of got) {
    if (!want.has(k)) differences.push(`多出奖补 ${k}：${amount} 元`);
  }
  for (const e of c.expect.excluded ?? []) {
    const actual = result.excluded.find((x) => x.contract === e.contract && x.rule === e.rule);
    if (!actual) differences.push(`合同 ${e.contract} 的 ${e.rule} 应排除（${e.reason}），实际未排除`);
    else if (actual.reason !== e.reason) differences.push(`合同 ${e.contract} 的 ${e.rule}：排除原因应为 ${e.reason}，实际 ${actual.reason}`);
  }
  return { ok: differences.length === 0, differences };
}

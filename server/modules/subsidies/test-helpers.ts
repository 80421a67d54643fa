/** Helpers for the subsidy tests: inline cases and a seeded shuffle (no fast-check in this repo). */
import { parseCase } from './case-file.js';
import type { SubsidyResult } from './engine.js';
import type { SubsidyCase } from './model.js';

/** A deterministic Fisher–Yates shuffle (mulberry32). */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The R1 skeleton most tests start from: a district buyer, a Shanghai seller, one registered transfer. */
export const caseBuyer = { ref: 'buyer', name: '湛河区某企业', kind: 'enterprise', division: '410411' };
export const caseSeller = { ref: 'seller', name: '上海某企业', kind: 'enterprise', division: '310115' };

export function caseContract(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref: 'C1',
    type: 'transfer',
    seller: 'seller',
    buyer: 'buyer',
    amount: 500000,
    signed: '2022-01-01',
    registration: { number: '2022410411000001', date: '2022-02-01' },
    payments: [{ date: '2022-03-01', amount: 500000, voucher: true, invoice: 500000 }],
    ...over,
  };
}

export function inlineCase(yaml: string, file = 'inline.yaml'): SubsidyCase {
  return parseCase(yaml, file);
}

/** Awards without traces, for compact assertions. */
export function stripTraces(result: SubsidyResult) {
  return { ...result, awards: result.awards.map(({ to, rule, amount }) => ({ to, rule, amount })) };
}

/**
 * Every award of every case (the built-in policies' own and the public spec's) in words: no
 * parameter key, fen amount, rule id or code-form formula survives (internals.ts finds nothing),
 * and the words say the amount the engine computed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInternals } from '../../testing/internals.js';
import { loadCaseFile } from './case-file.js';
import { computeSubsidies } from './engine.js';
import { BUILT_IN_POLICY_DIR } from './policy.js';
import { awardSentence, fenWords, traceInWords, yuanWords } from './trace-words.js';

const SPEC_CASES = [path.resolve('../shared/spec/cases'), path.resolve('../../shared/spec/cases')].find((d) => fs.existsSync(d));
const dirs = [path.join(BUILT_IN_POLICY_DIR, 'cases'), ...(SPEC_CASES ? [SPEC_CASES] : [])];
const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(d, f)));

describe('amounts in words', () => {
  it('whole 万 in 万元, the rest in 元 with thousands separators, never fen', () => {
    expect(fenWords(120_000_000)).toBe('120 万元');
    expect(fenWords(12_500_000)).toBe('12.5 万元');
    expect(fenWords(123_456_78)).toBe('123,456.78 元');
    expect(fenWords('100/3')).toBe('0.33 元');
    expect(yuanWords(200000)).toBe('20 万元');
    expect(yuanWords('3000')).toBe('3,000 元');
  });
});

describe('traces in words over every case', () => {
  it('finds the public spec cases beside the repository', () => {
    expect(SPEC_CASES, 'the shared spec is expected at ../shared or ../../shared').toBeDefined();
  });
  for (const file of files) {
    it(`${path.basename(file)}: every award's trace reads without internals`, () => {
      const c = loadCaseFile(file);
      const result = computeSubsidies(c);
      const names = new Map(c.contracts.map((k, i) => [k.ref, `技术合同${i + 1}`]));
      for (const a of result.awards) {
        const lines = traceInWords(a, c.policy, (ref) => names.get(ref) ?? '某合同');
        const text = lines.join('\n');
        expect(findInternals(text), text).toEqual([]);
        expect(text).not.toMatch(new RegExp(`\\b${a.rule}\\b`));
        for (const p of c.policy.parameters.keys()) expect(text.includes(p), `${p} in ${text}`).toBe(false);
        expect(lines.at(-1)).toBe(`奖补金额：${yuanWords(a.amount)}`);
        const sentence = awardSentence(a, c.policy);
        expect(findInternals(sentence), sentence).toEqual([]);
        expect(sentence.length).toBeGreaterThan(4);
      }
    });
  }
});

describe('the sentence of a rate award under the district policy', () => {
  it('says the base, the rate, the result and the cap in the policy\'s words', () => {
    const file = files.find((f) => f.endsWith('r1-basic.yaml') || f.endsWith('r1-cap.yaml'));
    expect(file).toBeDefined();
    const c = loadCaseFile(file!);
    const a = computeSubsidies(c).awards.find((x) => x.trace.some((t) => t.step === 'computed'))!;
    const sentence = awardSentence(a, c.policy);
    expect(sentence).toMatch(/^按上年度有凭证和发票的到账额 [\d,.]+ ?(万元|元)的 10% 计 [\d,.]+ ?(万元|元)，(未超过|超过)每家企业每年 20 万元的上限/);
  });
});

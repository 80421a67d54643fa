/** The public cases of /work/shared/spec/cases, through the engine and the `subsidy check` path. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../cli/subsidy-command.js';
import { loadCaseFile } from './case-file.js';
import { checkCase } from './check-case.js';
import { computeSubsidies } from './engine.js';
import { seededShuffle } from './test-helpers.js';

const CASES_DIR = path.resolve('../shared/spec/cases');
const files = fs.existsSync(CASES_DIR) ? fs.readdirSync(CASES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

describe('public subsidy cases', () => {
  if (!files.length) {
    it.skip(`skipped: no case folder at ${CASES_DIR} (the shared spec is not checked out beside the repository)`, () => {});
    return;
  }
  for (const f of files) {
    const file = path.join(CASES_DIR, f);
    it(`${f} gives exactly its expected awards and exclusions`, () => {
      const c = loadCaseFile(file);
      const result = computeSubsidies(c);
      const check = checkCase(c, result);
      expect(check.differences).toEqual([]);
      expect(check.ok).toBe(true);
      // Every listed award carries a trace that ends with its amount.
      for (const a of result.awards) expect(a.trace.at(-1)).toEqual({ step: 'award', yuan: a.amount });
    });

    it(`${f} does not depend on the order of contracts and payments`, () => {
      const c = loadCaseFile(file);
      const reference = JSON.stringify(computeSubsidies(c));
      for (let seed = 1; seed <= 20; seed++) {
        const shuffled = {
          ...c,
          organizations: seededShuffle(c.organizations, seed),
          people: seededShuffle(c.people, seed + 100),
          contracts: seededShuffle(c.contracts, seed + 200).map((k, i) => ({
            ...k,
            payments: seededShuffle(k.payments, seed * 31 + i),
            brokers: seededShuffle(k.brokers, seed * 17 + i),
          })),
        };
        expect(JSON.stringify(computeSubsidies(shuffled))).toBe(reference);
      }
    });
  }

  it('subsidy check passes all of them (exit code 0)', () => {
    const log = console.log;
    const lines: string[] = [];
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      expect(runCheck(files.map((f) => path.join(CASES_DIR, f)))).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines.filter((l) => l.startsWith('✓'))).toHaveLength(files.length);
  });
});

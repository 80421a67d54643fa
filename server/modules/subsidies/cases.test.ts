/**
 * The public cases of /work/shared/spec/cases and the built-in policies' own cases (policies/cases),
 * through the engine and the `subsidy check` path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck, runPolicyCheck } from '../../cli/subsidy-command.js';
import { loadCaseFile } from './case-file.js';
import { checkCase } from './check-case.js';
import { computeSubsidies } from './engine.js';
import { BUILT_IN_POLICY_DIR, builtInPolicyIds } from './policy.js';
import { seededShuffle } from './test-helpers.js';

const yamlIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : []);
const POLICY_CASES_DIR = path.join(BUILT_IN_POLICY_DIR, 'cases');

describe.each([
  { title: 'public subsidy cases', dir: path.resolve('../shared/spec/cases') },
  { title: 'public credit-record cases (§11)', dir: path.resolve('../shared/spec/cases-credit') },
  { title: "built-in policies' cases", dir: POLICY_CASES_DIR },
])('$title', ({ dir: CASES_DIR }) => {
  const files = yamlIn(CASES_DIR);
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
      // The compact walk the settlement stores gives exactly the listed exclusions.
      const walked: unknown[] = [];
      result.eachExclusion!((contract, rule, reason, to, credit) => walked.push({ contract, rule, reason, ...(to !== undefined ? { to } : {}), ...(credit ? { credit } : {}) }));
      expect(walked).toEqual(result.excluded);
      expect(result.exclusionCount).toBe(result.excluded.length);
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

describe('built-in policies', () => {
  it('every built-in policy other than zhanhe-2022 has at least one case of its own', () => {
    const covered = new Set(yamlIn(POLICY_CASES_DIR).map((f) => loadCaseFile(path.join(POLICY_CASES_DIR, f)).policy.id));
    const missing = builtInPolicyIds().filter((id) => id !== 'zhanhe-2022' && !covered.has(id));
    expect(missing).toEqual([]);
    expect(builtInPolicyIds().length).toBeGreaterThanOrEqual(9);
  });

  it('subsidy policy: 0 for every built-in policy, 2 for a malformed one', () => {
    const quiet = <T>(f: () => T): T => {
      const [log, error] = [console.log, console.error];
      console.log = console.error = () => {};
      try {
        return f();
      } finally {
        [console.log, console.error] = [log, error];
      }
    };
    expect(quiet(() => runPolicyCheck(builtInPolicyIds().map((id) => path.join(BUILT_IN_POLICY_DIR, `${id}.yaml`))))).toBe(0);
    expect(quiet(() => runPolicyCheck([path.join(BUILT_IN_POLICY_DIR, 'cases', 'fuqing-all-rules.yaml')]))).toBe(2);
  });
});

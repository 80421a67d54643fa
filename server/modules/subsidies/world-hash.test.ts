/** The input hash: the same facts in any order hash the same; any changed fact changes it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCaseFile } from './case-file.js';
import { seededShuffle } from './test-helpers.js';
import { hashWorld } from './world-hash.js';

const world = () => loadCaseFile(path.resolve('policies/cases/fuqing-all-rules.yaml'));

describe('input hash', () => {
  it('does not depend on the order facts are listed in', () => {
    const w = world();
    const reference = hashWorld(w, 'p', {});
    for (let seed = 1; seed <= 10; seed++) {
      const shuffled = {
        ...w,
        organizations: seededShuffle(w.organizations, seed),
        contracts: seededShuffle(w.contracts, seed + 1).map((c, i) => ({ ...c, payments: seededShuffle(c.payments, seed * 3 + i) })),
      };
      expect(hashWorld(shuffled, 'p', {})).toBe(reference);
    }
  });

  it('changes with a payment, a registration date, a holding, the policy file, an override', () => {
    const w = world();
    const reference = hashWorld(w, 'p', {});
    const c0 = w.contracts[0]!;
    const changed = [
      { ...w, contracts: [{ ...c0, payments: [...c0.payments, { date: '2022-06-01', amount: 1, voucher: true, invoice: 1, invoiceNamesContract: true }] }, ...w.contracts.slice(1)] },
      { ...w, contracts: [{ ...c0, registration: { ...c0.registration!, date: '2022-02-02' } }, ...w.contracts.slice(1)] },
      { ...w, organizations: w.organizations.map((o, i) => (i === 0 ? { ...o, holders: [{ holder: 'x', percent: { num: 1n, den: 1n } }] } : o)) },
    ].map((x) => hashWorld(x, 'p', {}));
    changed.push(hashWorld(w, 'q', {}), hashWorld(w, 'p', { 'buyer.rate': 5 }));
    for (const h of changed) expect(h).not.toBe(reference);
    expect(new Set(changed).size).toBe(changed.length);
  });
});

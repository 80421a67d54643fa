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

  it('a world without credit records hashes as before, whatever the decision date; with one, the record and the date count', () => {
    const w = world();
    const reference = hashWorld(w, 'p', {});
    expect(hashWorld({ ...w, decidedOn: '2023-01-01' }, 'p', {})).toBe(reference);
    const record = { kind: 'serious_dishonesty' as const, from: '2023-01-10', document: '豫发改财金〔2023〕1号' };
    const withRecord = { ...w, organizations: w.organizations.map((o, i) => (i === 0 ? { ...o, credit: [record] } : o)) };
    const a = hashWorld(withRecord, 'p', {});
    expect(a).not.toBe(reference);
    expect(hashWorld({ ...withRecord, decidedOn: '2023-01-01' }, 'p', {})).not.toBe(a);
    const otherRecord = { ...w, organizations: w.organizations.map((o, i) => (i === 0 ? { ...o, credit: [{ ...record, to: '2024-01-09' }] } : o)) };
    expect(hashWorld(otherRecord, 'p', {})).not.toBe(a);
  });
});

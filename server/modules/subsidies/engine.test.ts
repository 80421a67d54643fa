/** Each arithmetic step of SUBSIDY-CASES.md on small worlds written inline. */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseCase } from './case-file.js';
import { contractBase, type PaymentTrace } from './counting.js';
import { computeSubsidies } from './engine.js';
import { applyBudget } from './formulas.js';
import type { Contract } from './model.js';
import { rat } from './rational.js';
import { Holdings, relation } from './related-parties.js';
import { caseBuyer, caseContract, caseSeller, seededShuffle, stripTraces } from './test-helpers.js';

type Doc = Record<string, unknown>;
const buyer = caseBuyer;
const seller = caseSeller;
const contract = caseContract;

/** Steps 1–2 for one contract of the 2023 round, with the payment trace. */
function countContract(c: Contract, kind: 'received' | 'received_tech') {
  const payments: PaymentTrace[] = [];
  const base = contractBase(c, kind, { baseYear: 2022, invoiceMustNameContract: false }, payments);
  const evidenced = contractBase(c, 'received', { baseYear: 2022, invoiceMustNameContract: false });
  return { base, evidenced, payments };
}

function load(doc: Doc) {
  return parseCase(YAML.stringify({ name: 't', policy: 'zhanhe-2022', year: 2023, organizations: [buyer, seller], ...doc }), 'inline.yaml');
}
const run = (doc: Doc) => computeSubsidies(load(doc));
const awards = (doc: Doc) => stripTraces(run(doc)).awards;

describe('steps 1–2: counted payments and evidenced turnover', () => {
  it('earlier years fill the contract amount first; the base-year payment counts only up to it', () => {
    const c = load({
      contracts: [
        contract({
          payments: [
            { date: '2022-05-01', amount: 300000, voucher: true, invoice: 300000 },
            { date: '2021-06-01', amount: 400000, voucher: true, invoice: 400000 },
            { date: '2023-02-01', amount: 50000, voucher: true, invoice: 50000 },
          ],
        }),
      ],
    });
    const counted = countContract(c.contracts[0]!, 'received');
    expect(counted.evidenced).toBe(10000000); // 100,000 yuan left of the 500,000 contract
    expect(counted.payments.map((p) => [p.date, p.counted_fen, p.why])).toEqual([
      ['2021-06-01', 0, ['before_base_year']],
      ['2022-05-01', 10000000, ['contract_amount_reached']],
      ['2023-02-01', 0, ['contract_amount_reached']],
    ]);
    const payments = [
      { date: '2022-05-01', amount: 300000, voucher: true, invoice: 300000 },
      { date: '2021-06-01', amount: 400000, voucher: true, invoice: 400000 },
    ];
    expect(awards({ contracts: [contract({ payments })] })).toEqual([{ to: 'buyer', rule: 'enterprise_purchase', amount: 10000 }]);
  });

  it('an earlier payment without voucher or invoice does not fill the contract amount', () => {
    const c = load({
      contracts: [
        contract({
          payments: [
            { date: '2021-06-01', amount: 400000, voucher: false, invoice: 400000 },
            { date: '2021-07-01', amount: 100000, voucher: true },
            { date: '2022-05-01', amount: 300000, voucher: true, invoice: 250000 },
          ],
        }),
      ],
    });
    const counted = countContract(c.contracts[0]!, 'received');
    expect(counted.evidenced).toBe(25000000);
    expect(counted.payments.map((p) => p.why)).toEqual([['no_voucher'], ['no_invoice'], ['invoice_below_amount']]);
  });

  it('base tech_amount scales by tech_amount / amount, rounded down to the fen', () => {
    const doc = {
      parameters: { base: 'tech_amount' },
      contracts: [contract({ amount: 300000, tech_amount: 200000, payments: [{ date: '2022-03-01', amount: 100000.01, voucher: true, invoice: 100000.01 }] })],
    };
    const c = load(doc);
    const counted = countContract(c.contracts[0]!, 'received_tech');
    expect(counted.evidenced).toBe(10000001);
    expect(counted.base).toBe(6666667); // 10,000,001 × 2/3 = 6,666,667.33 fen
    expect(awards(doc)).toEqual([{ to: 'buyer', rule: 'enterprise_purchase', amount: 6666 }]);
  });
});

describe('step 3: related parties', () => {
  const org = (ref: string, division = '310115', extra: Doc = {}) => ({ ref, name: ref, kind: 'enterprise', division, ...extra });
  const r1 = (organizations: Doc[], people: Doc[] = [], c: Doc = {}) =>
    run({ organizations, people, contracts: [contract(c)] }).excluded.find((e) => e.rule === 'enterprise_purchase')?.reason ?? 'eligible';

  it('indirect holdings multiply along a chain', () => {
    // seller holds 60 % of m, m holds 50 % of buyer: 30 % ≥ 25 %.
    expect(r1([{ ...buyer, holders: [{ holder: 'm', percent: 50 }] }, org('m', '310115', { holders: [{ holder: 'seller', percent: 60 }] }), seller])).toBe('related_party');
    // 40 % × 50 % = 20 %: not related.
    expect(r1([{ ...buyer, holders: [{ holder: 'm', percent: 50 }] }, org('m', '310115', { holders: [{ holder: 'seller', percent: 40 }] }), seller])).toBe('eligible');
  });

  it('paths add up: 15 % direct + 50 % × 20 % through m = 25 %', () => {
    const orgs = [{ ...buyer, holders: [{ holder: 'seller', percent: 15 }, { holder: 'm', percent: 20 }] }, org('m', '310115', { holders: [{ holder: 'seller', percent: 50 }] }), seller];
    expect(r1(orgs)).toBe('related_party');
    const c = load({ organizations: orgs });
    const h = new Holdings(c.organizations);
    expect(h.of('seller', 'buyer')).toEqual(rat(1n, 4n));
    expect(relation(c.organizations[0]!, c.organizations[2]!, h, rat(26n), false)).toBeNull();
  });

  it('a third party (a person) holding ≥ threshold of both makes them related', () => {
    const people = [{ ref: 'P', name: '某人' }];
    expect(r1([{ ...buyer, holders: [{ holder: 'P', percent: 30 }] }, { ...seller, holders: [{ holder: 'P', percent: 25 }] }], people)).toBe('related_party');
    expect(r1([{ ...buyer, holders: [{ holder: 'P', percent: 30 }] }, { ...seller, holders: [{ holder: 'P', percent: 24.99 }] }], people)).toBe('eligible');
  });

  it('a third-party organization holding both through chains', () => {
    const orgs = [
      { ...buyer, holders: [{ holder: 'g', percent: 25 }] },
      { ...seller, holders: [{ holder: 'h', percent: 50 }] },
      org('h', '310115', { holders: [{ holder: 'g', percent: 50 }] }),
      org('g'),
    ];
    expect(r1(orgs)).toBe('related_party');
  });

  it('one person as legal representative of one and controller of the other (either role)', () => {
    const people = [{ ref: 'P1', name: '甲' }, { ref: 'P2', name: '乙' }];
    expect(r1([{ ...buyer, controller: 'P1' }, { ...seller, legal_rep: 'P1' }], people)).toBe('related_party');
    expect(r1([{ ...buyer, legal_rep: 'P2' }, { ...seller, legal_rep: 'P2' }], people)).toBe('related_party');
    expect(r1([{ ...buyer, controller: 'P1' }, { ...seller, controller: 'P2' }], people)).toBe('eligible');
  });

  it('declared_related and a lower threshold parameter', () => {
    expect(r1([buyer, seller], [], { declared_related: true })).toBe('related_party');
    const orgs = [{ ...buyer, holders: [{ holder: 'seller', percent: 20 }] }, seller];
    expect(r1(orgs)).toBe('eligible');
    const result = run({ organizations: orgs, parameters: { 'related_party.threshold': 20 }, contracts: [contract()] });
    expect(result.excluded).toEqual([{ contract: 'C1', rule: 'enterprise_purchase', reason: 'related_party' }]);
  });
});

describe('steps 4–7, 10: rules and exclusion reasons', () => {
  it('reasons come in the specified order', () => {
    const uni = { ref: 'uni', name: '市内学院', kind: 'university', division: '410402' };
    const far = { ref: 'far', name: '外地企业', kind: 'enterprise', division: '110108' };
    const result = run({
      organizations: [buyer, seller, uni, far],
      people: [{ ref: 'B', name: '经纪人', broker: true }],
      contracts: [
        contract({ ref: 'A', type: 'service', registration: undefined }),
        contract({ ref: 'B', type: 'service' }),
        contract({ ref: 'C', implemented_in: '410402' }),
        contract({ ref: 'D', seller: 'uni', buyer: 'far', brokers: [{ person: 'B' }] }),
        contract({ ref: 'E', payments: [] }),
        contract({ ref: 'F', seller: 'uni', funding: [{ level: 'district', amount: 1 }, { level: 'provincial', amount: 1 }] }),
      ],
    });
    expect(result.excluded).toEqual([
      { contract: 'A', rule: 'enterprise_purchase', reason: 'not_registered' },
      { contract: 'B', rule: 'enterprise_purchase', reason: 'type_not_eligible' },
      { contract: 'C', rule: 'enterprise_purchase', reason: 'not_implemented_in_district' },
      { contract: 'D', rule: 'enterprise_purchase', reason: 'buyer_not_in_district' },
      { contract: 'D', rule: 'institution_transfer', reason: 'not_implemented_in_district' },
      { contract: 'D', rule: 'broker', reason: 'not_local' },
      { contract: 'E', rule: 'enterprise_purchase', reason: 'no_evidenced_turnover' },
      { contract: 'F', rule: 'enterprise_purchase', reason: 'seller_in_city' },
      { contract: 'F', rule: 'institution_transfer', reason: 'already_funded' },
    ]);
  });

  it('a filed new R&D institution in the district earns R2; an award of 0 is not listed', () => {
    const rd = { ref: 'rd', name: '新型研发机构', kind: 'new_rd_institution', division: '410411', filed: true };
    expect(awards({ organizations: [buyer, rd], contracts: [contract({ seller: 'rd', type: 'consulting', amount: 9, payments: [{ date: '2022-03-01', amount: 9, voucher: true, invoice: 9 }] }), contract({ ref: 'C2', seller: 'rd', type: 'consulting' })] })).toEqual([
      { to: 'rd', rule: 'institution_transfer', amount: 50000 },
    ]);
    expect(awards({ organizations: [buyer, rd], contracts: [contract({ seller: 'rd', amount: 9, payments: [{ date: '2022-03-01', amount: 9, voucher: true, invoice: 9 }] })] })).toEqual([]);
  });

  it('R4: a first provincial recognition in the base year, not one before', () => {
    const demo = (recognitions: Doc[]) => awards({ organizations: [{ ...buyer, recognitions }], parameters: { 'demonstration_institution.amount': 50000 } });
    expect(demo([{ kind: 'tech_transfer_demo', level: 'provincial', date: '2022-03-01' }])).toEqual([{ to: 'buyer', rule: 'demonstration_institution', amount: 50000 }]);
    expect(demo([{ kind: 'tech_transfer_demo', level: 'provincial', date: '2022-03-01' }, { kind: 'tech_transfer_demo', level: 'provincial', date: '2019-03-01' }])).toEqual([]);
    expect(demo([{ kind: 'tech_transfer_demo', level: 'municipal', date: '2022-03-01' }])).toEqual([]);
    expect(awards({ organizations: [{ ...buyer, recognitions: [{ kind: 'tech_transfer_demo', level: 'provincial', date: '2022-03-01' }] }] })).toEqual([]);
  });
});

describe('contract order', () => {
  // The loop reads contracts in blocks of a few hundred and checks their order as it goes: a
  // contract out of order in a later block must still give the sorted result, not a partial one.
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const ref = `K${String(i).padStart(4, '0')}`;
      const mine = i % 3 === 0;
      return contract({ ref, amount: 100000 + i, payments: [{ date: '2022-03-01', amount: 100000 + i, voucher: mine || i % 2 === 0, invoice: 100000 + i }], ...(i % 5 === 0 ? { type: 'service' } : {}) });
    });
  it('a contract out of order far into the list gives the same result as the sorted list', () => {
    const sorted = many(700);
    const reference = JSON.stringify(run({ contracts: sorted }));
    const late = [...sorted];
    [late[651], late[652]] = [late[652]!, late[651]!];
    expect(JSON.stringify(run({ contracts: late }))).toBe(reference);
    expect(JSON.stringify(run({ contracts: seededShuffle(sorted, 7) }))).toBe(reference);
    const result = run({ contracts: late });
    expect(result.excluded.map((e) => e.contract)).toEqual([...result.excluded.map((e) => e.contract)].sort());
    expect(result.excluded.filter((e) => e.reason === 'type_not_eligible')).toHaveLength(140);
  });
});

describe('step 6: broker shares', () => {
  const people = [
    { ref: 'wang', name: '王', broker: true },
    { ref: 'li', name: '李', broker: true },
    { ref: 'x', name: '非经纪人' },
  ];
  it('a named person without broker: true gets nothing and the part is not passed on', () => {
    const result = awards({ people, contracts: [contract({ amount: 900000, payments: [{ date: '2022-03-01', amount: 900000, voucher: true, invoice: 900000 }], brokers: [{ person: 'wang' }, { person: 'x', share: 2 }] })] });
    expect(result.filter((a) => a.rule === 'broker')).toEqual([{ to: 'wang', rule: 'broker', amount: 3000 }]);
  });

  it('shares stay exact fractions of a fen until step 8', () => {
    // Three contracts of 10,000 yuan, three equal brokers each: exactly 10,000 yuan per broker → 100 yuan.
    // Rounding each third to the fen first would give 9,999.99 yuan → 99 yuan.
    const contracts = ['K1', 'K2', 'K3'].map((ref) =>
      contract({ ref, amount: 10000, payments: [{ date: '2022-03-01', amount: 10000, voucher: true, invoice: 10000 }], brokers: [{ person: 'wang' }, { person: 'li' }, { person: 'zhao' }] }),
    );
    const result = awards({ people: [...people, { ref: 'zhao', name: '赵', broker: true }], contracts });
    expect(result.filter((a) => a.rule === 'broker')).toEqual([
      { to: 'li', rule: 'broker', amount: 100 },
      { to: 'wang', rule: 'broker', amount: 100 },
      { to: 'zhao', rule: 'broker', amount: 100 },
    ]);
  });
});

describe('step 9: budget with largest remainders', () => {
  const three = (budget: number, order: string[]) => ({
    organizations: [seller, ...order.map((ref) => ({ ...buyer, ref }))],
    budgets: { enterprise_purchase: budget },
    contracts: order.map((ref) => contract({ ref: `C-${ref}`, buyer: ref, amount: 1000000, payments: [{ date: '2022-03-01', amount: 1000000, voucher: true, invoice: 1000000 }] })),
  });

  it('equal remainders: the smaller refs get the leftover yuan', () => {
    for (const order of [['a', 'b', 'c'], ['c', 'b', 'a'], ['b', 'c', 'a']]) {
      expect(awards(three(200000, order))).toEqual([
        { to: 'a', rule: 'enterprise_purchase', amount: 66667 },
        { to: 'b', rule: 'enterprise_purchase', amount: 66667 },
        { to: 'c', rule: 'enterprise_purchase', amount: 66666 },
      ]);
    }
  });

  it('the total equals the budget and the trace records the cut', () => {
    const result = run(three(100, ['a', 'b', 'c']));
    expect(result.awards.reduce((s, a) => s + a.amount, 0)).toBe(100);
    const budgetStep = result.awards[0]!.trace.find((t) => t.step === 'budget');
    expect(budgetStep).toMatchObject({ step: 'budget', budget_yuan: 100, total_yuan: 300000, before_yuan: 100000, floored_yuan: 33, leftover_yuan: 1, after_yuan: 34 });
  });

  it('applyBudget: larger remainder wins over smaller ref', () => {
    const drafts = [
      { to: 'a', yuan: 10n, trace: [] },
      { to: 'b', yuan: 20n, trace: [] },
    ];
    applyBudget(drafts, 2000n); // 20 yuan: 6.67 → 6, 13.33 → 13; leftover 1 to a (remainder 20/30 > 10/30)
    expect(drafts.map((d) => d.yuan)).toEqual([7n, 13n]);
  });

  it('under the budget nothing changes', () => {
    expect(awards(three(300000, ['a', 'b', 'c'])).map((a) => a.amount)).toEqual([100000, 100000, 100000]);
  });
});

describe('step 8 and the trace', () => {
  it('names the contracts, payments, parameters with effective date and reference, and the cap', () => {
    const result = run({ contracts: [contract({ amount: 3000000, payments: [{ date: '2022-03-01', amount: 3000000, voucher: true, invoice: 3000000 }] })] });
    const [award] = result.awards;
    expect(award).toMatchObject({ to: 'buyer', rule: 'enterprise_purchase', amount: 200000 });
    const trace = award!.trace;
    expect(trace[0]).toMatchObject({ step: 'rule', rule: 'enterprise_purchase', roles: ['buyer'], reference: expect.stringContaining('平湛政〔2022〕5号（四）') });
    expect(trace[1]).toMatchObject({ step: 'contract', contract: 'C1', base_kind: 'received', base_fen: 300000000 });
    expect(trace.find((t) => t.step === 'parameter' && t.name === 'enterprise_purchase.rate')).toMatchObject({
      value: 10,
      effective: '2022-07-13',
      source: 'policy',
      reference: expect.stringContaining('平湛政〔2022〕5号（四）'),
    });
    expect(trace.find((t) => t.step === 'cap')).toEqual({ step: 'cap', cap_yuan: 200000, before_yuan: 300000, after_yuan: 200000 });
  });

  it('a case override shows as source case', () => {
    const result = run({ parameters: { 'enterprise_purchase.rate': 8 }, contracts: [contract()] });
    expect(result.awards[0]!.amount).toBe(40000);
    expect(result.awards[0]!.trace.find((t) => t.step === 'parameter' && t.name === 'enterprise_purchase.rate')).toMatchObject({ value: 8, source: 'case' });
  });
});

describe('order independence', () => {
  it('shuffling contracts, payments, brokers, organizations gives the same result, traces included', () => {
    const people = [{ ref: 'w', name: 'w', broker: true }, { ref: 'v', name: 'v', broker: true }];
    const c = load({
      people,
      organizations: [buyer, seller, { ...buyer, ref: 'b2' }],
      budgets: { enterprise_purchase: 5000, broker: 7 },
      contracts: [
        contract({ ref: 'X', brokers: [{ person: 'w', share: 1.5 }, { person: 'v' }], payments: [
          { date: '2021-03-01', amount: 200000, voucher: true, invoice: 200000 },
          { date: '2022-03-01', amount: 200000, voucher: true, invoice: 150000 },
          { date: '2022-03-01', amount: 200000, voucher: true, invoice: 200000 },
          { date: '2022-03-01', amount: 50000, voucher: false, invoice: 50000 },
        ] }),
        contract({ ref: 'Y', buyer: 'b2', brokers: [{ person: 'v' }] }),
        contract({ ref: 'Z', type: 'service' }),
      ],
    });
    const reference = JSON.stringify(computeSubsidies(c));
    for (let seed = 1; seed <= 50; seed++) {
      const shuffled = {
        ...c,
        organizations: seededShuffle(c.organizations, seed),
        contracts: seededShuffle(c.contracts, seed + 1).map((k, i) => ({ ...k, payments: seededShuffle(k.payments, seed * 7 + i), brokers: seededShuffle(k.brokers, seed * 13 + i) })),
      };
      expect(JSON.stringify(computeSubsidies(shuffled))).toBe(reference);
    }
  });
});

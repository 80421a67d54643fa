/** Credit records (SUBSIDY-CASES.md §11): in force on the decision date, excluded kinds, checked first, brokers and R4, malformed records. */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseCase } from './case-file.js';
import { computeSubsidies } from './engine.js';
import { exclusionText } from './explain.js';
import { SubsidyInputError } from './input-error.js';
import { caseBuyer, caseContract, caseSeller, stripTraces } from './test-helpers.js';

type Doc = Record<string, unknown>;
const record = (over: Record<string, unknown> = {}) => ({ kind: 'serious_dishonesty', from: '2023-01-10', to: '2026-01-09', document: '豫发改财金〔2023〕1号', source: '信用中国（河南）', ...over });

function load(doc: Doc) {
  return parseCase(YAML.stringify({ name: 't', policy: 'zhanhe-2022', year: 2023, organizations: [caseBuyer, caseSeller], contracts: [caseContract()], ...doc }), 'inline.yaml');
}
const run = (doc: Doc) => computeSubsidies(load(doc));
const buyerWith = (...credit: Record<string, unknown>[]) => ({ organizations: [{ ...caseBuyer, credit }, caseSeller] });

function issuesOf(doc: Doc) {
  try {
    load(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(SubsidyInputError);
    return (error as SubsidyInputError).issues;
  }
  throw new Error('expected the case to be rejected');
}

describe('credit records keep their holder from awards', () => {
  it('a buyer on the 严重失信 list: R1 excluded with credit_record, the record named in the exclusion and in words', () => {
    const r = run(buyerWith(record()));
    expect(r.awards).toEqual([]);
    expect(r.excluded).toEqual([
      {
        contract: 'C1',
        rule: 'enterprise_purchase',
        reason: 'credit_record',
        credit: { holder: 'buyer', kind: 'serious_dishonesty', from: '2023-01-10', to: '2026-01-09', document: '豫发改财金〔2023〕1号', source: '信用中国（河南）' },
      },
    ]);
    const c = load(buyerWith(record()));
    expect(exclusionText(c.policy, r.excluded[0]!, () => '湛河区某企业')).toBe(
      '有在效的失信等信用记录，按政策不予奖补：湛河区某企业列入严重失信主体名单（来源：信用中国（河南）；文号：豫发改财金〔2023〕1号；2023年1月10日至2026年1月9日）',
    );
  });

  it('without the record the same world pays R1', () => {
    expect(stripTraces(run({})).awards).toEqual([{ to: 'buyer', rule: 'enterprise_purchase', amount: 50000 }]);
  });

  it('only records in force on the decision date count (default 30 June of the year; both ends included)', () => {
    const paid = (doc: Doc) => run(doc).awards.length === 1;
    expect(paid(buyerWith(record({ from: '2023-07-01', to: undefined })))).toBe(true); // starts after 30 June
    expect(paid(buyerWith(record({ from: '2023-06-30', to: undefined })))).toBe(false); // starts on it
    expect(paid(buyerWith(record({ from: '2021-01-01', to: '2023-06-29' })))).toBe(true); // ended the day before
    expect(paid(buyerWith(record({ from: '2021-01-01', to: '2023-06-30' })))).toBe(false); // ends on it
    expect(paid({ ...buyerWith(record({ from: '2023-03-01', to: '2023-04-30' })), decided_on: '2023-06-30' })).toBe(true);
    expect(paid({ ...buyerWith(record({ from: '2023-03-01', to: '2023-04-30' })), decided_on: '2023-04-01' })).toBe(false);
  });

  it('kinds follow credit.excluded_kinds: `other` is not excluded by zhanhe-2022; a case may override the list', () => {
    expect(run(buyerWith(record({ kind: 'other' }))).awards).toHaveLength(1);
    for (const kind of ['dishonest_judgment_debtor', 'research_misconduct', 'commitment_breach']) expect(run(buyerWith(record({ kind }))).awards).toHaveLength(0);
    expect(run({ ...buyerWith(record({ kind: 'research_misconduct' })), parameters: { 'credit.excluded_kinds': ['serious_dishonesty'] } }).awards).toHaveLength(1);
    expect(run({ ...buyerWith(record()), parameters: { 'credit.excluded_kinds': [] } }).awards).toHaveLength(1);
  });

  it('credit_record is checked before every other reason', () => {
    const r = run({ ...buyerWith(record()), contracts: [caseContract({ registration: undefined })] });
    expect(r.excluded.map((e) => e.reason)).toEqual(['credit_record']);
  });

  it('R2: a seller with a record in force is excluded; the buyer side is unaffected', () => {
    const uni = { ref: 'uni', name: '平顶山某学院', kind: 'university', division: '410402', credit: [record({ kind: 'dishonest_judgment_debtor' })] };
    const r = run({ organizations: [caseBuyer, uni], contracts: [caseContract({ seller: 'uni' })] });
    expect(r.awards).toEqual([]);
    expect(r.excluded.map((e) => [e.rule, e.reason])).toEqual([
      ['enterprise_purchase', 'seller_in_city'],
      ['institution_transfer', 'credit_record'],
    ]);
  });

  it('R3: a broker with a record gets nothing, no exclusion row, and the part is not passed on', () => {
    const people = [
      { ref: 'P1', name: '张三', broker: true, credit: [record({ kind: 'research_misconduct', from: '2021-05-01', to: undefined })] },
      { ref: 'P2', name: '李四', broker: true },
    ];
    const r = run({ people, contracts: [caseContract({ brokers: [{ person: 'P1' }, { person: 'P2' }] })] });
    expect(stripTraces(r).awards.filter((a) => a.rule === 'broker')).toEqual([{ to: 'P2', rule: 'broker', amount: 2500 }]);
    expect(r.excluded).toEqual([]);
    expect(r.creditWithheld?.map((b) => b.holder)).toEqual(['P1']);
  });

  it('R4: a newly recognised institution with a record gets no award', () => {
    const demo = (credit?: unknown[]) => ({
      ref: 'demo',
      name: '湛河区某技术转移中心',
      kind: 'agency',
      division: '410411',
      recognitions: [{ kind: 'tech_transfer_demo', level: 'provincial', date: '2022-06-01' }],
      ...(credit ? { credit } : {}),
    });
    const doc = (credit?: unknown[]) => ({ organizations: [caseBuyer, caseSeller, demo(credit)], parameters: { 'demonstration_institution.amount': 100000 } });
    expect(run(doc()).awards.some((a) => a.rule === 'demonstration_institution')).toBe(true);
    expect(run(doc([record()])).awards.some((a) => a.rule === 'demonstration_institution')).toBe(false);
  });

  it('the record named is the earliest in force of an excluded kind, whatever the order they are listed in', () => {
    const a = record({ kind: 'commitment_breach', from: '2022-01-01', to: undefined, document: 'A' });
    const b = record({ kind: 'serious_dishonesty', from: '2021-01-01', document: 'B' });
    const other = record({ kind: 'other', from: '2020-01-01', document: 'C' });
    for (const list of [[a, b, other], [other, b, a]]) expect(run(buyerWith(...list)).excluded[0]!.credit?.document).toBe('B');
  });
});

describe('malformed credit records are refused with the path', () => {
  it('an unknown kind, to before from, a bad date', () => {
    expect(issuesOf(buyerWith(record({ kind: 'blacklist' })))[0]).toMatchObject({ path: 'organizations[0].credit[0].kind' });
    expect(issuesOf(buyerWith(record({ from: '2023-05-01', to: '2023-04-30' })))).toEqual([
      { path: 'organizations[0].credit[0].to', reason: '截止日期 2023-04-30 早于起始日期 2023-05-01' },
    ]);
    expect(issuesOf(buyerWith(record({ from: '2023-02-30' })))[0]).toMatchObject({ path: 'organizations[0].credit[0].from', reason: '应为有效日期 YYYY-MM-DD' });
    expect(issuesOf({ people: [{ ref: 'P1', name: '张三', credit: [record({ kind: 'x' })] }] })[0]).toMatchObject({ path: 'people[0].credit[0].kind' });
    expect(issuesOf({ decided_on: '2023-13-01' })[0]).toMatchObject({ path: 'decided_on' });
  });

  it('an unknown key lists the keys allowed there', () => {
    expect(issuesOf(buyerWith(record({ until: '2024-01-01' })))).toEqual([
      { path: 'organizations[0].credit[0]', reason: '未知字段 until（可用：kind, from, to, document, source）' },
    ]);
    const [top] = issuesOf({ decision_date: '2023-06-30' });
    expect(top!.reason).toMatch(/^未知字段 decision_date（可用：name, policy, year, decided_on, parameters, budgets, organizations, people, contracts, expect）$/);
    const [pay] = issuesOf({ contracts: [caseContract({ payments: [{ date: '2022-03-01', amount: 1, voucher: true, invoiced: 1 }] })] });
    expect(pay).toEqual({ path: 'contracts[0].payments[0]', reason: '未知字段 invoiced（可用：date, amount, voucher, invoice, invoice_names_contract）' });
  });
});

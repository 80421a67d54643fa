/** Policy files: effective-dated parameters, and rule errors that name the file, the path and the reason. */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseCase } from './case-file.js';
import { computeSubsidies } from './engine.js';
import { SubsidyInputError } from './input-error.js';
import { parametersForYear, parsePolicy } from './policy.js';
import { caseBuyer, caseContract, caseSeller } from './test-helpers.js';

const ref = { document: '测试〔2024〕1号', clause: '第一条', text: '原文' };

/** A small one-rule policy; `edit` changes the parsed document before it is parsed again. */
function policyDoc(edit: (d: any) => void = () => {}) {
  const d: any = {
    id: 'test-policy',
    title: '测试政策',
    document: '测试〔2024〕1号',
    jurisdiction: '测试区',
    effective: '2022-01-01',
    parameters: {
      'jurisdiction.district': { kind: 'division', value: '410411', effective: '2022-01-01', reference: ref },
      'buyer.rate': {
        kind: 'percent',
        maximum: 10,
        values: [
          { value: 10, effective: '2022-01-01', reference: ref },
          { value: 5, effective: '2023-07-01', reference: { ...ref, document: '测试〔2023〕9号' } },
        ],
      },
      'buyer.cap': { kind: 'yuan', value: 200000, effective: '2022-01-01', reference: ref },
    },
    rules: [
      {
        id: 'buyer',
        title: '买方补助',
        reference: ref,
        beneficiary: 'buyer',
        conditions: [
          { registered: true, reason: 'not_registered' },
          { 'buyer.in': 'district', reason: 'buyer_not_in_district' },
        ],
        base: 'received',
        amount: { rate: 'buyer.rate' },
        cap: 'buyer.cap',
      },
    ],
  };
  edit(d);
  return d;
}

function issuesOf(doc: unknown): { path: string; reason: string }[] {
  try {
    parsePolicy(YAML.stringify(doc), 'test-policy.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(SubsidyInputError);
    return (error as SubsidyInputError).issues;
  }
  throw new Error('expected the policy to be rejected');
}

describe('effective-dated parameters', () => {
  it('the value in force on the last day of the base year is used, and the trace says which', () => {
    const policy = parsePolicy(YAML.stringify(policyDoc()), 'test-policy.yaml');
    expect(parametersForYear(policy, 2023).get('buyer.rate')).toMatchObject({ display: 10, effective: '2022-01-01' });
    expect(parametersForYear(policy, 2024).get('buyer.rate')).toMatchObject({ display: 5, effective: '2023-07-01', reference: { document: '测试〔2023〕9号' } });

    const world = (year: number) => ({
      ...parseCase(
        YAML.stringify({
          name: 't',
          policy: 'zhanhe-2022',
          year,
          organizations: [caseBuyer, caseSeller],
          contracts: [caseContract({ payments: [{ date: `${year - 1}-03-01`, amount: 500000, voucher: true, invoice: 500000 }] })],
        }),
        'inline.yaml',
      ),
      policy,
    });
    expect(computeSubsidies(world(2023)).awards.map((a) => a.amount)).toEqual([50000]);
    const later = computeSubsidies(world(2024)).awards[0]!;
    expect(later.amount).toBe(25000);
    expect(later.trace.find((t) => t.step === 'parameter' && t.name === 'buyer.rate')).toMatchObject({ value: 5, effective: '2023-07-01' });
  });

  it('a year before the policy or a parameter takes effect is refused, naming why', () => {
    const policy = parsePolicy(YAML.stringify(policyDoc()), 'test-policy.yaml');
    expect(() => parametersForYear(policy, 2022)).toThrow(/政策自 2022-01-01 起施行，不适用于 2022 年度申报/);
  });

  it('versions must be in date order and within the maximum', () => {
    const issues = issuesOf(
      policyDoc((d) => {
        d.parameters['buyer.rate'].values[1].effective = '2021-01-01';
        d.parameters['buyer.rate'].values[0].value = 12;
      }),
    );
    expect(issues).toEqual([{ path: 'parameters["buyer.rate"].values[0].value', reason: '12 超过最高值 10' }]);
    expect(issuesOf(policyDoc((d) => (d.parameters['buyer.rate'].values[1].effective = '2021-01-01')))).toEqual([
      { path: 'parameters["buyer.rate"].values[1].effective', reason: '历次取值应按生效日期从早到晚排列' },
    ]);
  });
});

describe('rule errors name the path and the reason', () => {
  it('an undefined parameter, and one of the wrong kind', () => {
    expect(issuesOf(policyDoc((d) => (d.rules[0].amount = { rate: 'buyer.rat' })))).toEqual([{ path: 'rules[0].amount.rate', reason: '未定义的参数“buyer.rat”' }]);
    expect(issuesOf(policyDoc((d) => (d.rules[0].cap = 'buyer.rate')))).toEqual([
      { path: 'rules[0].cap', reason: '参数“buyer.rate”是 percent 类，这里需要 yuan 类' },
    ]);
  });

  it('an unknown condition, an area without its jurisdiction parameter, a new reason without a label', () => {
    expect(issuesOf(policyDoc((d) => d.rules[0].conditions.push({ registred: true, reason: 'not_registered' })))[0]).toMatchObject({
      path: 'rules[0].conditions[2].registred',
      reason: expect.stringContaining('未知判断“registred”'),
    });
    expect(issuesOf(policyDoc((d) => d.rules[0].conditions.push({ 'seller.in': 'province', reason: 'seller_not_in_province' })))).toEqual([
      { path: 'rules[0].conditions[2]["seller.in"]', reason: '未定义的参数“jurisdiction.province”' },
    ]);
    expect(issuesOf(policyDoc((d) => d.rules[0].conditions.push({ registered: true, reason: 'too_late' })))[0]).toMatchObject({
      path: 'rules[0].conditions[2].reason',
      reason: expect.stringContaining('不是内置的排除原因，请同时写 label'),
    });
    // With a label, a policy may define its own reason.
    const p = parsePolicy(YAML.stringify(policyDoc((d) => d.rules[0].conditions.push({ registered: true, reason: 'too_late', label: '逾期申报' }))), 'x.yaml');
    expect(p.rules[0]!.reasonLabels).toEqual({ too_late: '逾期申报' });
  });

  it('an unknown beneficiary, amount, or a condition limited to a role the rule does not have', () => {
    expect(issuesOf(policyDoc((d) => (d.rules[0].beneficiary = 'mayor')))[0]).toMatchObject({ path: 'rules[0].beneficiary', reason: expect.stringContaining('未知受益方“mayor”') });
    expect(issuesOf(policyDoc((d) => (d.rules[0].amount = { lottery: 'buyer.rate' })))[0]).toMatchObject({ path: 'rules[0].amount', reason: expect.stringContaining('未知算法“lottery”') });
    expect(issuesOf(policyDoc((d) => (d.rules[0].conditions[0].role = 'seller')))[0]).toMatchObject({ path: 'rules[0].conditions[0].role' });
  });

  it('an organization rule may only test the organization itself', () => {
    const issues = issuesOf(
      policyDoc((d) => {
        d.rules[0] = {
          id: 'demo',
          title: '示范机构',
          reference: ref,
          beneficiary: 'organization',
          recognition: { kind: 'tech_transfer_demo', levels: ['provincial'] },
          conditions: [{ registered: true, reason: 'not_registered' }],
          amount: { fixed: 'buyer.cap' },
        };
      }),
    );
    expect(issues[0]).toMatchObject({ path: 'rules[0].conditions[0].registered', reason: expect.stringContaining('只能判断 beneficiary') });
  });

  it('an unknown top-level key and a malformed tier table', () => {
    const issues = issuesOf(
      policyDoc((d) => {
        d.rulez = [];
        d.parameters['buyer.tiers'] = { kind: 'tiers', value: [{ up_to: 100, rate: 1 }, { up_to: 50, rate: 1 }], effective: '2022-01-01', reference: ref };
      }),
    );
    expect(issues).toEqual([
      { path: 'rulez', reason: expect.stringContaining('未知字段') },
      { path: 'parameters["buyer.tiers"].value', reason: '分段上限应逐段递增（第2段）' },
    ]);
  });
});

/** Malformed cases and policies are rejected with the file, the path inside it and the reason. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runCheck, runCompute } from '../../cli/subsidy-command.js';
import { loadCaseFile, parseCase } from './case-file.js';
import { computeSubsidies } from './engine.js';
import { SubsidyInputError } from './input-error.js';
import { builtInPolicy, loadPolicyFile } from './policy.js';
import { caseBuyer, caseContract, caseSeller } from './test-helpers.js';

type Doc = Record<string, unknown>;
const good: Doc = {
  name: 't',
  policy: 'zhanhe-2022',
  year: 2023,
  organizations: [{ ...caseBuyer, uscc: '914104118478490850' }, caseSeller],
  contracts: [
    caseContract({
      payments: [
        { date: '2022-03-01', amount: 200000, voucher: true, invoice: 200000 },
        { date: '2022-04-01', amount: 300000, voucher: true, invoice: 300000 },
      ],
    }),
  ],
};

function issuesOf(doc: Doc, file = 'cases/bad.yaml') {
  try {
    parseCase(YAML.stringify(doc), file);
  } catch (error) {
    expect(error).toBeInstanceOf(SubsidyInputError);
    const e = error as SubsidyInputError;
    expect(e.message).toContain(file);
    return e.issues;
  }
  throw new Error('expected the case to be rejected');
}

/** A deep copy of the good case with one edit. */
function edit(change: (d: any) => void): Doc {
  const d = structuredClone(good);
  change(d);
  return d;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'subsidy-case-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('case file validation', () => {
  it('accepts the good case', () => {
    expect(computeSubsidies(parseCase(YAML.stringify(good), 'good.yaml')).awards.map((a) => a.amount)).toEqual([50000]);
  });

  it('an unknown ref', () => {
    expect(issuesOf(edit((d) => (d.contracts[0].seller = 'nobody')))).toEqual([{ path: 'contracts[0].seller', reason: '未知单位引用“nobody”' }]);
    expect(issuesOf(edit((d) => (d.contracts[0].brokers = [{ person: 'ghost' }])))[0]).toMatchObject({ path: 'contracts[0].brokers[0].person' });
    expect(issuesOf(edit((d) => (d.organizations[0].holders = [{ holder: 'ghost', percent: 30 }])))[0]).toMatchObject({ path: 'organizations[0].holders[0].holder' });
  });

  it('a bad date', () => {
    const issues = issuesOf(edit((d) => (d.contracts[0].payments[1].date = '2022-02-30')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'contracts[0].payments[1].date' });
    expect(issues[0]!.reason).toContain('YYYY-MM-DD');
  });

  it('a negative amount, and more than 2 decimals', () => {
    expect(issuesOf(edit((d) => (d.contracts[0].payments[0].amount = -5)))[0]).toMatchObject({ path: 'contracts[0].payments[0].amount', reason: expect.stringContaining('不能为负') });
    expect(issuesOf(edit((d) => (d.contracts[0].amount = 12.345)))[0]).toMatchObject({ path: 'contracts[0].amount', reason: expect.stringContaining('2位小数') });
  });

  it('a bad credit-code checksum', () => {
    const issues = issuesOf(edit((d) => (d.organizations[0].uscc = '914104118478490851')));
    expect(issues).toEqual([{ path: 'organizations[0].uscc', reason: expect.stringContaining('校验位错误') }]);
  });

  it('a rate above the policy maximum, and an unknown parameter', () => {
    const issues = issuesOf(edit((d) => (d.parameters = { 'enterprise_purchase.rate': 12, 'no.such': 1 })));
    expect(issues).toEqual([
      { path: 'parameters["enterprise_purchase.rate"]', reason: expect.stringContaining('超过政策“zhanhe-2022”规定的最高值 10') },
      { path: 'parameters["no.such"]', reason: expect.stringContaining('未知参数') },
    ]);
  });

  it('an unknown policy, kind, rule; all problems at once', () => {
    const issues = issuesOf(edit((d) => {
      d.policy = 'nowhere-2099';
      d.budgets = { lottery: 5 };
    }));
    expect(issues.map((i) => i.path)).toEqual(['policy']);
    // With a known policy, budgets and expectations must name its rules.
    const ruleIssues = issuesOf(edit((d) => {
      d.budgets = { lottery: 5 };
      d.expect = { awards: [{ to: 'buyer', rule: 'jackpot', amount: 1 }] };
    }));
    expect(ruleIssues.map((i) => i.path)).toEqual(['budgets.lottery', 'expect.awards[0].rule']);
    expect(ruleIssues[0]!.reason).toContain('没有规则“lottery”');
    expect(issuesOf(edit((d) => (d.organizations[1].kind = 'bank')))[0]).toMatchObject({ path: 'organizations[1].kind' });
  });

  it('a misspelt key is an error naming it, not silently ignored', () => {
    const issues = issuesOf(edit((d) => (d.contracts[0].tech_amout = 400000)));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toContain('contracts[0]');
    expect(JSON.stringify(issues[0])).toContain('tech_amout');
  });

  it('the error message names file, path and reason', () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, YAML.stringify(edit((d) => (d.contracts[0].payments[1].date = '2022-13-01'))));
    expect(() => loadCaseFile(file)).toThrow(`${file}：contracts[0].payments[1].date：应为有效日期 YYYY-MM-DD`);
  });
});

describe('policy files', () => {
  it('the built-in zhanhe-2022 carries values, effective dates, maxima and references', () => {
    const p = builtInPolicy('zhanhe-2022')!;
    expect(p.document).toBe('平湛政〔2022〕5号');
    const param = (name: string) => p.parameters.get(name)!;
    expect(param('enterprise_purchase.cap').versions[0]!.value).toBe(20000000n);
    expect(param('enterprise_purchase.rate').maximum).toEqual({ num: 10n, den: 1n });
    expect(param('broker.cap').versions[0]!.reference.text).toContain('3万元');
    expect(param('demonstration_institution.amount').versions[0]!.reference.clause).toContain('（五）');
    for (const entry of p.parameters.values()) expect(entry.versions.map((v) => v.effective)).toEqual(['2022-07-13']);
    expect(p.rules.map((r) => r.id)).toEqual(['enterprise_purchase', 'institution_transfer', 'broker', 'demonstration_institution']);
  });

  it('a case may name a policy file by path (relative to the case)', () => {
    const src = fs.readFileSync(builtInPolicy('zhanhe-2022')!.file, 'utf8');
    fs.writeFileSync(path.join(tmp, 'xinhua.yaml'), src.replace('id: zhanhe-2022', 'id: xinhua-2022').replace("value: '410411'", "value: '410402'"));
    const caseFile = path.join(tmp, 'case.yaml');
    fs.writeFileSync(caseFile, YAML.stringify({ ...good, policy: './xinhua.yaml' }));
    const result = computeSubsidies(loadCaseFile(caseFile));
    expect(result.policy).toBe('xinhua-2022');
    expect(result.excluded).toEqual([{ contract: 'C1', rule: 'enterprise_purchase', reason: 'buyer_not_in_district' }]);
  });

  it('a malformed policy names the policy file and the path inside it', () => {
    const file = path.join(tmp, 'broken.yaml');
    const src = fs.readFileSync(builtInPolicy('zhanhe-2022')!.file, 'utf8');
    fs.writeFileSync(file, src.replace(/value: 10\n    maximum: 10/, 'value: 11\n    maximum: 10').replace("effective: '2022-07-13'\nparameters", "effective: '2022-02-30'\nparameters"));
    try {
      loadPolicyFile(file);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(SubsidyInputError);
      const e = error as SubsidyInputError;
      expect(e.file).toBe(file);
      expect(e.issues).toEqual([
        { path: 'effective', reason: '应为有效日期 YYYY-MM-DD' },
        { path: 'parameters["enterprise_purchase.rate"].value', reason: '11 超过最高值 10' },
      ]);
    }
    fs.writeFileSync(file, src.replace(/value: 10\n    maximum: 10/, 'value: 11\n    maximum: 10'));
    expect(() => loadPolicyFile(file)).toThrow(`${file}：parameters["enterprise_purchase.rate"].value：11 超过最高值 10`);
  });
});

describe('subsidy command exit codes', () => {
  const quiet = <T>(work: () => T): T => {
    const [log, err] = [console.log, console.error];
    console.log = console.error = () => {};
    try {
      return work();
    } finally {
      [console.log, console.error] = [log, err];
    }
  };

  it('check: 0 when equal, 1 when an award differs, 2 when malformed', () => {
    const ok = path.join(tmp, 'ok.yaml');
    const wrong = path.join(tmp, 'wrong.yaml');
    const bad = path.join(tmp, 'malformed.yaml');
    fs.writeFileSync(ok, YAML.stringify({ ...good, expect: { awards: [{ to: 'buyer', rule: 'enterprise_purchase', amount: 50000 }] } }));
    fs.writeFileSync(wrong, YAML.stringify({ ...good, expect: { awards: [{ to: 'buyer', rule: 'enterprise_purchase', amount: 50001 }], excluded: [{ contract: 'C1', rule: 'enterprise_purchase', reason: 'related_party' }] } }));
    fs.writeFileSync(bad, YAML.stringify(edit((d) => (d.contracts[0].amount = -1))));
    expect(quiet(() => runCheck([ok]))).toBe(0);
    expect(quiet(() => runCheck([ok, wrong]))).toBe(1);
    expect(quiet(() => runCheck([ok, wrong, bad]))).toBe(2);
    expect(quiet(() => runCompute(bad, { json: true }))).toBe(2);
    expect(quiet(() => runCompute(ok, {}))).toBe(0);
  });
});

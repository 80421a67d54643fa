/**
 * Subsidy case files (the YAML format of /work/shared/spec/SUBSIDY-CASES.md): parsed, validated,
 * turned into a `SubsidyCase`. Every problem is reported with the file, the path inside it
 * (`contracts[0].payments[1].date`) and what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { isIsoDate } from '../../../common/dates.js';
import { checkUscc } from '../../../common/uscc.js';
import { SubsidyInputError, formatPath, type InputIssue } from './input-error.js';
import { EXCLUSION_REASON_LABELS } from '../../../common/subsidy-vocabulary.js';
import { CONTRACT_TYPES, CREDIT_KINDS, FUNDING_LEVELS, ORG_KINDS, type Contract, type CreditRecord, type Organization, type Person, type SubsidyCase } from './model.js';
import { parseParameterValue } from './parameters.js';
import { builtInPolicy, builtInPolicyIds, isPolicyPath, loadPolicyFile, withOverrides, type Policy } from './policy.js';
import { cmp, parseDecimal, parseYuanToFen, ratToDisplay, rat, type Rational } from './rational.js';

/** Dates may come as strings or (YAML 1.1 style) as Date objects; both end as `YYYY-MM-DD`. */
const dateField = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isIsoDate, { message: '应为有效日期 YYYY-MM-DD' });
const codeField = z.union([z.string(), z.number().int()]).transform((v) => String(v).trim());
const numberish = z.union([z.number(), z.string()]);
const ref = z.string().min(1);
/** A credit record (§11): kind, in force from `from` to `to` (absent: open-ended), optional 文号 and source. */
const creditField = z
  .array(
    z.strictObject({
      kind: z.enum(CREDIT_KINDS),
      from: dateField,
      to: dateField.optional(),
      document: codeField.optional(),
      source: z.string().min(1).optional(),
    }),
  )
  .optional();

const caseSchema = z.strictObject({
  name: z.string().min(1),
  policy: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  decided_on: dateField.optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  budgets: z.record(z.string(), numberish).optional(),
  organizations: z
    .array(
      z.strictObject({
        ref,
        name: z.string().min(1),
        uscc: z.string({ message: '应为带引号的字符串' }).optional(),
        kind: z.enum(ORG_KINDS),
        division: codeField.refine((v) => /^\d{6}$/.test(v), { message: '应为6位行政区划代码' }),
        filed: z.boolean().optional(),
        legal_rep: ref.optional(),
        controller: ref.optional(),
        holders: z.array(z.strictObject({ holder: ref, percent: numberish })).optional(),
        recognitions: z
          .array(z.strictObject({ kind: z.string().min(1), level: z.string().min(1), date: dateField, grade: z.string().min(1).optional() }))
          .optional(),
        credit: creditField,
      }),
    )
    .default([]),
  people: z.array(z.strictObject({ ref, name: z.string().min(1), broker: z.boolean().optional(), credit: creditField })).default([]),
  contracts: z
    .array(
      z.strictObject({
        ref,
        type: z.enum(CONTRACT_TYPES),
        subtype: z.string().min(1).optional(),
        license_term: numberish.optional(),
        seller: ref,
        buyer: ref,
        amount: numberish,
        tech_amount: numberish.optional(),
        signed: dateField,
        registration: z
          .strictObject({ number: codeField.refine((v) => v.length > 0, { message: '不能为空' }), date: dateField, office: ref.optional() })
          .optional(),
        implemented_in: codeField.refine((v) => /^\d{6}$/.test(v), { message: '应为6位行政区划代码' }).optional(),
        brokers: z.array(z.strictObject({ person: ref, share: numberish.optional() })).optional(),
        third_parties: z.array(z.strictObject({ org: ref, role: z.string().min(1) })).optional(),
        declared_related: z.boolean().optional(),
        fiscal_funds: z.boolean().optional(),
        funding: z.array(z.strictObject({ level: z.enum(FUNDING_LEVELS), program: z.string().optional(), amount: numberish })).optional(),
        payments: z
          .array(
            z.strictObject({
              date: dateField,
              amount: numberish,
              voucher: z.boolean().optional(),
              invoice: numberish.nullable().optional(),
              invoice_names_contract: z.boolean().optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  expect: z
    .object({
      awards: z.array(z.strictObject({ to: ref, rule: ref, amount: z.number().int().nonnegative() })).default([]),
      excluded: z.array(z.strictObject({ contract: ref, rule: ref, reason: ref, to: ref.optional() })).optional(),
    })
    .optional(),
});

type RawCase = z.infer<typeof caseSchema>;

/** Resolves the case's `policy:` (built-in id or path relative to the case file). */
function resolvePolicy(policyRef: string, file: string, issues: InputIssue[]): Policy | undefined {
  if (isPolicyPath(policyRef)) {
    const p = path.resolve(path.dirname(file), policyRef);
    if (!fs.existsSync(p)) {
      issues.push({ path: 'policy', reason: `政策文件不存在：${p}` });
      return undefined;
    }
    return loadPolicyFile(p);
  }
  const policy = builtInPolicy(policyRef);
  if (!policy) issues.push({ path: 'policy', reason: `未知政策“${policyRef}”（内置：${builtInPolicyIds().join(', ') || '无'}）` });
  return policy;
}

/** Parses and validates case YAML text; `file` names it in errors and anchors relative policy paths. */
export function parseCase(text: string, file: string): SubsidyCase {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    throw new SubsidyInputError(file, [{ path: '', reason: `YAML 语法错误：${(error as Error).message}` }]);
  }
  const parsed = caseSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new SubsidyInputError(file, parsed.error.issues.map((i) => ({ path: formatPath(i.path), reason: issueReason(i) })));
  }
  const issues: InputIssue[] = [];
  const raw = parsed.data;
  const basePolicy = resolvePolicy(raw.policy, file, issues);
  const policy = basePolicy ? applyOverrides(basePolicy, raw, issues) : undefined;
  const world = buildWorld(raw, policy, issues);
  if (issues.length || !policy) throw new SubsidyInputError(file, issues);
  return {
    file,
    name: raw.name,
    year: raw.year,
    ...(raw.decided_on ? { decidedOn: raw.decided_on } : {}),
    policy,
    ...world,
    ...(raw.expect ? { expect: raw.expect } : {}),
  };
}

/** The keys an object of the case format may have at a path (an unknown key's message lists them). */
function allowedKeysAt(path: readonly PropertyKey[]): string[] | undefined {
  let schema: z.ZodType = caseSchema;
  for (const step of path) {
    for (;;) {
      if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
      else break;
    }
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(step)];
      if (!next) return undefined;
      schema = next;
    } else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return undefined;
  }
  for (;;) {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
    else break;
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/** A schema issue in words; an unknown key lists the keys allowed there, as policy files do. */
function issueReason(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(i.path);
    return `未知字段 ${i.keys.join(', ')}${allowed ? `（可用：${allowed.join(', ')}）` : ''}`;
  }
  return i.message;
}

export function loadCaseFile(file: string): SubsidyCase {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SubsidyInputError(file, [{ path: '', reason: '无法读取案例文件' }]);
  }
  return parseCase(text, file);
}

function applyOverrides(base: Policy, raw: RawCase, issues: InputIssue[]): Policy {
  const overrides = new Map<string, { value: unknown; display: unknown }>();
  for (const [name, value] of Object.entries(raw.parameters ?? {})) {
    const at = formatPath(['parameters', name]);
    const original = base.parameters.get(name);
    if (!original) {
      issues.push({ path: at, reason: `未知参数：政策“${base.id}”没有此参数（可用：${[...base.parameters.keys()].join(', ')}）` });
      continue;
    }
    const v = parseParameterValue(original.kind, value);
    if (!v.ok) {
      issues.push({ path: at, reason: v.reason });
      continue;
    }
    if (original.maximum && cmp(v.value as Rational, original.maximum) > 0) {
      const ref = original.versions.at(-1)!.reference;
      issues.push({ path: at, reason: `${String(v.display)} 超过政策“${base.id}”规定的最高值 ${ratToDisplay(original.maximum)}（${ref.document}${ref.clause}）` });
      continue;
    }
    overrides.set(name, { value: v.value, display: v.display });
  }
  return withOverrides(base, overrides);
}

/** Yuan as written → integer fen (a safe integer), or an issue at `at`. */
function money(value: unknown, at: string, issues: InputIssue[], opts: { positive?: boolean } = {}): number {
  const r = parseYuanToFen(value);
  if (!r.ok) {
    issues.push({ path: at, reason: r.reason });
    return 0;
  }
  if (r.value < 0n) issues.push({ path: at, reason: `金额不能为负（${String(value)}）` });
  else if (opts.positive && r.value === 0n) issues.push({ path: at, reason: '金额应大于0' });
  else if (r.value > BigInt(Number.MAX_SAFE_INTEGER)) issues.push({ path: at, reason: '金额过大' });
  return Number(r.value);
}

function buildWorld(raw: RawCase, policy: Policy | undefined, issues: InputIssue[]): Omit<SubsidyCase, 'file' | 'name' | 'year' | 'policy' | 'expect'> {
  const orgRefs = new Set<string>();
  const personRefs = new Set<string>();
  const seen = (r: string, at: string) => {
    if (orgRefs.has(r) || personRefs.has(r)) issues.push({ path: at, reason: `引用名“${r}”重复` });
  };
  raw.organizations.forEach((o, i) => {
    seen(o.ref, `organizations[${i}].ref`);
    orgRefs.add(o.ref);
  });
  raw.people.forEach((p, i) => {
    seen(p.ref, `people[${i}].ref`);
    personRefs.add(p.ref);
  });
  const needPerson = (r: string | undefined, at: string) => {
    if (r !== undefined && !personRefs.has(r)) issues.push({ path: at, reason: `未知人员引用“${r}”` });
  };
  const needOrg = (r: string, at: string) => {
    if (!orgRefs.has(r)) issues.push({ path: at, reason: `未知单位引用“${r}”` });
  };

  const ruleIds = policy?.rules.map((r) => r.id) ?? [];
  const knownRule = (rule: string, at: string) => {
    if (policy && !ruleIds.includes(rule)) issues.push({ path: at, reason: `政策“${policy.id}”没有规则“${rule}”（可用：${ruleIds.join(', ')}）` });
  };
  const budgets: Record<string, number> = {};
  for (const [rule, value] of Object.entries(raw.budgets ?? {})) {
    const at = formatPath(['budgets', rule]);
    knownRule(rule, at);
    const fen = money(value, at, issues);
    if (fen % 100 !== 0) issues.push({ path: at, reason: '预算应为整元' });
    budgets[rule] = fen;
  }

  /** Credit records as the engine reads them; `to` before `from` is an issue. Absent when none. */
  const credit = (records: RawCase['people'][number]['credit'], at: string): { credit?: CreditRecord[] } => {
    if (!records || records.length === 0) return {};
    return {
      credit: records.map((r, j) => {
        if (r.to !== undefined && r.to < r.from) issues.push({ path: `${at}[${j}].to`, reason: `截止日期 ${r.to} 早于起始日期 ${r.from}` });
        return { kind: r.kind, from: r.from, ...(r.to !== undefined ? { to: r.to } : {}), ...(r.document ? { document: r.document } : {}), ...(r.source ? { source: r.source } : {}) };
      }),
    };
  };
  const organizations: Organization[] = raw.organizations.map((o, i) => {
    const at = `organizations[${i}]`;
    if (o.uscc !== undefined) {
      const r = checkUscc(o.uscc);
      if (!r.ok) issues.push({ path: `${at}.uscc`, reason: `统一社会信用代码“${o.uscc}”无效：${r.message}` });
    }
    needPerson(o.legal_rep, `${at}.legal_rep`);
    needPerson(o.controller, `${at}.controller`);
    const holders = (o.holders ?? []).map((h, j) => {
      const hat = `${at}.holders[${j}]`;
      if (!orgRefs.has(h.holder) && !personRefs.has(h.holder)) issues.push({ path: `${hat}.holder`, reason: `未知单位或人员引用“${h.holder}”` });
      if (h.holder === o.ref) issues.push({ path: `${hat}.holder`, reason: '单位不能持有自身' });
      const p = parseDecimal(h.percent, 6);
      if (!p.ok) issues.push({ path: `${hat}.percent`, reason: p.reason });
      else if (cmp(p.value, rat(0n)) <= 0 || cmp(p.value, rat(100n)) > 0) issues.push({ path: `${hat}.percent`, reason: '持股比例应大于0且不超过100' });
      return { holder: h.holder, percent: p.ok ? p.value : rat(0n) };
    });
    return {
      ref: o.ref,
      name: o.name,
      ...(o.uscc !== undefined ? { uscc: o.uscc } : {}),
      kind: o.kind,
      division: o.division,
      filed: o.filed ?? false,
      ...(o.legal_rep !== undefined ? { legalRep: o.legal_rep } : {}),
      ...(o.controller !== undefined ? { controller: o.controller } : {}),
      holders,
      recognitions: (o.recognitions ?? []).map((r) => ({ kind: r.kind, level: r.level, date: r.date, ...(r.grade ? { grade: r.grade } : {}) })),
      ...credit(o.credit, `${at}.credit`),
    };
  });
  const people: Person[] = raw.people.map((p, i) => ({ ref: p.ref, name: p.name, broker: p.broker ?? false, ...credit(p.credit, `people[${i}].credit`) }));
  // References resolve to the objects themselves; an unknown one is already an issue (the case is
  // rejected), so a stand-in keeps building the rest for a complete report.
  const orgByRef = new Map(organizations.map((o) => [o.ref, o]));
  const personByRef = new Map(people.map((p) => [p.ref, p]));
  const orgOf = (r: string): Organization => orgByRef.get(r) ?? { ref: r, name: r, kind: 'other', division: '', filed: false, holders: [], recognitions: [] };
  const personOf = (r: string): Person => personByRef.get(r) ?? { ref: r, name: r, broker: false };

  const contractRefs = new Set<string>();
  const contracts: Contract[] = raw.contracts.map((c, i) => {
    const at = `contracts[${i}]`;
    if (contractRefs.has(c.ref)) issues.push({ path: `${at}.ref`, reason: `合同引用名“${c.ref}”重复` });
    contractRefs.add(c.ref);
    needOrg(c.seller, `${at}.seller`);
    needOrg(c.buyer, `${at}.buyer`);
    const amount = money(c.amount, `${at}.amount`, issues, { positive: true });
    const techAmount = c.tech_amount === undefined ? amount : money(c.tech_amount, `${at}.tech_amount`, issues);
    const brokers = (c.brokers ?? []).map((b, j) => {
      needPerson(b.person, `${at}.brokers[${j}].person`);
      let share = rat(1n);
      if (b.share !== undefined) {
        const s = parseDecimal(b.share, 6);
        if (!s.ok) issues.push({ path: `${at}.brokers[${j}].share`, reason: s.reason });
        else if (cmp(s.value, rat(0n)) <= 0) issues.push({ path: `${at}.brokers[${j}].share`, reason: '份额应大于0' });
        else share = s.value;
      }
      return { person: personOf(b.person), share };
    });
    let licenseTerm: Rational | undefined;
    if (c.license_term !== undefined) {
      const t = parseDecimal(c.license_term, 2);
      if (!t.ok) issues.push({ path: `${at}.license_term`, reason: t.reason });
      else if (cmp(t.value, rat(0n)) <= 0) issues.push({ path: `${at}.license_term`, reason: '许可期限（年）应大于0' });
      else licenseTerm = t.value;
    }
    if (c.registration?.office !== undefined) needOrg(c.registration.office, `${at}.registration.office`);
    const thirdParties = (c.third_parties ?? []).map((t, j) => {
      needOrg(t.org, `${at}.third_parties[${j}].org`);
      return { org: orgOf(t.org), role: t.role };
    });
    const funding = (c.funding ?? []).map((f, j) => ({
      level: f.level,
      ...(f.program !== undefined ? { program: f.program } : {}),
      amount: money(f.amount, `${at}.funding[${j}].amount`, issues),
    }));
    const payments = c.payments.map((p, j) => ({
      date: p.date,
      amount: money(p.amount, `${at}.payments[${j}].amount`, issues),
      voucher: p.voucher ?? false,
      invoice: p.invoice === undefined || p.invoice === null ? 0 : money(p.invoice, `${at}.payments[${j}].invoice`, issues),
      invoiceNamesContract: p.invoice_names_contract ?? true,
    }));
    return {
      ref: c.ref,
      type: c.type,
      ...(c.subtype !== undefined ? { subtype: c.subtype } : {}),
      ...(licenseTerm ? { licenseTerm } : {}),
      seller: orgOf(c.seller),
      buyer: orgOf(c.buyer),
      amount,
      techAmount,
      signed: c.signed,
      ...(c.registration
        ? { registration: { number: c.registration.number, date: c.registration.date, ...(c.registration.office ? { office: orgOf(c.registration.office) } : {}) } }
        : {}),
      thirdParties,
      fiscalFunds: c.fiscal_funds ?? false,
      implementedIn: c.implemented_in ?? orgByRef.get(c.buyer)?.division ?? '',
      brokers,
      declaredRelated: c.declared_related ?? false,
      funding,
      payments,
    };
  });

  if (raw.expect) {
    raw.expect.awards.forEach((a, i) => {
      if (!orgRefs.has(a.to) && !personRefs.has(a.to)) issues.push({ path: `expect.awards[${i}].to`, reason: `未知单位或人员引用“${a.to}”` });
    });
    raw.expect.awards.forEach((a, i) => knownRule(a.rule, `expect.awards[${i}].rule`));
    const reasons = new Set([...Object.keys(EXCLUSION_REASON_LABELS), ...(policy?.rules.flatMap((r) => r.conditions.map((c) => c.reason)) ?? [])]);
    (raw.expect.excluded ?? []).forEach((e, i) => {
      if (!contractRefs.has(e.contract)) issues.push({ path: `expect.excluded[${i}].contract`, reason: `未知合同引用“${e.contract}”` });
      knownRule(e.rule, `expect.excluded[${i}].rule`);
      if (!reasons.has(e.reason)) issues.push({ path: `expect.excluded[${i}].reason`, reason: `未知排除原因“${e.reason}”` });
    });
  }
  return { budgets, organizations, people, contracts };
}

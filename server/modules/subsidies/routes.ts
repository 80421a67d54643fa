/**
 * Subsidy routes: the built-in policies (public: they are public documents), and settlement runs —
 * start one, list them, read one, its awards, and one award explained in Chinese with its trace.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../common/registry-schema.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import type { Award, TraceEntry } from './engine.js';
import { explainAward } from './explain.js';
import { builtInPolicy, builtInPolicyIds, parametersForYear, type Policy } from './policy.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { isPolicyOfJurisdiction } from './policy-scope.js';
import type { Ctx } from '../../context.js';
import { getAwardExplanation, getRun, listAwards, listExclusions, listRuns, runSettlement } from './settlement.js';

const TAGS = ['subsidies'];
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

const settlementInput = z.strictObject({
  policy: z.string().min(1).max(60),
  year: z.number().int().min(2000).max(2100),
  budgets: z.record(z.string().max(60), z.number().int().nonnegative()).optional(),
  overrides: z.record(z.string().max(80), z.unknown()).optional(),
  /** The decision date: credit records in force on it count (default today, Beijing). */
  decidedOn: isoDate.optional(),
});

function policySummary(p: Policy) {
  return { id: p.id, title: p.title, document: p.document, jurisdiction: p.jurisdiction, effective: p.effective, rules: p.rules.map((r) => ({ id: r.id, title: r.title })) };
}

function policyDetail(p: Policy) {
  return {
    ...policySummary(p),
    ...(p.expires ? { expires: p.expires } : {}),
    evidence: p.evidence,
    parameters: [...p.parameters.values()].map((param) => ({
      name: param.name,
      kind: param.kind,
      ...(param.maximum ? { maximum: `${param.maximum.num}/${param.maximum.den}` } : {}),
      versions: param.versions.map((v) => ({ value: v.display, effective: v.effective, reference: v.reference })),
    })),
    rules: p.rules.map((r) => ({
      id: r.id,
      title: r.title,
      reference: r.reference,
      beneficiaries: r.roles,
      conditions: r.conditions.map((c) => ({ reason: c.reason, label: r.reasonLabels[c.reason] ?? null, ...(c.role ? { role: c.role } : {}) })),
    })),
  };
}

export function subsidyRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/subsidies/policies', { schema: { tags: TAGS, summary: '内置奖补政策（usable：本辖区可按其结算、发布通知）' } }, async (req) => {
    const c = ctx(req);
    return builtInPolicyIds().map((id) => {
      const p = builtInPolicy(id)!;
      return { ...policySummary(p), usable: c.actor.id !== null && isPolicyOfJurisdiction(c.actor, p) };
    });
  });
  r.get('/api/subsidies/policies/:id', { schema: { tags: TAGS, summary: '奖补政策详情：参数（含生效日期与依据）和规则', params: idParams } }, async (req) => {
    const p = builtInPolicy(req.params.id);
    if (!p) throw new AppError('NOT_FOUND', `政策 ${req.params.id} 不存在`);
    return policyDetail(p);
  });

  r.post('/api/subsidies/settlements', { schema: { tags: TAGS, summary: '年度结算（免申即享：全库测算），结果不可更改', body: settlementInput } }, async (req, reply) => {
    const c = ctx(req);
    const p = builtInPolicy(req.body.policy);
    // Validate the year against the policy before loading the whole registry.
    if (p) parametersForYear(p, req.body.year);
    reply.code(201);
    return runSettlement(c, req.body);
  });
  r.get('/api/subsidies/settlements', { schema: { tags: TAGS, summary: '结算批次列表' } }, async (req) => {
    const c = ctx(req);
    assertCan(c.actor, 'subsidies.settlement.read');
    // A city reads its districts' runs: the prefix (4104), not its own full code (410400).
    return listRuns(c.db, jurisdictionPrefix(c.actor.jurisdictionCode));
  });
  r.get('/api/subsidies/settlements/:id', { schema: { tags: TAGS, summary: '结算批次', params: idParams } }, async (req) => {
    const c = ctx(req);
    return runInScope(c, req.params.id);
  });
  r.get('/api/subsidies/settlements/:id/awards', {
    schema: { tags: TAGS, summary: '结算批次的奖补（可按受益方筛选）', params: idParams, querystring: z.strictObject({ beneficiary: z.string().max(64).optional() }) },
  }, async (req) => {
    const c = ctx(req);
    await runInScope(c, req.params.id);
    return listAwards(c.db, req.params.id, req.query.beneficiary);
  });
  r.get('/api/subsidies/settlements/:id/exclusions', {
    schema: {
      tags: TAGS,
      summary: '结算批次中不予支持的合同与原因（可按合同筛选；默认前 500 条）',
      params: idParams,
      querystring: z.strictObject({ contract: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
    },
  }, async (req) => {
    const c = ctx(req);
    await runInScope(c, req.params.id);
    const exclusions = await listExclusions(c.db, req.params.id, req.query.contract, req.query.limit);
    // A person reads the contract's name and registration number, never its id.
    const ids = [...new Set(exclusions.map((e) => e.contract))];
    const names = new Map<string, { name: string; registrationNumber: string | null }>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const k of await c.db.selectFrom('contract').select(['id', 'name', 'registration_number']).where('id', 'in', ids.slice(i, i + 500)).execute()) names.set(k.id, { name: k.name, registrationNumber: k.registration_number });
    }
    return exclusions.map((e) => ({ ...e, contractName: names.get(e.contract)?.name ?? null, registrationNumber: names.get(e.contract)?.registrationNumber ?? null }));
  });
  r.get('/api/subsidies/settlements/:id/awards/:seq', {
    schema: { tags: TAGS, summary: '一笔奖补的计算依据（中文说明与完整 trace）', params: idParams.extend({ seq: z.coerce.number().int().min(1) }) },
  }, async (req) => {
    const c = ctx(req);
    const run = await runInScope(c, req.params.id);
    const explained = await getAwardExplanation(c.db, req.params.id, req.params.seq);
    const award: Award = { to: explained.beneficiaryRef, rule: explained.rule, amount: explained.amountYuan, trace: explained.trace as TraceEntry[] };
    const nameOf = (ref: string) => {
      const k = explained.contracts[ref];
      return k ? `${k.name}${k.registrationNumber ? `（${k.registrationNumber}）` : ''}` : ref;
    };
    return { ...explained, lines: explainAward(award, nameOf, builtInPolicy(run.policyId)) };
  });
}

/**
 * A run the actor's jurisdiction may read: its own, or a district's under a city. Another
 * jurisdiction's run answers as a missing one, so its existence is not told either.
 */
async function runInScope(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'subsidies.settlement.read');
  const run = await getRun(ctx.db, id).catch(() => null);
  if (!run || !isWithinJurisdiction(ctx.actor.jurisdictionCode, run.jurisdictionCode)) throw new AppError('NOT_FOUND', '该结算批次不存在，或不属于本辖区');
  return run;
}

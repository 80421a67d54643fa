/**
 * 免申即享 / 政策找企业: for each notice open today, what the engine gives the user's unit (and, for
 * a broker, the unit's brokers) on today's evidence — the same settlement the operator will run,
 * computed and not stored (subsidies/settlement.ts previewSettlement) — in words, with what stands
 * between it and more: a payment without its invoice, a contract not yet registered, a contract
 * outside the base year. Applying from an estimate is the ordinary application creation with the
 * contracts the estimate counted.
 */
import { APPLICATION_STATUSES } from '../../../common/application-vocabulary.js';
import { chinaDate } from '../../../common/dates.js';
import { PAYMENT_NOTE_LABELS } from '../../../common/subsidy-vocabulary.js';
import type { Prospect, ProspectPage } from '../../../common/workbench-api.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { createApplication } from '../applications/applications.js';
import { ruleTitleOf } from '../applications/notices.js';
import type { NoticeRow } from '../applications/repo.js';
import { applicationInput } from '../applications/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import type { Award, Exclusion, TraceEntry } from '../subsidies/engine.js';
import { exclusionText } from '../subsidies/explain.js';
import { previewSettlement } from '../subsidies/settlement.js';
import { awardSentence, fenWords, traceInWords, yuanWords } from '../subsidies/trace-words.js';

const NOT_IN_WORLD = new Set(['draft']);
const PENDING_REGISTRATION: Record<string, string> = { submitted: '已提交、待登记机构审核', materials_requested: '待补正材料' };

interface Beneficiary {
  ref: string;
  kind: 'organization' | 'person';
  name: string;
  organizationId: string;
  organizationName: string;
}

interface UnitContract {
  id: string;
  name: string;
  registration_number: string | null;
  status: string;
  signed_on: string;
}

/** The notices an applicant may apply to today (as /notices?open=true lists them). */
async function openNotices(ctx: Ctx, today: string): Promise<NoticeRow[]> {
  return ctx.db
    .selectFrom('subsidy_notice')
    .selectAll()
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
    .where('status', '=', 'published')
    .where('opens_on', '<=', today)
    .where('closes_on', '>=', today)
    .orderBy('closes_on')
    .orderBy('id')
    .execute();
}

/** The user's units, and for a broker the brokers (people named as brokers on contracts) affiliated with them. */
async function beneficiariesOf(ctx: Ctx): Promise<Beneficiary[]> {
  const ids = ctx.actor.organizationIds;
  if (!ids.length) return [];
  const orgs = await ctx.db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
  const out: Beneficiary[] = orgs.map((o) => ({ ref: o.id, kind: 'organization', name: o.name, organizationId: o.id, organizationName: o.name }));
  if (ctx.actor.roles.includes('broker')) {
    const people = await ctx.db
      .selectFrom('affiliation')
      .innerJoin('person', 'person.id', 'affiliation.person_id')
      .innerJoin('organization', 'organization.id', 'affiliation.organization_id')
      .select(['person.id as id', 'person.name as name', 'organization.id as orgId', 'organization.name as orgName'])
      .where('affiliation.organization_id', 'in', ids)
      .where((eb) => eb.exists(eb.selectFrom('contract_broker').select('contract_broker.id').whereRef('contract_broker.person_id', '=', 'person.id')))
      .orderBy('person.name')
      .execute();
    for (const p of people) out.push({ ref: p.id, kind: 'person', name: p.name, organizationId: p.orgId, organizationName: p.orgName });
  }
  return out;
}

/** Every contract a beneficiary is a party or broker to, whatever its state (cancelled and revoked ones aside). */
async function contractsOf(ctx: Ctx, b: Beneficiary): Promise<UnitContract[]> {
  const link =
    b.kind === 'organization'
      ? ctx.db.selectFrom('contract_party').select('contract_id').where('organization_id', '=', b.ref)
      : ctx.db.selectFrom('contract_broker').select('contract_id').where('person_id', '=', b.ref);
  return ctx.db
    .selectFrom('contract')
    .select(['id', 'name', 'registration_number', 'status', 'signed_on'])
    .where('id', 'in', link)
    .where('status', 'not in', ['cancelled', 'revoked'])
    .orderBy('signed_on')
    .orderBy('id')
    .execute();
}

const contractsCounted = (awards: Award[]) => new Set(awards.flatMap((a) => a.trace.flatMap((t) => (t.step === 'contract' ? [t.contract] : []))));

/** The estimates of every open notice for the user's units (and brokers). */
export async function prospectsFor(ctx: Ctx): Promise<ProspectPage> {
  assertCan(ctx.actor, 'applications.application.create');
  const today = chinaDate(ctx.clock.now());
  const notices = await openNotices(ctx, today);
  const beneficiaries = await beneficiariesOf(ctx);
  const items: Prospect[] = [];
  if (!notices.length || !beneficiaries.length) return { asOf: today, items };
  const contractsByRef = new Map<string, UnitContract[]>();
  for (const b of beneficiaries) contractsByRef.set(b.ref, await contractsOf(ctx, b));
  const applications = await ctx.db
    .selectFrom('subsidy_application')
    .select(['id', 'number', 'status', 'notice_id', 'beneficiary_ref'])
    .where('notice_id', 'in', notices.map((n) => n.id))
    .where('beneficiary_ref', 'in', beneficiaries.map((b) => b.ref))
    .execute();
  for (const notice of notices) {
    const rules = new Set(JSON.parse(notice.rules) as string[]);
    const allContracts = [...new Set([...contractsByRef.values()].flat().map((c) => c.id))];
    const preview = await previewSettlement(ctx, {
      policy: notice.policy_id,
      year: notice.year,
      budgets: JSON.parse(notice.budgets) as Record<string, number>,
      overrides: JSON.parse(notice.overrides) as Record<string, unknown>,
      applications: { ref: notice.id, contracts: allContracts, beneficiaries: beneficiaries.map((b) => b.ref) },
    });
    const { result, world, policy } = preview;
    const inWorld = new Map(world.contracts.map((c) => [c.ref, c]));
    const baseYear = notice.year - 1;
    for (const b of beneficiaries) {
      const mine = contractsByRef.get(b.ref) ?? [];
      const named = new Map(mine.map((c) => [c.id, c]));
      const nameOf = (ref: string) => {
        const c = named.get(ref);
        return c ? `${c.name}${c.registration_number ? `（${c.registration_number}）` : ''}` : '其他合同';
      };
      const awards = result.awards.filter((a) => a.to === b.ref && rules.has(a.rule) && a.amount > 0);
      const counted = contractsCounted(awards);
      const obstacles: string[] = [];
      // Base-year payments of the beneficiary's contracts that lack their evidence (whether or not the contract counts otherwise).
      for (const c of mine) {
        const k = inWorld.get(c.id);
        for (const p of k?.payments ?? []) {
          if (!p.date.startsWith(String(baseYear))) continue;
          const missing = [!p.voucher && '无转账凭证', p.invoice === 0 ? '无发票' : p.invoice < p.amount && `发票只开具 ${fenWords(p.invoice)}`].filter(Boolean);
          if (missing.length) obstacles.push(`合同「${nameOf(c.id)}」${p.date} 到账 ${fenWords(p.amount)}：${missing.join('，')}，不计入；补齐后可计入`);
        }
      }
      // Payments a policy did not count for an invoice that does not name the contract.
      for (const a of awards) {
        for (const t of a.trace as TraceEntry[]) {
          if (t.step !== 'contract') continue;
          for (const p of t.payments ?? []) {
            if (p.why?.includes('invoice_not_naming_contract')) obstacles.push(`合同「${nameOf(t.contract)}」${p.date} 到账 ${fenWords(p.amount_fen)}：${PAYMENT_NOTE_LABELS.invoice_not_naming_contract}`);
          }
        }
      }
      // Contracts a rule of the notice looked at for this beneficiary and set aside.
      const seen = new Set<string>();
      const mineRefs = new Set(mine.map((c) => c.id));
      const visit = (e: Exclusion) => {
        if (!rules.has(e.rule) || !mineRefs.has(e.contract) || counted.has(e.contract)) return;
        const rule = policy.rules.find((r) => r.id === e.rule);
        const c = inWorld.get(e.contract);
        if (!rule || !c) return;
        const fits =
          e.to !== undefined
            ? e.to === b.ref
            : (rule.roles.includes('buyer') && c.buyer.ref === b.ref) || (rule.roles.includes('seller') && c.seller.ref === b.ref) || (rule.roles.includes('broker') && c.brokers.some((x) => x.person.ref === b.ref));
        if (!fits) return;
        const key = `${e.contract}|${e.rule}`;
        if (seen.has(key)) return;
        seen.add(key);
        const status = named.get(e.contract)?.status ?? '';
        const why = e.reason === 'not_registered' && PENDING_REGISTRATION[status] ? `尚未完成登记（${PENDING_REGISTRATION[status]}），登记后可计入` : exclusionText(policy, e);
        obstacles.push(`合同「${nameOf(e.contract)}」未计入「${ruleTitleOf(policy, e.rule)}」：${why}`);
      };
      if (result.eachExclusion) result.eachExclusion((contract, rule, reason, to) => visit({ contract, rule, reason, ...(to !== undefined ? { to } : {}) }));
      else result.excluded.forEach(visit);
      // Contracts the settlement does not read at all: drafts, and those signed after the base year.
      for (const c of mine) {
        if (inWorld.has(c.id)) continue;
        if (NOT_IN_WORLD.has(c.status)) obstacles.push(`合同「${nameOf(c.id)}」尚未提交登记：提交并完成登记后可计入`);
        else if (c.signed_on > `${baseYear}-12-31`) obstacles.push(`合同「${nameOf(c.id)}」签订于 ${c.signed_on.slice(0, 4)} 年，本通知只计基准年度（${baseYear} 年）的到账额，可在以后年度申报`);
      }
      const amountYuan = awards.reduce((s, a) => s + a.amount, 0);
      const app = applications.find((a) => a.notice_id === notice.id && a.beneficiary_ref === b.ref);
      // A broker's estimate is shown only when there is something to say.
      if (b.kind === 'person' && !awards.length && !obstacles.length) continue;
      items.push({
        noticeId: notice.id,
        noticeTitle: notice.title,
        policyTitle: policy.title,
        year: notice.year,
        baseYear,
        closesOn: notice.closes_on,
        organizationId: b.organizationId,
        organizationName: b.organizationName,
        personId: b.kind === 'person' ? b.ref : null,
        beneficiaryName: b.name,
        amountYuan,
        amountText: yuanWords(amountYuan),
        awards: awards.map((a) => ({ ruleTitle: ruleTitleOf(policy, a.rule), amountYuan: a.amount, sentence: awardSentence(a, policy), lines: traceInWords(a, policy, nameOf) })),
        contracts: mine.filter((c) => inWorld.has(c.id)).map((c) => ({ id: c.id, name: c.name, registrationNumber: c.registration_number, counted: counted.has(c.id) })),
        obstacles,
        application: app ? { id: app.id, number: app.number, statusLabel: APPLICATION_STATUSES.label(app.status) } : null,
      });
    }
  }
  return { asOf: today, items };
}

/** Applies from an estimate: a draft application under the notice with the contracts the estimate counts. */
export async function applyFromProspect(ctx: Ctx, input: { noticeId: string; organizationId: string; personId?: string | undefined }) {
  const scope = assertCan(ctx.actor, 'applications.application.create');
  if (scope === 'own' && !ctx.actor.organizationIds.includes(input.organizationId)) throw new AppError('FORBIDDEN', '只能为本账号所代表的单位申报', { field: 'organizationId' });
  const page = await prospectsFor(ctx);
  const prospect = page.items.find((p) => p.noticeId === input.noticeId && p.organizationId === input.organizationId && p.personId === (input.personId ?? null));
  if (!prospect) throw new AppError('VALIDATION', '该通知今天不在申报期内，或不是本单位可申报的通知', { field: 'noticeId' });
  if (prospect.application) throw new AppError('CONFLICT', `已就本通知申报（申报编号 ${prospect.application.number}），请打开原申报`, { field: 'noticeId' });
  const contractIds = prospect.contracts.filter((c) => c.counted).map((c) => c.id);
  if (!contractIds.length) throw new AppError('VALIDATION', '按今天的登记和到账情况，没有可计入本通知奖补的合同；请先补齐上面列出的材料', { field: 'contractIds' });
  return createApplication(ctx, applicationInput.parse({ noticeId: input.noticeId, organizationId: input.organizationId, ...(input.personId ? { personId: input.personId } : {}), contractIds }));
}

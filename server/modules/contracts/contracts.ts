/**
 * Technology contracts (技术合同): create a draft, edit it while it is a draft or awaiting
 * materials, move it through the registration workflow (workflow.ts), read and list. Every change
 * is audited in its own transaction; `version` guards against lost updates.
 */
import { sql } from 'kysely';
import { chinaDate } from '../../../common/dates.js';
import { maskResidentId } from '../../../common/resident-id.js';
import type { Contract, ContractDetail, ContractParty, ContractStep } from '../../../common/contract-api.js';
import type { ContractStatus, ContractSubtype, ContractType, RejectionReason } from '../../../common/vocabulary.js';
import { REJECTION_REASONS } from '../../../common/vocabulary.js';
import type { Actor, Clock, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { findDivision, isKnownDivision, isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';
import { isSubtypeOf, typeUnder2001Rules } from './classification.js';
import { EARLIEST_FACT_DATE, checkFactDate } from './fact-dates.js';
import { reviewDeadline } from './deadlines.js';
import type { WorkingCalendar } from './holidays.js';
import { workingCalendar } from '../calendar/stored-calendar.js';
import { yuanText } from './money.js';
import {
  type ContractChildren,
  type ContractRow,
  type StepRow,
  appendStep,
  childrenOf,
  findContractById,
  findContractByRegistrationNumber,
  insertChildren,
  namesOf,
  partyOrganizationIds,
  thirdPartyOrganizationIds,
  replaceChildren,
  stepsOf,
} from './repo.js';
import type { ContractInput, ContractPatch, ContractQuery, PartyInput, TransitionInput } from './schema.js';
import { tallyContracts } from './tallies.js';
import { EDITABLE_STATUSES, REGISTERED_STATUSES, nextStatuses, transitionAction } from './workflow.js';
import { notifyContractStep } from '../notifications/applicant-notices.js';
import { assertPricingPublicized } from '../pricing/gate.js';


/** Presents rows (contract + children + names) as the API's Contract. */
async function present(db: Executor, rows: ContractRow[]): Promise<Contract[]> {
  const children = await childrenOf(db, rows.map((r) => r.id));
  const orgIds: string[] = [];
  const personIds: string[] = [];
  for (const r of rows) if (r.registration_office_id) orgIds.push(r.registration_office_id);
  for (const c of children.values()) {
    for (const p of c.parties) if (p.organization_id) orgIds.push(p.organization_id);
    for (const t of c.thirdParties) orgIds.push(t.organization_id);
    for (const b of c.brokers) personIds.push(b.person_id);
  }
  const names = await namesOf(db, orgIds, personIds);
  const calendar = rows.some((r) => r.status === 'submitted') ? await workingCalendar(db) : null;
  return rows.map((r) => {
    const c = children.get(r.id)!;
    const party = (p: ContractChildren['parties'][number]): ContractParty => {
      const org = p.organization_id ? names.organizations.get(p.organization_id) : undefined;
      return {
        organizationId: p.organization_id,
        name: org?.name ?? p.person_name ?? '',
        uscc: org?.uscc ?? null,
        kind: org?.kind ?? null,
        divisionCode: org?.division_code ?? null,
        personIdMasked: p.person_id_masked,
      };
    };
    const office = r.registration_office_id ? names.organizations.get(r.registration_office_id) : undefined;
    const status = r.status as ContractStatus;
    return {
      id: r.id,
      jurisdictionCode: r.jurisdiction_code,
      name: r.name,
      type: r.type as ContractType,
      subtype: r.subtype as ContractSubtype,
      type2001: typeUnder2001Rules({ type: r.type as ContractType }),
      licenseScope: r.license_scope,
      licenseYears: r.license_years,
      sellers: c.parties.filter((p) => p.side === 'seller').map(party),
      buyers: c.parties.filter((p) => p.side === 'buyer').map(party),
      signedOn: r.signed_on,
      termStart: r.term_start,
      termEnd: r.term_end,
      amountFen: Number(r.amount_fen),
      techAmountFen: Number(r.tech_amount_fen),
      deductions: {
        materialsFen: Number(r.deduction_materials_fen),
        equipmentFen: Number(r.deduction_equipment_fen),
        componentsFen: Number(r.deduction_components_fen),
        otherFen: Number(r.deduction_other_fen),
      },
      techField: r.tech_field,
      ipItems: JSON.parse(r.ip_items) as { kind: string; number: string }[],
      registrationNumber: r.registration_number,
      registeredOn: r.registered_on,
      registrationOffice: office ? { id: office.id, name: office.name } : r.registration_office_id ? { id: r.registration_office_id, name: '' } : null,
      implementationDivision: r.implementation_division,
      implementationDivisionName: r.implementation_division ? (findDivision(r.implementation_division)?.fullName ?? null) : null,
      brokers: c.brokers.map((b) => ({ personId: b.person_id, name: names.people.get(b.person_id)?.name ?? '', share: b.share_e4 / 10_000 })),
      thirdParties: c.thirdParties.map((t) => ({ organizationId: t.organization_id, name: names.organizations.get(t.organization_id)?.name ?? '', role: t.role })),
      declaredRelated: r.declared_related === 1,
      fiscalFunded: r.fiscal_funded === 1,
      funding: c.funding.map((f) => ({ level: f.level, programme: f.programme, amountFen: Number(f.amount_fen) })),
      status,
      firstSubmittedOn: r.first_submitted_on,
      submittedOn: r.submitted_on,
      rejectionReason: r.rejection_reason as RejectionReason | null,
      statusNote: r.status_note,
      deadline:
        status === 'submitted' && r.submitted_on && r.first_submitted_on
          ? reviewDeadline({ firstSubmittedOn: r.first_submitted_on, submittedOn: r.submitted_on, techAmountFen: Number(r.tech_amount_fen) }, calendar!)
          : null,
      nextStatuses: nextStatuses(status),
      isDemo: r.is_demo === 1,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export function presentSteps(steps: StepRow[], contract: { firstSubmittedOn: string | null; techAmountFen: number }, today: string, calendar: WorkingCalendar): ContractStep[] {
  return steps.map((s, i) => {
    const step: ContractStep = {
      seq: s.seq, from: s.from_status as ContractStatus | null, to: s.to_status as ContractStatus, at: s.at, onDate: s.on_date, actorName: s.actor_name,
      reason: s.reason as RejectionReason | null, note: s.note,
    };
    if (s.to_status === 'submitted') {
      const d = reviewDeadline({ firstSubmittedOn: contract.firstSubmittedOn ?? s.on_date, submittedOn: s.on_date, techAmountFen: contract.techAmountFen }, calendar);
      const decidedOn = steps[i + 1]?.on_date ?? null;
      step.deadline = { ...d, decidedOn, overdue: (decidedOn ?? today) > d.due };
    }
    return step;
  });
}

/** The audited view: business fields without bookkeeping or derived values. */
function auditView(c: Contract) {
  const { createdAt: _c, updatedAt: _u, deadline: _d, nextStatuses: _n, type2001: _t, registrationOffice, implementationDivisionName: _i, ...rest } = c;
  return {
    ...rest,
    registrationOfficeId: registrationOffice?.id ?? null,
    sellers: rest.sellers.map((p) => ({ organizationId: p.organizationId, name: p.organizationId ? undefined : p.name, personIdMasked: p.personIdMasked })),
    buyers: rest.buyers.map((p) => ({ organizationId: p.organizationId, name: p.organizationId ? undefined : p.name, personIdMasked: p.personIdMasked })),
    brokers: rest.brokers.map((b) => ({ personId: b.personId, share: b.share })),
    thirdParties: rest.thirdParties.map((t) => ({ organizationId: t.organizationId, role: t.role })),
  };
}

// ——— who may reach a contract ———

export async function canReach(db: Executor, actor: Actor, action: Action, row: ContractRow): Promise<boolean> {
  const scope = assertCan(actor, action);
  if (scope === 'jurisdiction') return isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code);
  const orgs = await partyOrganizationIds(db, row.id);
  if (orgs.some((id) => actor.organizationIds.includes(id))) return true;
  // A third party (the agency that brokered it, say) reads the contract; only the parties change it.
  return action === 'contracts.contract.read' && (await thirdPartyOrganizationIds(db, row.id)).some((id) => actor.organizationIds.includes(id));
}

export async function assertReachesContract(db: Executor, actor: Actor, action: Action, row: ContractRow): Promise<void> {
  if (!(await canReach(db, actor, action, row))) throw new AppError('FORBIDDEN', '无权访问该合同');
}

export async function loadContractFor(db: Executor, actor: Actor, action: Action, id: string): Promise<ContractRow> {
  const row = await findContractById(db, id);
  if (!row) throw notFound('合同', id);
  await assertReachesContract(db, actor, action, row);
  return row;
}

// ——— validation beyond the schema ———

interface Checked {
  techAmountFen: number;
  children: (contractId: string) => ContractChildren;
}

function partyKey(p: PartyInput): string | null {
  return 'organizationId' in p ? p.organizationId : null;
}

/** Checks what the schema cannot; every error names its field. */
export async function checkContract(ctx: Ctx, db: Executor, input: ContractInput): Promise<Checked> {
  const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });
  if (!isSubtypeOf(input.type, input.subtype)) throw fail('subtype', '合同子类与合同类别不符');
  if (input.type === 'license') {
    if (!input.licenseScope) throw fail('licenseScope', '技术许可合同须填写许可方式（独占、排他或普通）');
    if (input.licenseYears === undefined) throw fail('licenseYears', '技术许可合同须填写许可年限');
  } else {
    if (input.licenseScope) throw fail('licenseScope', '仅技术许可合同填写许可方式');
    if (input.licenseYears !== undefined) throw fail('licenseYears', '仅技术许可合同填写许可年限');
  }
  checkFactDate(ctx.clock, 'signedOn', '签订日期', input.signedOn);
  if (input.termStart && input.termStart < EARLIEST_FACT_DATE) throw fail('termStart', `合同有效期的起始日期不能早于 ${EARLIEST_FACT_DATE}`);
  if (input.termEnd && input.termEnd > '2100-12-31') throw fail('termEnd', '合同有效期的终止日期不能晚于 2100-12-31');
  if (input.termStart && input.termEnd && input.termEnd < input.termStart) throw fail('termEnd', '合同有效期的终止日期不能早于起始日期');
  const d = input.deductions;
  const deducted = d.materialsFen + d.equipmentFen + d.componentsFen + d.otherFen;
  if (deducted > input.amountFen) {
    throw fail('deductions', `非技术性费用合计 ${yuanText(deducted)} 元超过成交额 ${yuanText(input.amountFen)} 元`);
  }
  const techAmountFen = input.amountFen - deducted;
  if (input.techAmountFen !== undefined && input.techAmountFen !== techAmountFen) {
    throw fail('techAmountFen', `技术交易额应等于成交额减去非技术性费用（材料、设备、零部件、其他）：${yuanText(techAmountFen)} 元`);
  }
  if (input.implementationDivision && !isKnownDivision(input.implementationDivision)) {
    throw fail('implementationDivision', `行政区划代码 ${input.implementationDivision} 不在 GB/T 2260 代码表中`);
  }
  const orgIds = new Set<string>();
  const seen = new Map<string, string>();
  for (const side of ['sellers', 'buyers'] as const) {
    for (const [i, p] of input[side].entries()) {
      const key = partyKey(p);
      if (!key) continue;
      const where = `${side}.${i}.organizationId`;
      const first = seen.get(key);
      if (first) throw fail(where, first.startsWith(side) ? '同一机构在当事人中重复' : '同一机构不能既是卖方又是买方');
      seen.set(key, where);
      orgIds.add(key);
    }
  }
  for (const [i, t] of input.thirdParties.entries()) {
    orgIds.add(t.organizationId);
    if (seen.has(t.organizationId)) throw fail(`thirdParties.${i}.organizationId`, '第三方不能是合同的买方或卖方');
  }
  const found = orgIds.size
    ? new Set((await db.selectFrom('organization').select('id').where('id', 'in', [...orgIds]).execute()).map((o) => o.id))
    : new Set<string>();
  for (const side of ['sellers', 'buyers'] as const) {
    for (const [i, p] of input[side].entries()) {
      const key = partyKey(p);
      if (key && !found.has(key)) throw fail(`${side}.${i}.organizationId`, `机构不存在：${key}`);
    }
  }
  for (const [i, t] of input.thirdParties.entries()) {
    if (!found.has(t.organizationId)) throw fail(`thirdParties.${i}.organizationId`, `机构不存在：${t.organizationId}`);
  }
  const brokerIds = input.brokers.map((b) => b.personId);
  const people = brokerIds.length
    ? new Set((await db.selectFrom('person').select('id').where('id', 'in', brokerIds).execute()).map((p) => p.id))
    : new Set<string>();
  for (const [i, b] of input.brokers.entries()) {
    if (!people.has(b.personId)) throw fail(`brokers.${i}.personId`, `人员不存在：${b.personId}`);
    if (brokerIds.indexOf(b.personId) !== i) throw fail(`brokers.${i}.personId`, '技术经纪人重复');
  }
  return {
    techAmountFen,
    children: (contractId) => ({
      parties: (['sellers', 'buyers'] as const).flatMap((side) =>
        input[side].map((p, position) => {
          const base = { id: newId(), contract_id: contractId, side: side === 'sellers' ? 'seller' : 'buyer', position };
          if ('organizationId' in p) {
            return { ...base, organization_id: p.organizationId, person_name: null, person_id_cipher: null, person_id_digest: null, person_id_masked: null };
          }
          const idNumber = p.personIdNumber;
          return {
            ...base,
            organization_id: null,
            person_name: p.personName,
            person_id_cipher: idNumber ? ctx.protector.encrypt(idNumber) : null,
            person_id_digest: idNumber ? ctx.protector.digest(idNumber) : null,
            person_id_masked: idNumber ? maskResidentId(idNumber) : null,
          };
        }),
      ),
      brokers: input.brokers.map((b) => ({ id: newId(), contract_id: contractId, person_id: b.personId, share_e4: Math.round(b.share * 10_000) })),
      thirdParties: input.thirdParties.map((t) => ({ id: newId(), contract_id: contractId, organization_id: t.organizationId, role: t.role })),
      funding: input.funding.map((f) => ({ id: newId(), contract_id: contractId, level: f.level, programme: f.programme, amount_fen: f.amountFen })),
    }),
  };
}

function assertOwnParty(actor: Actor, action: Action, input: ContractInput): void {
  if (assertCan(actor, action) !== 'own') return;
  const mine = [...input.sellers, ...input.buyers].some((p) => 'organizationId' in p && actor.organizationIds.includes(p.organizationId));
  if (!mine) throw new AppError('FORBIDDEN', '合同的买方或卖方须包含本单位', { field: 'sellers' });
}

function contractColumns(input: ContractInput, techAmountFen: number) {
  return {
    name: input.name,
    type: input.type,
    subtype: input.subtype,
    license_scope: input.licenseScope ?? null,
    license_years: input.licenseYears ?? null,
    signed_on: input.signedOn,
    term_start: input.termStart ?? null,
    term_end: input.termEnd ?? null,
    amount_fen: input.amountFen,
    tech_amount_fen: techAmountFen,
    deduction_materials_fen: input.deductions.materialsFen,
    deduction_equipment_fen: input.deductions.equipmentFen,
    deduction_components_fen: input.deductions.componentsFen,
    deduction_other_fen: input.deductions.otherFen,
    tech_field: input.techField,
    ip_items: JSON.stringify(input.ipItems),
    implementation_division: input.implementationDivision ?? null,
    declared_related: input.declaredRelated ? 1 : 0,
    fiscal_funded: input.fiscalFunded ? 1 : 0,
  };
}

export interface RegistrationRecord {
  registrationNumber: string;
  registeredOn: string;
  registrationOfficeId: string;
}

/**
 * Writes a new contract inside `trx`: a draft, or — for records taken over from the national system
 * (import) — a registered contract with its registration number, date and office.
 */
export async function insertContract(
  ctx: Ctx,
  trx: Executor,
  input: ContractInput,
  opts: { registration?: RegistrationRecord; isDemo?: boolean } = {},
): Promise<Contract> {
  const checked = await checkContract(ctx, trx, input);
  const id = newId();
  const nowInstant = ctx.clock.now();
  const now = nowInstant.toISOString();
  const reg = opts.registration;
  if (reg) await checkRegistration(trx, ctx.clock, reg, input.signedOn, null);
  const row: ContractRow = {
    id,
    jurisdiction_code: ctx.actor.jurisdictionCode,
    ...contractColumns(input, checked.techAmountFen),
    registration_number: reg?.registrationNumber ?? null,
    registered_on: reg?.registeredOn ?? null,
    registration_office_id: reg?.registrationOfficeId ?? null,
    status: reg ? 'registered' : 'draft',
    first_submitted_on: null,
    submitted_on: null,
    rejection_reason: null,
    status_note: null,
    is_demo: opts.isDemo ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('contract').values(row).execute();
  await insertChildren(trx, checked.children(id));
  if (reg) await tallyContracts(trx, [id]);
  await appendStep(trx, {
    id: newId(), contract_id: id, from_status: null, to_status: row.status, at: now, on_date: chinaDate(nowInstant),
    actor_name: ctx.actor.name, reason: null, note: reg ? '导入已登记合同' : null,
  });
  const [contract] = await present(trx, [row]);
  await audit(trx as never, ctx, { action: 'contracts.contract.create', subjectType: 'contract', subjectId: id, after: auditView(contract!) });
  return contract!;
}

/** Creates a draft contract. */
export async function createContract(ctx: Ctx, input: ContractInput): Promise<Contract> {
  assertOwnParty(ctx.actor, 'contracts.contract.create', input);
  return inTransaction(ctx, (trx) => insertContract(ctx, trx, input));
}

/** The editable input a stored contract corresponds to (natural persons keep their stored ID). */
function inputOf(c: Contract): Omit<ContractInput, 'sellers' | 'buyers'> {
  return {
    name: c.name,
    type: c.type,
    subtype: c.subtype,
    licenseScope: (c.licenseScope ?? undefined) as ContractInput['licenseScope'],
    licenseYears: c.licenseYears ?? undefined,
    signedOn: c.signedOn,
    termStart: c.termStart ?? undefined,
    termEnd: c.termEnd ?? undefined,
    amountFen: c.amountFen,
    techAmountFen: undefined,
    deductions: c.deductions,
    techField: c.techField as ContractInput['techField'],
    ipItems: c.ipItems as ContractInput['ipItems'],
    implementationDivision: c.implementationDivision ?? undefined,
    brokers: c.brokers.map((b) => ({ personId: b.personId, share: b.share })),
    thirdParties: c.thirdParties.map((t) => ({ organizationId: t.organizationId, role: t.role })),
    declaredRelated: c.declaredRelated,
    fiscalFunded: c.fiscalFunded,
    funding: c.funding as ContractInput['funding'],
  };
}

function assertVersion(row: { version: number }, version: number, what = '该合同'): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `${what}已被他人修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

async function bumpVersion(trx: Executor, row: ContractRow, set: Partial<ContractRow>): Promise<void> {
  const res = await trx
    .updateTable('contract')
    .set({ ...set, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该合同已被他人修改，请刷新后重试', { field: 'version' });
}

/** Edits a draft (or a contract awaiting materials); only the fields sent change. */
export async function updateContract(ctx: Ctx, id: string, patch: ContractPatch): Promise<Contract> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadContractFor(trx, ctx.actor, 'contracts.contract.update', id);
    assertVersion(row, patch.version);
    if (!EDITABLE_STATUSES.includes(row.status as ContractStatus)) {
      throw new AppError('CONFLICT', '只有草稿或待补正材料的合同可以修改', { field: 'status' });
    }
    const [before] = await present(trx, [row]);
    const stored = await childrenOf(trx, [id]);
    const storedParties = stored.get(id)!.parties;
    const { version: _v, ...sent } = patch;
    const changes = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v ?? undefined]));
    const keepParty = (side: string) =>
      storedParties.filter((p) => p.side === side).map((p) => (p.organization_id ? { organizationId: p.organization_id } : { personName: p.person_name!, _stored: p }));
    const merged = {
      ...inputOf(before!),
      sellers: keepParty('seller'),
      buyers: keepParty('buyer'),
      ...changes,
    } as ContractInput;
    // Changing the amount or deductions without the 技术交易额 recomputes it.
    assertOwnParty(ctx.actor, 'contracts.contract.update', merged);
    const checked = await checkContract(ctx, trx, merged);
    const children = checked.children(id);
    // Natural persons carried over from the stored contract keep their protected ID number.
    for (const p of children.parties) {
      const source = merged[p.side === 'seller' ? 'sellers' : 'buyers'][p.position] as { _stored?: (typeof storedParties)[number] };
      if (source._stored) {
        p.person_id_cipher = source._stored.person_id_cipher;
        p.person_id_digest = source._stored.person_id_digest;
        p.person_id_masked = source._stored.person_id_masked;
      }
    }
    const now = ctx.clock.now().toISOString();
    await bumpVersion(trx, row, { ...contractColumns(merged, checked.techAmountFen), updated_at: now });
    await replaceChildren(trx, id, children);
    const after = (await present(trx, [(await findContractById(trx, id))!]))[0]!;
    await audit(trx, ctx, { action: 'contracts.contract.update', subjectType: 'contract', subjectId: id, ...changedFields(auditView(before!), auditView(after)) });
    return after;
  });
}

async function checkRegistration(db: Executor, clock: Clock, reg: RegistrationRecord, signedOn: string, contractId: string | null): Promise<void> {
  const clash = await findContractByRegistrationNumber(db, reg.registrationNumber);
  if (clash && clash.id !== contractId) {
    throw new AppError('CONFLICT', `合同登记编号 ${reg.registrationNumber} 已用于合同“${clash.name}”`, { field: 'registrationNumber' });
  }
  checkFactDate(clock, 'registeredOn', '登记日期', reg.registeredOn);
  if (reg.registeredOn < signedOn) throw new AppError('VALIDATION', '登记日期不能早于合同签订日期', { field: 'registeredOn' });
  const office = await db.selectFrom('organization').select('id').where('id', '=', reg.registrationOfficeId).executeTakeFirst();
  if (!office) throw new AppError('VALIDATION', `登记机构不存在：${reg.registrationOfficeId}`, { field: 'registrationOfficeId' });
}

/** Moves a contract one step through the registration workflow. */
export async function transitionContract(ctx: Ctx, id: string, input: TransitionInput): Promise<ContractDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await findContractById(trx, id);
    if (!row) throw notFound('合同', id);
    // Who may not even read the contract learns nothing of its status from an illegal move's 409.
    await assertReachesContract(trx, ctx.actor, 'contracts.contract.read', row);
    const from = row.status as ContractStatus;
    const action = transitionAction(from, input.to);
    await assertReachesContract(trx, ctx.actor, action, row);
    assertVersion(row, input.version);
    const instant = ctx.clock.now();
    const today = chinaDate(instant);
    const set: Partial<ContractRow> = { status: input.to, status_note: input.note ?? null, rejection_reason: null, updated_at: instant.toISOString() };
    const need = (field: keyof TransitionInput, message: string) => {
      if (input[field] === undefined) throw new AppError('VALIDATION', message, { field });
    };
    switch (input.to) {
      case 'submitted':
        // An institution's transfer or licence waits for its 成果定价公示 (server/modules/pricing).
        await assertPricingPublicized(trx, row, today);
        set.submitted_on = today;
        set.first_submitted_on = row.first_submitted_on ?? today;
        break;
      case 'materials_requested':
        need('note', '请写明需要补正的材料');
        break;
      case 'registered': {
        need('registrationNumber', '登记时须填写合同登记编号');
        need('registrationOfficeId', '登记时须填写登记机构');
        const reg = { registrationNumber: input.registrationNumber!, registeredOn: input.registeredOn ?? today, registrationOfficeId: input.registrationOfficeId! };
        await checkRegistration(trx, ctx.clock, reg, row.signed_on, row.id);
        set.registration_number = reg.registrationNumber;
        set.registered_on = reg.registeredOn;
        set.registration_office_id = reg.registrationOfficeId;
        break;
      }
      case 'rejected':
        need('reason', `未予登记须选择原因：${Object.values(REJECTION_REASONS.table).join('、')}`);
        if (input.reason === 'other') need('note', '原因为“其他”时须写明说明');
        set.rejection_reason = input.reason!;
        break;
      default:
        need('note', '变更、注销或撤销登记须写明说明');
    }
    if (input.to !== 'registered' && (input.registrationNumber || input.registeredOn || input.registrationOfficeId)) {
      throw new AppError('VALIDATION', '只有登记时填写合同登记编号、登记日期和登记机构', { field: 'registrationNumber' });
    }
    if (input.to !== 'rejected' && input.reason) throw new AppError('VALIDATION', '只有未予登记时选择原因', { field: 'reason' });
    await bumpVersion(trx, row, set);
    // Registering, amending, cancelling or revoking changes what the contract counts as in the indicators.
    if (REGISTERED_STATUSES.includes(from) || REGISTERED_STATUSES.includes(input.to)) await tallyContracts(trx, [id]);
    await appendStep(trx, {
      id: newId(), contract_id: id, from_status: from, to_status: input.to, at: instant.toISOString(), on_date: today,
      actor_name: ctx.actor.name, reason: input.reason ?? null, note: input.note ?? null,
    });
    await audit(trx, ctx, {
      action,
      subjectType: 'contract',
      subjectId: id,
      before: { status: from, version: row.version },
      after: {
        status: input.to,
        version: row.version + 1,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(set.registration_number ? { registrationNumber: set.registration_number, registeredOn: set.registered_on, registrationOfficeId: set.registration_office_id } : {}),
      },
    });
    await notifyContractStep(trx, ctx, row, input.to, { registrationNumber: set.registration_number ?? null, note: input.note ?? null, reason: input.reason ?? null });
    return detailOf(trx, ctx, (await findContractById(trx, id))!);
  });
}

async function detailOf(db: Executor, ctx: Ctx, row: ContractRow): Promise<ContractDetail> {
  const [contract] = await present(db, [row]);
  const steps = await stepsOf(db, row.id);
  return { ...contract!, steps: presentSteps(steps, contract!, chinaDate(ctx.clock.now()), await workingCalendar(db)) };
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractDetail> {
  const row = await loadContractFor(ctx.db, ctx.actor, 'contracts.contract.read', id);
  return detailOf(ctx.db, ctx, row);
}

/** Contracts the actor may read, filtered and paged; newest signing first. */
export async function listContracts(ctx: Ctx, query: ContractQuery): Promise<{ items: Contract[]; total: number }> {
  const scope = assertCan(ctx.actor, 'contracts.contract.read');
  let base = ctx.db.selectFrom('contract');
  if (scope === 'jurisdiction') {
    base = base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  } else {
    const mine = ctx.actor.organizationIds.length ? ctx.actor.organizationIds : [''];
    base = base.where((eb) =>
      eb.or([
        eb('contract.id', 'in', eb.selectFrom('contract_party').select('contract_id').where('organization_id', 'in', mine)),
        eb('contract.id', 'in', eb.selectFrom('contract_third_party').select('contract_id').where('organization_id', 'in', mine)),
      ]),
    );
  }
  if (query.status) base = base.where('status', '=', query.status);
  if (query.type) base = base.where('type', '=', query.type);
  if (query.field) base = base.where('tech_field', '=', query.field);
  if (query.party) {
    base = base.where('contract.id', 'in', (eb) => eb.selectFrom('contract_party').select('contract_id').where('organization_id', '=', query.party!));
  }
  if (query.registrationYear) {
    base = base.where('registered_on', '>=', `${query.registrationYear}-01-01`).where('registered_on', '<=', `${query.registrationYear}-12-31`);
  }
  if (query.q) {
    const q = query.q;
    base = /^\d{14,16}$/.test(q)
      ? base.where('registration_number', '=', q)
      : base.where('name', 'like', sql<string>`${likePattern(q)} escape '\\'`);
  }
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll()
    .orderBy('signed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: await present(ctx.db, rows), total: Number(total) };
}

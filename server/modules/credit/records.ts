/**
 * 信用记录 (issue 14): credit records on organizations and people — entered by the operator, imported
 * from a 信用中国 or court list (credit-import.ts), or made in one step from an application whose
 * review found a false declaration (违背信用承诺). Subsidy settlements read them from the same table
 * (server/modules/subsidies/load-world.ts) and respect those in force on their decision date.
 * Government roles see the jurisdiction's records; a unit sees its own. Every change is audited on
 * the holder (机构 or 人员) in words, in the same transaction.
 */
import type { Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import {
  CREDIT_KINDS,
  CREDIT_RECORD_STATES,
  CREDIT_REPAIR_STATUSES,
  CREDIT_SOURCES,
  type CreditKindCode,
  type CreditRecordInput,
  type CreditRecordQuery,
  type CreditRecordState,
  type CreditRecordView,
  type CreditRepairStatus,
  type CreditSourceCode,
} from '../../../common/credit.js';
import { creditRecordText, dateWords } from '../../../common/credit-vocabulary.js';
import { chinaDate } from '../../../common/dates.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { CreditRecordTable, Database } from '../../db/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan, assertReachesOrganization } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';

export type CreditRecordRow = Selectable<CreditRecordTable>;

/** The source in words: the list's or court's name when given, else the source's label. */
export const sourceWords = (r: Pick<CreditRecordRow, 'source' | 'source_name'>) => r.source_name || CREDIT_SOURCES.label(r.source);

/** The record in one sentence, as the engine's exclusions name it. */
export function recordText(r: CreditRecordRow): string {
  const ended = r.ended_on ? `，已于${dateWords(r.ended_on)}提前结束` : '';
  return `${creditRecordText({ kind: r.kind, from: r.valid_from, to: r.valid_to ?? undefined, document: r.document_number ?? undefined, source: sourceWords(r) })}${ended}`;
}

/** In force today, not yet, expired, or ended early — as a settlement run today would read it. */
export function stateOn(r: Pick<CreditRecordRow, 'valid_from' | 'valid_to' | 'ended_on'>, today: string): CreditRecordState {
  if (r.ended_on && r.ended_on <= today) return 'ended';
  if (r.valid_from > today) return 'not_yet';
  if (r.valid_to && r.valid_to < today) return 'expired';
  return 'in_force';
}

export interface Holder {
  type: 'organization' | 'person';
  id: string;
  name: string;
  jurisdictionCode: string;
}

/** The holder a record is about, checked to be within the actor's reach for `action`. */
export async function findHolder(ctx: Ctx, db: Executor, ref: { organizationId?: string | null; personId?: string | null }, action: 'credit.record.write' | 'credit.record.read'): Promise<Holder> {
  if (ref.organizationId) {
    const org = await db.selectFrom('organization').select(['id', 'name', 'jurisdiction_code']).where('id', '=', ref.organizationId).executeTakeFirst();
    if (!org) throw notFound('机构', ref.organizationId);
    assertReachesOrganization(ctx.actor, action, org);
    return { type: 'organization', id: org.id, name: org.name, jurisdictionCode: org.jurisdiction_code };
  }
  const person = await db.selectFrom('person').select(['id', 'name', 'jurisdiction_code']).where('id', '=', ref.personId ?? '').executeTakeFirst();
  if (!person) throw notFound('人员', ref.personId ?? '');
  const scope = assertCan(ctx.actor, action);
  // A person's record is the government's to see; a unit sees its organizations' records.
  if (scope !== 'jurisdiction' || !isWithinJurisdiction(ctx.actor.jurisdictionCode, person.jurisdiction_code)) throw new AppError('FORBIDDEN', '无权访问该人员的信用记录');
  return { type: 'person', id: person.id, name: person.name, jurisdictionCode: person.jurisdiction_code };
}

export interface NewRecord {
  kind: CreditKindCode;
  source: CreditSourceCode;
  sourceName?: string | undefined;
  documentNumber?: string | undefined;
  validFrom: string;
  validTo?: string | undefined;
  note?: string | undefined;
  applicationId?: string | undefined;
}

/**
 * Writes one record on a holder inside `trx`, audits it on the holder and tells an organization
 * holder (a unit learns of a record against it from the platform, not from a refused award).
 */
export async function insertCreditRecord(ctx: Ctx, trx: Transaction<Database>, holder: Holder, input: NewRecord): Promise<CreditRecordRow> {
  const now = ctx.clock.now().toISOString();
  const row: CreditRecordRow = {
    id: newId(),
    jurisdiction_code: holder.jurisdictionCode,
    organization_id: holder.type === 'organization' ? holder.id : null,
    person_id: holder.type === 'person' ? holder.id : null,
    kind: input.kind,
    source: input.source,
    source_name: input.sourceName || null,
    document_number: input.documentNumber || null,
    valid_from: input.validFrom,
    valid_to: input.validTo ?? null,
    note: input.note || null,
    application_id: input.applicationId ?? null,
    ended_on: null,
    end_reason: null,
    created_by_name: ctx.actor.name,
    created_at: now,
    version: 1,
    updated_at: now,
  };
  await trx.insertInto('credit_record').values(row).execute();
  await audit(trx, ctx, {
    action: 'credit.record.create',
    subjectType: holder.type,
    subjectId: holder.id,
    after: { creditRecord: recordText(row), ...(row.note ? { note: row.note } : {}) },
  });
  if (holder.type === 'organization') {
    await sendNotification(trx, ctx, {
      jurisdictionCode: holder.jurisdictionCode,
      recipientOrganizationId: holder.id,
      kind: 'credit.record.created',
      title: `信用记录：${holder.name}`,
      body: `平台登记了“${holder.name}”的信用记录：${recordText(row)}。在效期间按政策不予奖补；已纠正失信行为的，可在“信用记录”中附证明材料申请信用修复。`,
      link: '/credit',
    });
  }
  return row;
}

/** The operator enters a record on an organization or a person. */
export async function createCreditRecord(ctx: Ctx, input: CreditRecordInput): Promise<CreditRecordView> {
  assertCan(ctx.actor, 'credit.record.write');
  return inTransaction(ctx, async (trx) => {
    const holder = await findHolder(ctx, trx, input, 'credit.record.write');
    const row = await insertCreditRecord(ctx, trx, holder, input);
    return present(trx, row, holder.name, chinaDate(ctx.clock.now()));
  });
}

/** Loads a record the actor may act on with `action`. */
async function loadRecord(ctx: Ctx, db: Executor, id: string, action: 'credit.record.write' | 'credit.record.read'): Promise<{ row: CreditRecordRow; holder: Holder }> {
  const row = await db.selectFrom('credit_record').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('信用记录', id);
  const holder = await findHolder(ctx, db, { organizationId: row.organization_id, personId: row.person_id }, action);
  return { row, holder };
}

/**
 * Ends a record early (from `endedOn` it is no longer in force): the operator's correction, or an
 * approved 信用修复 (credit-repair.ts, which passes its own audit action).
 */
export async function endRecordIn(ctx: Ctx, trx: Transaction<Database>, row: CreditRecordRow, holder: Holder, endedOn: string, reason: string, version: number): Promise<CreditRecordRow> {
  if (row.version !== version) throw new AppError('CONFLICT', '该信用记录已被他人修改，请刷新后重试', { field: 'version' });
  if (row.ended_on) throw new AppError('CONFLICT', `该信用记录已于${dateWords(row.ended_on)}提前结束`, { field: 'endedOn' });
  if (row.valid_to && endedOn > row.valid_to) throw new AppError('VALIDATION', `提前结束日期不得晚于记录的截止日期（${dateWords(row.valid_to)}）`, { field: 'endedOn' });
  const now = ctx.clock.now().toISOString();
  const updated = await trx
    .updateTable('credit_record')
    .set({ ended_on: endedOn, end_reason: reason, version: row.version + 1, updated_at: now })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该信用记录已被他人修改，请刷新后重试', { field: 'version' });
  const next = { ...row, ended_on: endedOn, end_reason: reason, version: row.version + 1, updated_at: now };
  await audit(trx, ctx, {
    action: 'credit.record.end',
    subjectType: holder.type,
    subjectId: holder.id,
    before: { creditRecord: recordText(row) },
    after: { creditRecord: recordText(next), endReason: reason },
  });
  return next;
}

export async function endCreditRecord(ctx: Ctx, id: string, input: { endedOn: string; reason: string; version: number }): Promise<CreditRecordView> {
  assertCan(ctx.actor, 'credit.record.write');
  return inTransaction(ctx, async (trx) => {
    const { row, holder } = await loadRecord(ctx, trx, id, 'credit.record.write');
    const next = await endRecordIn(ctx, trx, row, holder, input.endedOn, input.reason, input.version);
    return present(trx, next, holder.name, chinaDate(ctx.clock.now()));
  });
}

/**
 * A false declaration found in an application's review (隐瞒关联关系、隐瞒已获资助) becomes a
 * 违背信用承诺 record on the applicant unit in one step, from today, with the reviewer's reason; the
 * application is named as its source. One record per application.
 */
export async function recordCommitmentBreach(ctx: Ctx, applicationId: string, input: { reason: string; validTo?: string | undefined }): Promise<CreditRecordView> {
  assertCan(ctx.actor, 'credit.record.from_application');
  return inTransaction(ctx, async (trx) => {
    const app = await trx.selectFrom('subsidy_application').select(['id', 'number', 'organization_id', 'jurisdiction_code']).where('id', '=', applicationId).executeTakeFirst();
    if (!app) throw notFound('奖补申报', applicationId);
    if (!isWithinJurisdiction(ctx.actor.jurisdictionCode, app.jurisdiction_code)) throw new AppError('FORBIDDEN', '无权办理该申报');
    const existing = await trx.selectFrom('credit_record').select('id').where('application_id', '=', app.id).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `申报 ${app.number} 已记为违背信用承诺，不能重复登记`, { field: 'applicationId' });
    const today = chinaDate(ctx.clock.now());
    if (input.validTo && input.validTo < today) throw new AppError('VALIDATION', '截止日期不得早于今天', { field: 'validTo' });
    const holder = await findHolder(ctx, trx, { organizationId: app.organization_id }, 'credit.record.write');
    const row = await insertCreditRecord(ctx, trx, holder, {
      kind: 'commitment_breach',
      source: 'platform',
      sourceName: '本平台奖补申报审核',
      documentNumber: `申报编号 ${app.number}`,
      validFrom: today,
      validTo: input.validTo,
      note: input.reason,
      applicationId: app.id,
    });
    return present(trx, row, holder.name, chinaDate(ctx.clock.now()));
  });
}

// ——— Reading ———

/** The records the actor may see: the jurisdiction's (government roles) or its organizations' (a unit). */
function visible(ctx: Ctx) {
  const scope = assertCan(ctx.actor, 'credit.record.read');
  const base = ctx.db
    .selectFrom('credit_record as r')
    .leftJoin('organization as o', 'o.id', 'r.organization_id')
    .leftJoin('person as p', 'p.id', 'r.person_id');
  if (scope === 'jurisdiction') return base.where(underPrefix('r.jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  return base.where('r.organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
}

function filtered(ctx: Ctx, query: Omit<CreditRecordQuery, 'page' | 'pageSize'>) {
  let base = visible(ctx);
  const today = chinaDate(ctx.clock.now());
  if (query.kind) base = base.where('r.kind', '=', query.kind);
  if (query.source) base = base.where('r.source', '=', query.source);
  if (query.organizationId) base = base.where('r.organization_id', '=', query.organizationId);
  if (query.personId) base = base.where('r.person_id', '=', query.personId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([sql<boolean>`o.name like ${like} escape '\\'`, sql<boolean>`p.name like ${like} escape '\\'`]));
  }
  switch (query.state) {
    case 'ended':
      base = base.where('r.ended_on', '<=', today);
      break;
    case 'not_yet':
      base = base.where('r.valid_from', '>', today).where((eb) => eb.or([eb('r.ended_on', 'is', null), eb('r.ended_on', '>', today)]));
      break;
    case 'expired':
      base = base.where('r.valid_to', '<', today).where((eb) => eb.or([eb('r.ended_on', 'is', null), eb('r.ended_on', '>', today)]));
      break;
    case 'in_force':
      base = base
        .where('r.valid_from', '<=', today)
        .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>=', today)]))
        .where((eb) => eb.or([eb('r.ended_on', 'is', null), eb('r.ended_on', '>', today)]));
      break;
    default:
  }
  return base;
}

export async function listCreditRecords(ctx: Ctx, query: CreditRecordQuery): Promise<{ items: CreditRecordView[]; total: number }> {
  const base = filtered(ctx, query);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll('r')
    .select(sql<string>`coalesce(o.name, p.name, '')`.as('holder_name'))
    .orderBy('r.valid_from', 'desc')
    .orderBy('r.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items: CreditRecordView[] = [];
  for (const r of rows) {
    const { holder_name, ...row } = r as CreditRecordRow & { holder_name: string };
    items.push(await present(ctx.db, row, holder_name, chinaDate(ctx.clock.now())));
  }
  return { items, total: Number(total) };
}

export async function getCreditRecord(ctx: Ctx, id: string): Promise<CreditRecordView> {
  assertCan(ctx.actor, 'credit.record.read');
  const { row, holder } = await loadRecord(ctx, ctx.db, id, 'credit.record.read');
  return present(ctx.db, row, holder.name, chinaDate(ctx.clock.now()));
}

export async function present(db: Executor, row: CreditRecordRow, holderName: string, today: string): Promise<CreditRecordView> {
  // The pending request first (one at most), then the decided ones, latest first.
  const repairs = await db
    .selectFrom('credit_repair')
    .selectAll()
    .where('record_id', '=', row.id)
    .orderBy(sql`case when status = 'pending' then 0 else 1 end`)
    .orderBy('submitted_at', 'desc')
    .orderBy('decided_at', 'desc')
    .execute();
  const evidence = repairs.length
    ? await db.selectFrom('credit_repair_evidence').select(['repair_id', 'hash', 'file_name']).where('repair_id', 'in', repairs.map((r) => r.id)).orderBy('file_name').execute()
    : [];
  const app = row.application_id ? await db.selectFrom('subsidy_application').select('number').where('id', '=', row.application_id).executeTakeFirst() : undefined;
  const state = stateOn(row, today);
  return {
    id: row.id,
    holderType: row.organization_id ? 'organization' : 'person',
    holderId: (row.organization_id ?? row.person_id)!,
    holderName,
    kind: row.kind as CreditKindCode,
    kindLabel: CREDIT_KINDS.label(row.kind),
    source: row.source as CreditSourceCode,
    sourceLabel: CREDIT_SOURCES.label(row.source),
    sourceName: sourceWords(row),
    documentNumber: row.document_number,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    state,
    stateLabel: CREDIT_RECORD_STATES.label(state),
    note: row.note,
    applicationId: row.application_id,
    applicationNumber: app?.number ?? null,
    text: recordText(row),
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    repairs: repairs.map((r) => ({
      id: r.id,
      status: r.status as CreditRepairStatus,
      statusLabel: CREDIT_REPAIR_STATUSES.label(r.status),
      explanation: r.explanation,
      evidence: evidence.filter((e) => e.repair_id === r.id).map((e) => ({ hash: e.hash, fileName: e.file_name })),
      submittedByName: r.submitted_by_name,
      submittedAt: r.submitted_at,
      decidedByName: r.decided_by_name,
      decidedAt: r.decided_at,
      decisionReason: r.decision_reason,
      version: r.version,
    })),
    version: row.version,
  };
}

/** Every record the list would show (up to `max`), for the export. */
export async function allCreditRecords(ctx: Ctx, query: Omit<CreditRecordQuery, 'page' | 'pageSize'>, max: number): Promise<{ items: CreditRecordView[]; total: number }> {
  return listCreditRecords(ctx, { ...query, page: 1, pageSize: max } as CreditRecordQuery);
}

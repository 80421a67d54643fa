/** SQL of the application workflow's tables; the use cases call these. */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type {
  SubsidyApplicationAwardTable,
  SubsidyApplicationStepTable,
  SubsidyApplicationTable,
  SubsidyNoticeTable,
  SubsidyObjectionTable,
} from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { REGISTERED_STATUSES } from '../contracts/workflow.js';

export type NoticeRow = Selectable<SubsidyNoticeTable>;
export type ApplicationRow = Selectable<SubsidyApplicationTable>;
export type StepRow = Selectable<SubsidyApplicationStepTable>;
export type AwardRow = Selectable<SubsidyApplicationAwardTable>;
export type ObjectionRow = Selectable<SubsidyObjectionTable>;

export function findNotice(db: Executor, id: string) {
  return db.selectFrom('subsidy_notice').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findApplication(db: Executor, id: string) {
  return db.selectFrom('subsidy_application').selectAll().where('id', '=', id).executeTakeFirst();
}

export function applicationsOfNotice(db: Executor, noticeId: string, statuses?: readonly string[]) {
  let q = db.selectFrom('subsidy_application').selectAll().where('notice_id', '=', noticeId);
  if (statuses) q = q.where('status', 'in', statuses.length ? [...statuses] : ['']);
  return q.orderBy('number').execute();
}

/** Updates a row only if it still has the version read; anything else is a lost update (409). */
export async function updateVersioned<T extends 'subsidy_notice' | 'subsidy_application' | 'subsidy_objection'>(
  db: Executor,
  table: T,
  row: { id: string; version: number },
  set: Record<string, unknown>,
  what: string,
): Promise<void> {
  const res = await db
    .updateTable(table as 'subsidy_application')
    .set({ ...set, version: row.version + 1 } as never)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `${what}已被他人处理或修改，请刷新后重试`, { field: 'version' });
}

export function assertVersion(row: { version: number }, version: number, what: string): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `${what}已被他人处理或修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

export async function appendStep(db: Executor, step: Omit<Insertable<SubsidyApplicationStepTable>, 'seq' | 'id'>): Promise<void> {
  const last = await db
    .selectFrom('subsidy_application_step')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', step.application_id)
    .executeTakeFirst();
  await db.insertInto('subsidy_application_step').values({ ...step, id: newId(), seq: Number(last?.seq ?? 0) + 1 }).execute();
}

export function stepsOf(db: Executor, applicationId: string) {
  return db.selectFrom('subsidy_application_step').selectAll().where('application_id', '=', applicationId).orderBy('seq').execute();
}

export async function claimsOf(db: Executor, applicationIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(applicationIds.map((id) => [id, []]));
  if (!applicationIds.length) return out;
  const rows = await db
    .selectFrom('subsidy_application_contract')
    .select(['application_id', 'contract_id'])
    .where('application_id', 'in', applicationIds)
    .orderBy('application_id')
    .orderBy('contract_id')
    .execute();
  for (const r of rows) out.get(r.application_id)!.push(r.contract_id);
  return out;
}

export async function replaceClaims(db: Executor, applicationId: string, contractIds: string[]): Promise<void> {
  await db.deleteFrom('subsidy_application_contract').where('application_id', '=', applicationId).execute();
  if (contractIds.length) {
    await db
      .insertInto('subsidy_application_contract')
      .values(contractIds.map((contract_id) => ({ id: newId(), application_id: applicationId, contract_id })))
      .execute();
  }
}

export function evidenceOf(db: Executor, applicationId: string) {
  return db
    .selectFrom('subsidy_application_evidence as e')
    .innerJoin('evidence_file as f', 'f.hash', 'e.hash')
    .select(['e.hash', 'e.label', 'f.size', 'f.mime'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id')
    .execute();
}

export async function replaceEvidence(db: Executor, applicationId: string, evidence: { hash: string; label: string }[]): Promise<void> {
  await db.deleteFrom('subsidy_application_evidence').where('application_id', '=', applicationId).execute();
  if (evidence.length) {
    await db
      .insertInto('subsidy_application_evidence')
      .values(evidence.map((e) => ({ id: newId(), application_id: applicationId, hash: e.hash, label: e.label })))
      .execute();
  }
}

export async function awardsOf(db: Executor, applicationIds: string[]): Promise<Map<string, AwardRow[]>> {
  const out = new Map<string, AwardRow[]>(applicationIds.map((id) => [id, []]));
  if (!applicationIds.length) return out;
  const rows = await db.selectFrom('subsidy_application_award').selectAll().where('application_id', 'in', applicationIds).orderBy('seq').execute();
  for (const r of rows) out.get(r.application_id)!.push({ ...r, seq: Number(r.seq), amount_yuan: Number(r.amount_yuan) });
  return out;
}

/**
 * The contracts a beneficiary may claim: registered (or amended) contracts where the organization
 * is a party, or — for a broker — where the person is named as broker.
 */
export async function claimableContractIds(db: Executor, beneficiary: { kind: 'organization' | 'person'; ref: string }): Promise<string[]> {
  const rows =
    beneficiary.kind === 'organization'
      ? await db
          .selectFrom('contract')
          .innerJoin('contract_party', 'contract_party.contract_id', 'contract.id')
          .select('contract.id')
          .where('contract_party.organization_id', '=', beneficiary.ref)
          .where('contract.status', 'in', [...REGISTERED_STATUSES])
          .orderBy('contract.registered_on')
          .orderBy('contract.id')
          .execute()
      : await db
          .selectFrom('contract')
          .innerJoin('contract_broker', 'contract_broker.contract_id', 'contract.id')
          .select('contract.id')
          .where('contract_broker.person_id', '=', beneficiary.ref)
          .where('contract.status', 'in', [...REGISTERED_STATUSES])
          .orderBy('contract.registered_on')
          .orderBy('contract.id')
          .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** Names (and credit code / masked ID) of beneficiaries and organizations. */
export async function beneficiaryNames(db: Executor, refs: { kind: string; ref: string }[]) {
  const orgIds = [...new Set(refs.filter((r) => r.kind === 'organization').map((r) => r.ref))];
  const personIds = [...new Set(refs.filter((r) => r.kind === 'person').map((r) => r.ref))];
  const [orgs, people] = await Promise.all([
    orgIds.length ? db.selectFrom('organization').select(['id', 'name', 'uscc']).where('id', 'in', orgIds).execute() : [],
    personIds.length ? db.selectFrom('person').select(['id', 'name', 'id_number_masked']).where('id', 'in', personIds).execute() : [],
  ]);
  const out = new Map<string, { name: string; code: string | null }>();
  for (const o of orgs) out.set(o.id, { name: o.name, code: o.uscc });
  for (const p of people) out.set(p.id, { name: p.name, code: p.id_number_masked });
  return out;
}

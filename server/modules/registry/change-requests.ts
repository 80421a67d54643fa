/**
 * 变更申请: an organization's own users ask to change its verified facts with evidence; the operator
 * of the jurisdiction approves (the change is applied in the same transaction through the registry's
 * own write paths — updateOrganization, addQualification, setEquityHolders, createPlatform — so
 * their checks, the contract tallies' re-tally and the audit all hold) or rejects with a reason.
 * Until then the request lives in registry_change_request alone: nothing the engine, the indicators,
 * matching or the reports read changes. The applicant is notified either way (ADR 014).
 */
import { beijingDateTime } from '../../../common/dates.js';
import { type Selectable, sql } from 'kysely';
import {
  CHANGE_REQUEST_GROUPS,
  CHANGE_REQUEST_STATUSES,
  type ChangeDifference,
  type ChangeRequest,
  type ChangeRequestGroup,
  type ChangeRequestInput,
  type ChangeRequestPage,
  type ChangeRequestQuery,
  type ChangeRequestStatus,
  type DecisionInput,
  type OrganizationFactsChange,
  type RequestedChange,
  VERIFIED_ORGANIZATION_FIELDS,
} from '../../../common/change-request.js';
import type { OrganizationInput, OrganizationPatch } from '../../../common/registry-schema.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import { inTransaction, withinTransaction } from '../../context.js';
import type { RegistryChangeRequestTable } from '../../db/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan, assertReachesOrganization } from '../access/policy.js';
import type { Action } from '../access/permissions.js';
import { audit } from '../audit/audit.js';
import type { EvidenceFile } from '../../../common/contract-api.js';
import { assertMayAttach, storeEvidenceFile } from '../contracts/evidence.js';
import { sniffEvidenceType } from '../contracts/file-type.js';
import { sendNotification } from '../notifications/notifications.js';
import { describeDifferences, summarize } from './change-request-differences.js';
import { jurisdictionPrefix } from './divisions.js';
import { equityRows, setEquityHolders } from './equity.js';
import { type OrganizationRow, findOrganizationById, findOrganizationByUscc } from './organization-repo.js';
import { checkOrganizationReferences, updateOrganization } from './organizations.js';
import { checkPlatformInput, createPlatform } from './platforms.js';
import { addQualification, qualificationRow } from './qualifications.js';

type Row = Selectable<RegistryChangeRequestTable>;

/** Evidence a reviewer can open in the browser: PDF and pictures (OFD, accepted for payments, is not). */
export const CHANGE_EVIDENCE_MIMES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

// ——— Evidence ———

/**
 * Stores a 变更申请's evidence file with the contracts module's content checks and storage, taking
 * only PDF, JPG and PNG (judged by the content, not the name).
 */
export async function storeChangeRequestEvidence(ctx: Ctx, data: Buffer, fileName: string): Promise<EvidenceFile> {
  assertCan(ctx.actor, 'registry.change_request.create');
  const mime = data.length > 0 ? sniffEvidenceType(data) : null;
  if (data.length > 0 && !(CHANGE_EVIDENCE_MIMES as readonly (string | null)[]).includes(mime)) {
    throw new AppError('VALIDATION', `文件“${fileName}”不是 PDF、JPG 或 PNG 文件（按文件内容判断，不看扩展名）`, { field: 'file' });
  }
  return storeEvidenceFile(ctx, data, fileName, 'registry.change_request.create');
}

// ——— Submitting ———

function requestedOf(input: ChangeRequestInput): RequestedChange {
  switch (input.group) {
    case 'organization':
      return { group: 'organization', changes: input.changes };
    case 'qualification':
      return { group: 'qualification', qualification: input.qualification };
    case 'equity':
      return { group: 'equity', holders: input.holders };
    case 'platform':
      return { group: 'platform', platform: input.platform };
  }
}

/** What one pending request holds the place of: its group, or group and type (see ADR 014). */
export function pendingKeyOf(requested: RequestedChange): string {
  if (requested.group === 'qualification') return `qualification:${requested.qualification.type}`;
  if (requested.group === 'platform') return `platform:${requested.platform.type}`;
  return requested.group;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The organization facts that really change; leaving the new R&D kind clears its filing. */
function organizationFactsChanges(org: OrganizationRow, asked: OrganizationFactsChange): OrganizationFactsChange {
  const current: Record<string, unknown> = {
    name: org.name,
    uscc: org.uscc,
    kind: org.kind,
    divisionCode: org.division_code,
    rdFiled: org.rd_filed === null ? null : org.rd_filed === 1,
    rdFiledOn: org.rd_filed_on,
    legalRepresentativeId: org.legal_representative_id,
    actualControllerId: org.actual_controller_id,
  };
  const out: Record<string, unknown> = {};
  for (const field of VERIFIED_ORGANIZATION_FIELDS.values) {
    if (!(field in asked)) continue;
    const value = (asked as Record<string, unknown>)[field];
    if (!same(value, current[field])) out[field] = value ?? null;
  }
  const kind = (out.kind ?? org.kind) as string;
  if (kind !== 'new_rd_institution') {
    if (!('rdFiled' in out) && current.rdFiled !== null) out.rdFiled = null;
    if (!('rdFiledOn' in out) && current.rdFiledOn !== null) out.rdFiledOn = null;
  }
  return out as OrganizationFactsChange;
}

const nothingToChange = (field: string) => new AppError('VALIDATION', '申请内容与现有登记信息相同，无需提交变更申请', { field });

/** Checks a request as its approval would, so a clerk never reviews what cannot be applied. */
async function checkRequested(trx: Executor, org: OrganizationRow, requested: RequestedChange): Promise<RequestedChange> {
  switch (requested.group) {
    case 'organization': {
      const changes = organizationFactsChanges(org, requested.changes);
      if (Object.keys(changes).length === 0) throw nothingToChange('changes');
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null)) as Partial<OrganizationInput>;
      await checkOrganizationReferences(trx, { ...defined, kind: (changes.kind ?? org.kind) as OrganizationInput['kind'] });
      if (changes.uscc !== undefined) {
        const clash = await findOrganizationByUscc(trx, changes.uscc);
        if (clash) throw new AppError('CONFLICT', `统一社会信用代码 ${changes.uscc} 已登记为“${clash.name}”`, { field: 'uscc' });
      }
      return { group: 'organization', changes };
    }
    case 'qualification': {
      const q = requested.qualification;
      qualificationRow(org.id, q, ''); // validity dates
      const dup = await trx
        .selectFrom('qualification')
        .select('id')
        .where('organization_id', '=', org.id)
        .where('type', '=', q.type)
        .where('number', '=', q.number)
        .executeTakeFirst();
      if (dup) throw new AppError('CONFLICT', `资质证书编号 ${q.number} 已登记`, { field: 'number' });
      return requested;
    }
    case 'equity': {
      const rows = await equityRows(trx, org.id, requested.holders);
      const held = await trx.selectFrom('equity_holding').selectAll().where('organization_id', '=', org.id).execute();
      const shape = (r: { holder_type: string; holder_organization_id: string | null; holder_person_id: string | null; percent_bp: number }[]) =>
        r.map((h) => `${h.holder_type}:${h.holder_organization_id ?? h.holder_person_id}:${h.percent_bp}`).sort().join('|');
      if (shape(rows) === shape(held)) throw nothingToChange('holders');
      return requested;
    }
    case 'platform': {
      const p = requested.platform;
      await checkPlatformInput(trx, { ...p, hostOrganizationId: org.id });
      const dup = await trx
        .selectFrom('platform')
        .select('id')
        .where('host_organization_id', '=', org.id)
        .where('type', '=', p.type)
        .where('name', '=', p.name)
        .executeTakeFirst();
      if (dup) throw new AppError('CONFLICT', `平台“${p.name}”已登记`, { field: 'name' });
      return requested;
    }
  }
}

async function checkEvidence(trx: Executor, actor: Actor, evidence: ChangeRequestInput['evidence']): Promise<void> {
  for (const [i, ref] of evidence.entries()) {
    await assertMayAttach(trx, actor, `evidence.${i}`, ref.hash, `证明材料“${ref.fileName}”`);
    const file = await trx.selectFrom('evidence_file').select(['hash', 'mime']).where('hash', '=', ref.hash).executeTakeFirst();
    if (!file) throw new AppError('VALIDATION', `证明材料“${ref.fileName}”未上传成功，请重新上传`, { field: `evidence.${i}` });
    if (!(CHANGE_EVIDENCE_MIMES as readonly string[]).includes(file.mime)) {
      throw new AppError('VALIDATION', `证明材料“${ref.fileName}”须为 PDF、JPG 或 PNG 文件`, { field: `evidence.${i}` });
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function alreadyPending(existing: Row, org: OrganizationRow): AppError {
  return new AppError(
    'CONFLICT',
    `“${org.name}”已有一份待审核的${CHANGE_REQUEST_GROUPS.label(existing.field_group)}变更申请（${chinaDateTime(existing.submitted_at)} 提交），请等待审核结果，或先撤回再重新提交`,
    { field: 'group' },
  );
}

/** Submits a 变更申请 for one of the actor's organizations; the registry does not change. */
export async function submitChangeRequest(ctx: Ctx, input: ChangeRequestInput): Promise<ChangeRequest> {
  assertCan(ctx.actor, 'registry.change_request.create');
  return inTransaction(ctx, async (trx) => {
    const org = await findOrganizationById(trx, input.organizationId);
    if (!org) throw notFound('机构', input.organizationId);
    assertReachesOrganization(ctx.actor, 'registry.change_request.create', org);
    const requested = await checkRequested(trx, org, requestedOf(input));
    const pendingKey = pendingKeyOf(requested);
    const existing = await trx
      .selectFrom('registry_change_request')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('pending_key', '=', pendingKey)
      .executeTakeFirst();
    if (existing) throw alreadyPending(existing, org);
    await checkEvidence(trx, ctx.actor, input.evidence);
    const now = ctx.clock.now().toISOString();
    const row: Row = {
      id: newId(),
      jurisdiction_code: org.jurisdiction_code,
      organization_id: org.id,
      field_group: requested.group,
      pending_key: pendingKey,
      status: 'pending',
      requested: JSON.stringify(requested),
      explanation: input.explanation || null,
      decided_differences: null,
      submitted_by: ctx.actor.id,
      submitted_by_name: ctx.actor.name,
      submitted_at: now,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      decision_reason: null,
      version: 1,
      updated_at: now,
    };
    try {
      await trx.insertInto('registry_change_request').values(row).execute();
    } catch (error) {
      // Another submission of the same group won the race between the check and the insert.
      if (isUniqueViolation(error)) throw alreadyPending(row, org);
      throw error;
    }
    const files = [...new Map(input.evidence.map((e) => [e.hash, e])).values()];
    await trx
      .insertInto('registry_change_request_evidence')
      .values(files.map((e) => ({ id: newId(), request_id: row.id, hash: e.hash, file_name: e.fileName })))
      .execute();
    const differences = await describeDifferences(trx, org, requested);
    await audit(trx, ctx, {
      action: 'registry.change_request.create',
      subjectType: 'organization',
      subjectId: org.id,
      after: {
        requestId: row.id,
        requestGroup: requested.group,
        requestStatus: 'pending',
        summary: summarize(differences, requested),
        explanation: row.explanation,
        evidence: files.map((e) => e.fileName),
      },
    });
    return present(trx, row, org);
  });
}

// ——— Deciding ———

/** Applies an approved request through the registry's own write path, inside `ctx`'s transaction. */
async function applyRequested(ctx: Ctx, org: OrganizationRow, requested: RequestedChange): Promise<void> {
  switch (requested.group) {
    case 'organization':
      await updateOrganization(ctx, org.id, { version: org.version, ...requested.changes } as OrganizationPatch);
      return;
    case 'qualification':
      await addQualification(ctx, org.id, requested.qualification);
      return;
    case 'equity':
      await setEquityHolders(ctx, org.id, requested.holders);
      return;
    case 'platform':
      await createPlatform(ctx, { ...requested.platform, hostOrganizationId: org.id });
      return;
  }
}

async function loadForChange(ctx: Ctx, trx: Executor, id: string, action: Action, version: number) {
  const row = await trx.selectFrom('registry_change_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('变更申请', id);
  const org = await findOrganizationById(trx, row.organization_id);
  if (!org) throw notFound('机构', row.organization_id);
  assertReachesOrganization(ctx.actor, action, org);
  if (row.status !== 'pending') {
    throw new AppError('CONFLICT', `该变更申请${CHANGE_REQUEST_STATUSES.label(row.status)}，不能再办理`, { field: 'status' });
  }
  if (row.version !== version) throw new AppError('CONFLICT', '该变更申请已被他人办理，请刷新后重试', { field: 'version' });
  return { row, org };
}

/**
 * Approves (the change applies now, through the registry's write paths) or rejects (nothing
 * changes) a pending request; records who decided and why, audits, and tells the applicant.
 */
export async function decideChangeRequest(ctx: Ctx, id: string, input: DecisionInput): Promise<ChangeRequest> {
  assertCan(ctx.actor, 'registry.change_request.review');
  return inTransaction(ctx, async (trx) => {
    const { row, org } = await loadForChange(ctx, trx, id, 'registry.change_request.review', input.version);
    const requested = JSON.parse(row.requested) as RequestedChange;
    const differences = await describeDifferences(trx, org, requested);
    const approve = input.decision === 'approve';
    if (approve) await applyRequested(withinTransaction(ctx, trx), org, requested);
    const now = ctx.clock.now().toISOString();
    const status: ChangeRequestStatus = approve ? 'approved' : 'rejected';
    const reason = input.reason?.trim() || null;
    const next: Row = {
      ...row,
      status,
      pending_key: null,
      decided_differences: JSON.stringify(differences),
      decided_by: ctx.actor.id,
      decided_by_name: ctx.actor.name,
      decided_at: now,
      decision_reason: reason,
      version: row.version + 1,
      updated_at: now,
    };
    const updated = await trx
      .updateTable('registry_change_request')
      .set({ ...next, id: undefined })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该变更申请已被他人办理，请刷新后重试', { field: 'version' });
    const summary = summarize(differences, requested);
    await audit(trx, ctx, {
      action: approve ? 'registry.change_request.approve' : 'registry.change_request.reject',
      subjectType: 'organization',
      subjectId: org.id,
      before: { requestId: row.id, requestGroup: row.field_group, requestStatus: 'pending' },
      after: { requestId: row.id, requestGroup: row.field_group, requestStatus: status, summary, decisionReason: reason },
    });
    const group = CHANGE_REQUEST_GROUPS.label(row.field_group);
    await sendNotification(trx, ctx, {
      jurisdictionCode: org.jurisdiction_code,
      ...(row.submitted_by ? { recipientUserId: row.submitted_by } : { recipientOrganizationId: org.id }),
      kind: approve ? 'registry.change_request.approved' : 'registry.change_request.rejected',
      title: approve ? `变更申请已通过：${org.name}` : `变更申请未通过：${org.name}`,
      body: approve
        ? `“${org.name}”的${group}变更申请（${summary}）已审核通过，登记信息已更新。${reason ? `审核意见：${reason}` : ''}`
        : `“${org.name}”的${group}变更申请（${summary}）未通过审核，登记信息未作修改。驳回理由：${reason}`,
      link: `/organizations/${encodeURIComponent(org.id)}`,
    });
    return present(trx, next, org);
  });
}

/** The applicant takes back a pending request; nothing changes. */
export async function withdrawChangeRequest(ctx: Ctx, id: string, version: number): Promise<ChangeRequest> {
  assertCan(ctx.actor, 'registry.change_request.withdraw');
  return inTransaction(ctx, async (trx) => {
    const { row, org } = await loadForChange(ctx, trx, id, 'registry.change_request.withdraw', version);
    const now = ctx.clock.now().toISOString();
    // The comparison as it stood when withdrawn, like a decision's.
    const differences = await describeDifferences(trx, org, JSON.parse(row.requested) as RequestedChange);
    const next: Row = { ...row, status: 'withdrawn', pending_key: null, decided_differences: JSON.stringify(differences), version: row.version + 1, updated_at: now };
    const updated = await trx
      .updateTable('registry_change_request')
      .set({ status: next.status, pending_key: null, decided_differences: next.decided_differences, version: next.version, updated_at: now })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该变更申请已被他人办理，请刷新后重试', { field: 'version' });
    await audit(trx, ctx, {
      action: 'registry.change_request.withdraw',
      subjectType: 'organization',
      subjectId: org.id,
      before: { requestId: row.id, requestGroup: row.field_group, requestStatus: 'pending' },
      after: { requestId: row.id, requestGroup: row.field_group, requestStatus: 'withdrawn' },
    });
    return present(trx, next, org);
  });
}

// ——— Reading ———

/** An instant as Beijing time, 2026-06-01 16:00. */
export function chinaDateTime(instant: string): string {
  return beijingDateTime(instant);
}

async function present(db: Executor, row: Row, org: OrganizationRow): Promise<ChangeRequest> {
  const requested = JSON.parse(row.requested) as RequestedChange;
  const differences: ChangeDifference[] = row.decided_differences
    ? (JSON.parse(row.decided_differences) as ChangeDifference[])
    : await describeDifferences(db, org, requested);
  const evidence = await db
    .selectFrom('registry_change_request_evidence as e')
    .innerJoin('evidence_file as f', 'f.hash', 'e.hash')
    .select(['e.hash', 'e.file_name', 'f.mime', 'f.size'])
    .where('e.request_id', '=', row.id)
    .orderBy('e.file_name')
    .execute();
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: org.name,
    group: row.field_group as ChangeRequestGroup,
    groupLabel: CHANGE_REQUEST_GROUPS.label(row.field_group),
    status: row.status as ChangeRequestStatus,
    statusLabel: CHANGE_REQUEST_STATUSES.label(row.status),
    summary: summarize(differences, requested),
    differences,
    explanation: row.explanation,
    evidence: evidence.map((e) => ({ hash: e.hash, fileName: e.file_name, mime: e.mime, size: Number(e.size) })),
    submittedByName: row.submitted_by_name,
    submittedAt: row.submitted_at,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    version: row.version,
  };
}

/** The requests the actor may see: the jurisdiction's (operator) or its organizations' (own users). */
function visible(ctx: Ctx) {
  const scope = assertCan(ctx.actor, 'registry.change_request.read');
  const base = ctx.db.selectFrom('registry_change_request');
  if (scope === 'jurisdiction') return base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  return base.where('organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
}

export async function listChangeRequests(ctx: Ctx, query: ChangeRequestQuery): Promise<ChangeRequestPage> {
  let base = visible(ctx);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.group) base = base.where('field_group', '=', query.group);
  if (query.organizationId) base = base.where('organization_id', '=', query.organizationId);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  // The queue is worked oldest first; any other list shows the newest first.
  const rows = await base
    .selectAll()
    .orderBy(sql`case when status = 'pending' then 0 else 1 end`)
    .orderBy('submitted_at', query.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items: ChangeRequest[] = [];
  for (const row of rows) {
    const org = (await findOrganizationById(ctx.db, row.organization_id))!;
    items.push(await present(ctx.db, row, org));
  }
  return { items, total: Number(total) };
}

async function findVisible(ctx: Ctx, id: string): Promise<{ row: Row; org: OrganizationRow }> {
  const row = await ctx.db.selectFrom('registry_change_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('变更申请', id);
  const org = await findOrganizationById(ctx.db, row.organization_id);
  if (!org) throw notFound('机构', row.organization_id);
  assertReachesOrganization(ctx.actor, 'registry.change_request.read', org);
  return { row, org };
}

export async function getChangeRequest(ctx: Ctx, id: string): Promise<ChangeRequest> {
  const { row, org } = await findVisible(ctx, id);
  return present(ctx.db, row, org);
}

/** One of a request's evidence files, for those who may read the request. */
export async function readChangeRequestEvidence(ctx: Ctx, id: string, hash: string) {
  const { row } = await findVisible(ctx, id);
  const file = await ctx.db
    .selectFrom('registry_change_request_evidence as e')
    .innerJoin('evidence_file as f', 'f.hash', 'e.hash')
    .select(['f.content', 'f.mime', 'f.size', 'e.file_name'])
    .where('e.request_id', '=', row.id)
    .where('e.hash', '=', hash)
    .executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND', '该变更申请没有这份证明材料');
  return { content: file.content, mime: file.mime, size: Number(file.size), fileName: file.file_name };
}

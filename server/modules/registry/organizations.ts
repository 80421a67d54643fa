/**
 * Organizations (机构): create, update, read, list. Their qualifications are in qualifications.ts,
 * their equity holders in equity.ts.
 */
import { sql } from 'kysely';
import { chinaDate } from '../../../common/dates.js';
import { checkUscc, normalizeUscc } from '../../../common/uscc.js';
import { type Contact, type OrganizationInput, type OrganizationPatch, withoutNulls } from '../../../common/registry-schema.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertCan, assertReachesOrganization } from '../access/policy.js';
import { type Qualification, presentQualification } from './qualifications.js';
import { findDivision, isKnownDivision, jurisdictionPrefix } from './divisions.js';
import {
  type OrganizationRow,
  findOrganizationById,
  findOrganizationByUscc,
  qualificationsOf,
} from './organization-repo.js';
import { newId } from '../../ids.js';
import { underPrefix } from '../../db/under-prefix.js';
import { tallyContractsOfParty } from '../contracts/tallies.js';
import { assertSelfServiceOrganizationPatch } from './verified-facts.js';

export interface Organization {
  id: string;
  jurisdictionCode: string;
  name: string;
  uscc: string;
  kind: string;
  divisionCode: string;
  divisionName: string | null;
  address: string | null;
  description: string | null;
  industries: string[];
  serviceTypes: string[];
  rdFiled: boolean | null;
  rdFiledOn: string | null;
  legalRepresentativeId: string | null;
  actualControllerId: string | null;
  contacts: Contact[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    jurisdictionCode: row.jurisdiction_code,
    name: row.name,
    uscc: row.uscc,
    kind: row.kind,
    divisionCode: row.division_code,
    divisionName: findDivision(row.division_code)?.fullName ?? null,
    address: row.address,
    description: row.description,
    industries: JSON.parse(row.industries) as string[],
    serviceTypes: JSON.parse(row.service_types) as string[],
    rdFiled: row.rd_filed === null ? null : row.rd_filed === 1,
    rdFiledOn: row.rd_filed_on,
    legalRepresentativeId: row.legal_representative_id,
    actualControllerId: row.actual_controller_id,
    contacts: JSON.parse(row.contacts) as Contact[],
    isDemo: row.is_demo === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The audited view of an organization: its business fields, without bookkeeping. */
function auditView(o: Organization) {
  const { createdAt: _c, updatedAt: _u, divisionName: _d, ...rest } = o;
  return rest;
}

/** Checks what a schema cannot: the division exists, referenced people exist. */
export async function checkOrganizationReferences(db: Executor, input: Partial<OrganizationInput>): Promise<void> {
  if (input.divisionCode !== undefined && !isKnownDivision(input.divisionCode)) {
    throw new AppError('VALIDATION', `行政区划代码 ${input.divisionCode} 不在 GB/T 2260 代码表中`, { field: 'divisionCode' });
  }
  for (const field of ['legalRepresentativeId', 'actualControllerId'] as const) {
    const personId = input[field];
    if (personId === undefined) continue;
    const found = await db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', `人员不存在：${personId}`, { field });
  }
  if (input.kind !== undefined && input.kind !== 'new_rd_institution' && (input.rdFiled || input.rdFiledOn)) {
    throw new AppError('VALIDATION', '仅新型研发机构可填写备案状态', { field: 'rdFiled' });
  }
}

export function organizationRowFromInput(
  input: OrganizationInput,
  meta: { id: string; jurisdictionCode: string; now: string; isDemo: boolean },
): OrganizationRow {
  return {
    id: meta.id,
    jurisdiction_code: meta.jurisdictionCode,
    name: input.name,
    uscc: input.uscc,
    kind: input.kind,
    division_code: input.divisionCode,
    address: input.address ?? null,
    description: input.description ?? null,
    industries: JSON.stringify(input.industries ?? []),
    service_types: JSON.stringify(input.serviceTypes ?? []),
    rd_filed: input.rdFiled == null ? null : input.rdFiled ? 1 : 0,
    rd_filed_on: input.rdFiledOn ?? null,
    legal_representative_id: input.legalRepresentativeId ?? null,
    actual_controller_id: input.actualControllerId ?? null,
    contacts: JSON.stringify(input.contacts ?? []),
    is_demo: meta.isDemo ? 1 : 0,
    version: 1,
    created_at: meta.now,
    updated_at: meta.now,
  };
}

export async function createOrganization(ctx: Ctx, input: OrganizationInput, opts: { isDemo?: boolean } = {}): Promise<Organization> {
  assertCan(ctx.actor, 'registry.organization.create');
  return inTransaction(ctx, async (trx) => {
    await checkOrganizationReferences(trx, input);
    const existing = await findOrganizationByUscc(trx, input.uscc);
    if (existing) {
      throw new AppError('CONFLICT', `统一社会信用代码 ${input.uscc} 已登记为“${existing.name}”`, { field: 'uscc' });
    }
    const row = organizationRowFromInput(input, {
      id: newId(),
      jurisdictionCode: ctx.actor.jurisdictionCode,
      now: ctx.clock.now().toISOString(),
      isDemo: opts.isDemo ?? false,
    });
    await trx.insertInto('organization').values(row).execute();
    const org = presentOrganization(row);
    await audit(trx, ctx, { action: 'registry.organization.create', subjectType: 'organization', subjectId: org.id, after: auditView(org) });
    return org;
  });
}

/** Applies a patch; `version` must be the one the editor saw (optimistic locking). */
export async function updateOrganization(ctx: Ctx, id: string, patch: OrganizationPatch): Promise<Organization> {
  return inTransaction(ctx, async (trx) => {
    const row = await findOrganizationById(trx, id);
    if (!row) throw notFound('机构', id);
    const { version, ...sent } = patch;
    // Own users change contacts, address, description, industries and service types here; verified facts only
    // through a 变更申请 (change-requests.ts), which the operator's approval applies through this path.
    assertSelfServiceOrganizationPatch(ctx.actor, row, presentOrganization(row) as unknown as Record<string, unknown>, sent);
    const changes = withoutNulls(sent);
    if (version !== row.version) {
      throw new AppError('CONFLICT', `该机构已被他人修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
    }
    await checkOrganizationReferences(trx, { ...changes, kind: changes.kind ?? (row.kind as OrganizationInput['kind']) });
    if (changes.uscc !== undefined && changes.uscc !== row.uscc) {
      const clash = await findOrganizationByUscc(trx, changes.uscc);
      if (clash) throw new AppError('CONFLICT', `统一社会信用代码 ${changes.uscc} 已登记为“${clash.name}”`, { field: 'uscc' });
    }
    const before = presentOrganization(row);
    const merged: OrganizationInput = {
      name: before.name,
      uscc: before.uscc,
      kind: before.kind as OrganizationInput['kind'],
      divisionCode: before.divisionCode,
      address: before.address ?? undefined,
      description: before.description ?? undefined,
      industries: before.industries as OrganizationInput['industries'],
      serviceTypes: before.serviceTypes as OrganizationInput['serviceTypes'],
      rdFiled: before.rdFiled ?? undefined,
      rdFiledOn: before.rdFiledOn ?? undefined,
      legalRepresentativeId: before.legalRepresentativeId ?? undefined,
      actualControllerId: before.actualControllerId ?? undefined,
      contacts: before.contacts,
      ...changes,
    };
    return writeOrganizationUpdate(trx, ctx, row, merged, 'registry.organization.update');
  });
}

/** Writes a new version of an organization and audits the fields that changed. */
export async function writeOrganizationUpdate(
  trx: Executor,
  ctx: Ctx,
  row: OrganizationRow,
  merged: OrganizationInput,
  action: string,
): Promise<Organization> {
  const next = organizationRowFromInput(merged, {
    id: row.id,
    jurisdictionCode: row.jurisdiction_code,
    now: ctx.clock.now().toISOString(),
    isDemo: row.is_demo === 1,
  });
  next.created_at = row.created_at;
  next.version = row.version + 1;
  const updated = await trx
    .updateTable('organization')
    .set({ ...next, id: undefined, created_at: undefined })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new AppError('CONFLICT', '该机构已被他人修改，请刷新后重试', { field: 'version' });
  }
  // The contract indicators class contracts by their first parties' division and kind.
  if (next.division_code !== row.division_code || next.kind !== row.kind) await tallyContractsOfParty(trx, row.id);
  const before = presentOrganization(row);
  const after = presentOrganization(next);
  const diff = changedFields(auditView(before), auditView(after));
  await audit(trx as never, ctx, { action, subjectType: 'organization', subjectId: row.id, ...diff });
  return after;
}

export interface OrganizationDetail extends Organization {
  qualifications: Qualification[];
  equityHolders: { id: string; holderType: string; holderId: string; holderName: string; percent: number }[];
  legalRepresentative: { id: string; name: string } | null;
  actualController: { id: string; name: string } | null;
  platforms: { id: string; name: string; type: string; level: string; revokedOn: string | null }[];
}

export async function getOrganization(ctx: Ctx, id: string): Promise<OrganizationDetail> {
  const row = await findOrganizationById(ctx.db, id);
  if (!row) throw notFound('机构', id);
  assertReachesOrganization(ctx.actor, 'registry.organization.read', row);
  const [qualifications, holders, platforms, people] = await Promise.all([
    qualificationsOf(ctx.db, id),
    ctx.db
      .selectFrom('equity_holding as e')
      .leftJoin('organization as o', 'o.id', 'e.holder_organization_id')
      .leftJoin('person as p', 'p.id', 'e.holder_person_id')
      .select(['e.id', 'e.holder_type', 'e.holder_organization_id', 'e.holder_person_id', 'e.percent_bp', 'o.name as org_name', 'p.name as person_name'])
      .where('e.organization_id', '=', id)
      .orderBy('e.percent_bp', 'desc')
      .execute(),
    ctx.db.selectFrom('platform').select(['id', 'name', 'type', 'level', 'revoked_on']).where('host_organization_id', '=', id).execute(),
    ctx.db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('id', 'in', [row.legal_representative_id ?? '', row.actual_controller_id ?? ''])
      .execute(),
  ]);
  const person = (pid: string | null) => (pid ? (people.find((p) => p.id === pid) ?? null) : null);
  return {
    ...presentOrganization(row),
    qualifications: qualifications.map(presentQualification),
    equityHolders: holders.map((h) => ({
      id: h.id,
      holderType: h.holder_type,
      holderId: (h.holder_organization_id ?? h.holder_person_id)!,
      holderName: (h.org_name ?? h.person_name) ?? '',
      percent: h.percent_bp / 100,
    })),
    legalRepresentative: person(row.legal_representative_id),
    actualController: person(row.actual_controller_id),
    platforms: platforms.map((p) => ({ id: p.id, name: p.name, type: p.type, level: p.level, revokedOn: p.revoked_on })),
  };
}

export interface OrganizationQuery {
  q?: string;
  kind?: string;
  division?: string;
  industry?: string;
  qualification?: string;
  validOn?: string;
  page: number;
  pageSize: number;
}

/** Escapes LIKE wildcards so a user's % or _ is searched for literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listOrganizations(
  ctx: Ctx,
  query: OrganizationQuery,
): Promise<{ items: (Organization & { qualifications: Qualification[] })[]; total: number }> {
  const scope = assertCan(ctx.actor, 'registry.organization.read');
  let base = ctx.db.selectFrom('organization');
  if (scope === 'jurisdiction') {
    base = base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  } else {
    base = base.where('id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  }
  if (query.q) {
    const q = query.q.trim();
    // A whole credit code goes straight to its unique index; anything else searches names.
    base = checkUscc(q).ok
      ? base.where('uscc', '=', normalizeUscc(q))
      : base.where('name', 'like', sql<string>`${likePattern(q)} escape '\\'`);
  }
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.division) base = base.where(underPrefix('division_code', jurisdictionPrefix(query.division)));
  if (query.industry) base = base.where('industries', 'like', `%"${query.industry.replace(/[^a-z_]/g, '')}"%`);
  if (query.qualification) {
    const on = query.validOn ?? chinaDate(ctx.clock.now());
    // An uncorrelated IN runs the qualification lookup once, not once per organization.
    base = base.where('organization.id', 'in', (eb) =>
      eb
        .selectFrom('qualification as q')
        .select('q.organization_id')
        .where('q.type', '=', query.qualification!)
        .where('q.issued_on', '<=', on)
        .where('q.valid_until', '>=', on),
    );
  }
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  // Each row shows the qualifications valid on the date asked about (today by default).
  const on = query.validOn ?? chinaDate(ctx.clock.now());
  const ids = rows.map((r) => r.id);
  const valid = ids.length
    ? await ctx.db
        .selectFrom('qualification')
        .selectAll()
        .where('organization_id', 'in', ids)
        .where('issued_on', '<=', on)
        .where('valid_until', '>=', on)
        .orderBy('issued_on', 'desc')
        .execute()
    : [];
  return {
    items: rows.map((r) => ({
      ...presentOrganization(r),
      qualifications: valid.filter((q) => q.organization_id === r.id).map(presentQualification),
    })),
    total: Number(total),
  };
}

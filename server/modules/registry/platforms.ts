/**
 * R&D and incubation platforms (研发平台与载体): type, level, host organization, recognized and
 * revoked dates.
 */
import { sql, type Selectable } from 'kysely';
import { type PlatformInput, type PlatformPatch, withoutNulls } from '../../../common/registry-schema.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { PlatformTable } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from './divisions.js';
import { assertDirectWrite } from './verified-facts.js';
import { likePattern } from './organizations.js';
import { newId } from '../../ids.js';
import { underPrefix } from '../../db/under-prefix.js';

export type PlatformRow = Selectable<PlatformTable>;

export interface Platform {
  id: string;
  jurisdictionCode: string;
  name: string;
  type: string;
  level: string;
  hostOrganizationId: string;
  hostOrganizationName: string | null;
  recognizedOn: string;
  revokedOn: string | null;
  documentNumber: string | null;
  isDemo: boolean;
  version: number;
}

function present(row: PlatformRow, hostName: string | null): Platform {
  return {
    id: row.id,
    jurisdictionCode: row.jurisdiction_code,
    name: row.name,
    type: row.type,
    level: row.level,
    hostOrganizationId: row.host_organization_id,
    hostOrganizationName: hostName,
    recognizedOn: row.recognized_on,
    revokedOn: row.revoked_on,
    documentNumber: row.document_number,
    isDemo: row.is_demo === 1,
    version: row.version,
  };
}

function auditView(p: Platform) {
  const { hostOrganizationName: _h, ...rest } = p;
  return rest;
}

export async function checkPlatformInput(db: Executor, input: Partial<PlatformInput>): Promise<string | null> {
  if (input.recognizedOn && input.revokedOn && input.revokedOn < input.recognizedOn) {
    throw new AppError('VALIDATION', '撤销日期不得早于认定日期', { field: 'revokedOn' });
  }
  if (input.hostOrganizationId === undefined) return null;
  const host = await db.selectFrom('organization').select(['id', 'name']).where('id', '=', input.hostOrganizationId).executeTakeFirst();
  if (!host) throw new AppError('VALIDATION', `依托单位不存在：${input.hostOrganizationId}`, { field: 'hostOrganizationId' });
  return host.name;
}

export function platformRow(input: PlatformInput, meta: { id: string; jurisdictionCode: string; now: string; isDemo: boolean }): PlatformRow {
  return {
    id: meta.id,
    jurisdiction_code: meta.jurisdictionCode,
    name: input.name,
    type: input.type,
    level: input.level,
    host_organization_id: input.hostOrganizationId,
    recognized_on: input.recognizedOn,
    revoked_on: input.revokedOn ?? null,
    document_number: input.documentNumber ?? null,
    is_demo: meta.isDemo ? 1 : 0,
    version: 1,
    created_at: meta.now,
    updated_at: meta.now,
  };
}

/** A stored platform as the input that would write it: the base a patch or re-import merges onto. */
export function platformInputOf(row: PlatformRow): PlatformInput {
  return {
    name: row.name,
    type: row.type as PlatformInput['type'],
    level: row.level as PlatformInput['level'],
    hostOrganizationId: row.host_organization_id,
    recognizedOn: row.recognized_on,
    revokedOn: row.revoked_on ?? undefined,
    documentNumber: row.document_number ?? undefined,
  };
}

export async function createPlatform(ctx: Ctx, input: PlatformInput, opts: { isDemo?: boolean } = {}): Promise<Platform> {
  assertDirectWrite(ctx.actor, 'registry.platform.create', null, '研发平台与载体的认定');
  return inTransaction(ctx, async (trx) => {
    const hostName = await checkPlatformInput(trx, input);
    const row = platformRow(input, {
      id: newId(),
      jurisdictionCode: ctx.actor.jurisdictionCode,
      now: ctx.clock.now().toISOString(),
      isDemo: opts.isDemo ?? false,
    });
    const dup = await trx
      .selectFrom('platform')
      .select('id')
      .where('host_organization_id', '=', row.host_organization_id)
      .where('type', '=', row.type)
      .where('name', '=', row.name)
      .executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', `平台“${row.name}”已登记`, { field: 'name' });
    await trx.insertInto('platform').values(row).execute();
    const platform = present(row, hostName);
    await audit(trx, ctx, { action: 'registry.platform.create', subjectType: 'platform', subjectId: row.id, after: auditView(platform) });
    return platform;
  });
}

export async function updatePlatform(ctx: Ctx, id: string, patch: PlatformPatch): Promise<Platform> {
  assertDirectWrite(ctx.actor, 'registry.platform.update', null, '研发平台与载体的认定');
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('platform').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !row.jurisdiction_code.startsWith(jurisdictionPrefix(ctx.actor.jurisdictionCode))) throw notFound('平台', id);
    if (patch.version !== row.version) {
      throw new AppError('CONFLICT', `该平台已被他人修改（当前版本 ${row.version}），请刷新后重试`, { field: 'version' });
    }
    const { version: _v, ...sent } = patch;
    const changes = withoutNulls(sent);
    const merged: PlatformInput = { ...platformInputOf(row), ...changes };
    return writePlatformUpdate(ctx, trx, row, merged);
  });
}

export async function writePlatformUpdate(ctx: Ctx, trx: Executor, row: PlatformRow, merged: PlatformInput): Promise<Platform> {
  const hostName = await checkPlatformInput(trx, merged);
  const next = { ...platformRow(merged, { id: row.id, jurisdictionCode: row.jurisdiction_code, now: ctx.clock.now().toISOString(), isDemo: row.is_demo === 1 }), created_at: row.created_at, version: row.version + 1 };
  const res = await trx
    .updateTable('platform')
    .set({ ...next, id: undefined, created_at: undefined })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该平台已被他人修改，请刷新后重试', { field: 'version' });
  const diff = changedFields(auditView(present(row, hostName)), auditView(present(next, hostName)));
  await audit(trx as never, ctx, { action: 'registry.platform.update', subjectType: 'platform', subjectId: row.id, ...diff });
  return present(next, hostName);
}

async function reachablePlatform(ctx: Ctx, row: PlatformRow): Promise<boolean> {
  const scope = assertCan(ctx.actor, 'registry.platform.read');
  return scope === 'jurisdiction'
    ? row.jurisdiction_code.startsWith(jurisdictionPrefix(ctx.actor.jurisdictionCode))
    : ctx.actor.organizationIds.includes(row.host_organization_id);
}

export async function getPlatform(ctx: Ctx, id: string): Promise<Platform> {
  const row = await ctx.db.selectFrom('platform').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('平台', id);
  if (!(await reachablePlatform(ctx, row))) throw new AppError('FORBIDDEN', '无权查看该平台');
  const host = await ctx.db.selectFrom('organization').select('name').where('id', '=', row.host_organization_id).executeTakeFirst();
  return present(row, host?.name ?? null);
}

export interface PlatformQuery {
  q?: string;
  type?: string;
  level?: string;
  division?: string;
  activeOn?: string;
  page: number;
  pageSize: number;
}

export async function listPlatforms(ctx: Ctx, query: PlatformQuery): Promise<{ items: Platform[]; total: number }> {
  const scope = assertCan(ctx.actor, 'registry.platform.read');
  let base = ctx.db.selectFrom('platform').innerJoin('organization as host', 'host.id', 'platform.host_organization_id');
  if (scope === 'jurisdiction') {
    base = base.where(underPrefix('platform.jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  } else {
    base = base.where('platform.host_organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  }
  if (query.q) base = base.where('platform.name', 'like', sql<string>`${likePattern(query.q.trim())} escape '\\'`);
  if (query.type) base = base.where('platform.type', '=', query.type);
  if (query.level) base = base.where('platform.level', '=', query.level);
  if (query.division) base = base.where(underPrefix('host.division_code', jurisdictionPrefix(query.division)));
  if (query.activeOn) {
    const on = query.activeOn;
    base = base
      .where('platform.recognized_on', '<=', on)
      .where((eb) => eb.or([eb('platform.revoked_on', 'is', null), eb('platform.revoked_on', '>', on)]));
  }
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll('platform')
    .select('host.name as host_name')
    .orderBy('platform.recognized_on', 'desc')
    .orderBy('platform.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map((r) => present(r, r.host_name)), total: Number(total) };
}

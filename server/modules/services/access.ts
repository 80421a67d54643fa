/**
 * Who reaches what in services and finance. A jurisdiction-wide role reaches the records its
 * jurisdiction holds; an "own" role reaches the records of the organizations its account acts for:
 * an agency its offerings and the requests addressed to it, an enterprise its requests, needs and IP
 * records (as either party), a bank its products.
 */
import type { Actor, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import type { Action, Scope } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction } from '../registry/divisions.js';

export function reaches(actor: Actor, scope: Scope, row: { jurisdiction_code: string }, organizationIds: (string | null)[]): boolean {
  if (scope === 'jurisdiction') return isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code);
  return organizationIds.some((id) => !!id && actor.organizationIds.includes(id));
}

export function assertReaches(actor: Actor, action: Action, row: { jurisdiction_code: string }, organizationIds: (string | null)[], what: string): Scope {
  const scope = assertCan(actor, action);
  if (!reaches(actor, scope, row, organizationIds)) throw new AppError('FORBIDDEN', `无权访问该${what}`);
  return scope;
}

/** The actor's organizations for an "own" filter (never an empty IN list). */
export function ownOrganizations(actor: Actor): string[] {
  return actor.organizationIds.length ? actor.organizationIds : [''];
}

export interface OrgRef {
  id: string;
  name: string;
  kind: string;
  jurisdiction_code: string;
}

/** An organization named in an input, acted for by the actor (or within the jurisdiction); errors name the field. */
export async function loadOrganization(db: Executor, actor: Actor, action: Action, id: string, field: string, opts: { kinds?: string[]; kindLabel?: string; reach?: boolean } = {}): Promise<OrgRef> {
  const scope = assertCan(actor, action);
  const org = await db.selectFrom('organization').select(['id', 'name', 'kind', 'jurisdiction_code']).where('id', '=', id).executeTakeFirst();
  if (!org) throw new AppError('VALIDATION', `机构不存在：${id}`, { field });
  if (opts.reach !== false && !reaches(actor, scope, org, [org.id])) throw new AppError('FORBIDDEN', '无权代表该机构操作');
  if (opts.kinds && !opts.kinds.includes(org.kind)) throw new AppError('VALIDATION', `${org.name}不是${opts.kindLabel ?? '所需类型的机构'}`, { field });
  return org;
}

export async function checkContract(db: Executor, id: string | null | undefined, field = 'contractId'): Promise<void> {
  if (!id) return;
  const found = await db.selectFrom('contract').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('VALIDATION', `技术合同不存在：${id}`, { field });
}

export async function checkAchievement(db: Executor, id: string | null | undefined, field = 'achievementId'): Promise<void> {
  if (!id) return;
  const found = await db.selectFrom('achievement').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('VALIDATION', `科技成果不存在：${id}`, { field });
}

export function assertVersion(row: { version: number }, version: number, what: string): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `该${what}已被他人修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

export { notFound };

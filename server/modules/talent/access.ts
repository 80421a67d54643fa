/**
 * Who reaches a person's talent records. A jurisdiction-wide role reaches the people its
 * jurisdiction's registry holds; an "own" role (an institution, a broker's institution, an agency,
 * an enterprise) reaches the people affiliated with, or practising at, one of its organizations.
 */
import type { Actor, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { affiliationsOf, personIn } from './repo.js';

/** The organizations a person belongs to: affiliations and the organizations of practitioner periods. */
export async function organizationsOfPerson(db: Executor, personId: string): Promise<string[]> {
  const practising = await db.selectFrom('practitioner').select('organization_id').where('person_id', '=', personId).where('organization_id', 'is not', null).execute();
  return [...new Set([...(await affiliationsOf(db, personId)), ...practising.map((r) => r.organization_id!)])];
}

export async function loadPersonFor(db: Executor, actor: Actor, action: Action, personId: string, field = 'personId') {
  const scope = assertCan(actor, action);
  const person = await personIn(db, personId);
  if (!person) throw new AppError('NOT_FOUND', `人员不存在：${personId}`, { field });
  if (scope === 'jurisdiction') {
    if (!isWithinJurisdiction(actor.jurisdictionCode, person.jurisdiction_code)) {
      const orgs = await organizationsOfPerson(db, personId);
      const inJurisdiction = orgs.length
        ? await db.selectFrom('organization').select('jurisdiction_code').where('id', 'in', orgs).execute()
        : [];
      if (!inJurisdiction.some((o) => isWithinJurisdiction(actor.jurisdictionCode, o.jurisdiction_code))) throw notFound('人员', personId);
    }
    return person;
  }
  const orgs = await organizationsOfPerson(db, personId);
  if (!orgs.some((o) => actor.organizationIds.includes(o))) throw new AppError('FORBIDDEN', '只能办理本单位人员的事项', { field });
  return person;
}

export function assertVersion(row: { version: number }, version: number, what: string): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `该${what}已被他人修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

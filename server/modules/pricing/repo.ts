/** The SQL of 成果定价公示: its two tables, and what it reads of contracts and organizations. */
import type { Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type { PricingObjectionTable, PricingPublicityTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export type PublicityRow = Selectable<PricingPublicityTable>;
export type ObjectionRow = Selectable<PricingObjectionTable>;

export function findPublicity(db: Executor, id: string): Promise<PublicityRow | undefined> {
  return db.selectFrom('pricing_publicity').selectAll().where('id', '=', id).executeTakeFirst();
}

export function activePublicityOf(db: Executor, contractId: string): Promise<PublicityRow | undefined> {
  return db.selectFrom('pricing_publicity').selectAll().where('active_key', '=', contractId).executeTakeFirst();
}

export function publicitiesOf(db: Executor, contractId: string): Promise<PublicityRow[]> {
  return db.selectFrom('pricing_publicity').selectAll().where('contract_id', '=', contractId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export function objectionsOf(db: Executor, publicityIds: string[]): Promise<ObjectionRow[]> {
  if (!publicityIds.length) return Promise.resolve([]);
  return db.selectFrom('pricing_objection').selectAll().where('publicity_id', 'in', publicityIds).orderBy('created_at').orderBy('id').execute();
}

export function findObjection(db: Executor, id: string): Promise<ObjectionRow | undefined> {
  return db.selectFrom('pricing_objection').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets and bumps the version, or CONFLICT when someone else changed the row first. */
export async function updateVersioned(db: Executor, table: 'pricing_publicity' | 'pricing_objection', row: { id: string; version: number }, set: Record<string, unknown>, what: string): Promise<void> {
  const res = await db
    .updateTable(table as 'pricing_objection')
    .set({ ...set, version: row.version + 1 } as never)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `${what}已被他人处理或修改，请刷新后重试`, { field: 'version' });
}

export function assertVersion(row: { version: number }, version: number, what: string): void {
  if (row.version !== version) throw new AppError('CONFLICT', `${what}已被他人处理或修改，请刷新后重试`, { field: 'version' });
}

/** The organizations named on contracts' sides, with their kind and division. */
export async function partiesOf(db: Executor, contractIds: string[]) {
  if (!contractIds.length) return [];
  return db
    .selectFrom('contract_party')
    .innerJoin('organization', 'organization.id', 'contract_party.organization_id')
    .select(['contract_party.contract_id', 'contract_party.side', 'contract_party.position', 'organization.id', 'organization.name', 'organization.kind', 'organization.division_code'])
    .where('contract_party.contract_id', 'in', contractIds)
    .orderBy('contract_party.position')
    .execute();
}

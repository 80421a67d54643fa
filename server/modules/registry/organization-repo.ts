/** SQL of the organization tables; use cases in organizations.ts call these. */
import type { Selectable } from 'kysely';
import type { Ctx, Executor } from '../../context.js';
import { insertMany } from '../../db/bulk-insert.js';
import { inChunks } from '../../db/in-chunks.js';
import type { OrganizationTable, QualificationTable } from '../../db/schema.js';

export type OrganizationRow = Selectable<OrganizationTable>;
export type QualificationRow = Selectable<QualificationTable>;

export function findOrganizationById(db: Executor, id: string) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganizationByUscc(db: Executor, uscc: string) {
  return db.selectFrom('organization').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

export async function findOrganizationsByUscc(db: Executor, codes: string[]): Promise<Map<string, OrganizationRow>> {
  const rows = await inChunks(codes, 500, (chunk) => db.selectFrom('organization').selectAll().where('uscc', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.uscc, r]));
}

export function insertOrganizations(db: Executor, sqlite: Ctx['sqlite'], rows: OrganizationRow[]): Promise<void> {
  return insertMany(db, sqlite, 'organization', rows);
}

export function qualificationsOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('qualification')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('issued_on', 'desc')
    .execute();
}

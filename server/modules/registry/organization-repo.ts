/** SQL of the organization tables; use cases in organizations.ts call these. */
import type { Selectable } from 'kysely';
import type { Executor } from '../../context.js';
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
  const found = new Map<string, OrganizationRow>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('organization').selectAll().where('uscc', 'in', chunk).execute();
    for (const r of rows) found.set(r.uscc, r);
  }
  return found;
}

export async function insertOrganizations(db: Executor, rows: OrganizationRow[]): Promise<void> {
  // 19 columns × 500 rows stays under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('organization').values(rows.slice(i, i + 500)).execute();
}

export function qualificationsOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('qualification')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('issued_on', 'desc')
    .execute();
}

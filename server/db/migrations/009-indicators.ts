/**
 * Targets and indicators (issue 5). The definitions and targets are data files (indicators/*.yaml),
 * so no table; these indexes serve the live aggregates (server/modules/indicators/repo.ts):
 *   - the contract pass seeks each jurisdiction code's registration-date range inside the index
 *     (jurisdiction, date, status, type, field, amount), never the table rows;
 *   - each contract's first seller and buyer are one index probe each, and their organization's
 *     division code and kind are read from the index too;
 *   - qualifications valid on a date, per type, carry their organization in the index.
 * Frozen in time like 001–008.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('contract_indicator_idx')
    .on('contract')
    .columns(['jurisdiction_code', 'registered_on', 'status', 'type', 'tech_field', 'tech_amount_fen', 'registration_number', 'id'])
    .execute();
  await db.schema.createIndex('contract_party_first_idx').on('contract_party').columns(['contract_id', 'side', 'position', 'organization_id']).execute();
  await db.schema.createIndex('organization_indicator_idx').unique().on('organization').columns(['id', 'division_code', 'kind']).execute();
  await db.schema.createIndex('qualification_indicator_idx').on('qualification').columns(['type', 'issued_on', 'valid_until', 'organization_id']).execute();
  await db.schema.createIndex('platform_indicator_idx').on('platform').columns(['type', 'level', 'recognized_on', 'revoked_on', 'host_organization_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['platform_indicator_idx', 'qualification_indicator_idx', 'organization_indicator_idx', 'contract_party_first_idx', 'contract_indicator_idx']) {
    await db.schema.dropIndex(name).execute();
  }
}

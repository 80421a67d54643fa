/**
 * The contract indicators' read model (issue 5's benchmark: every indicator over five years of a
 * national registry in well under a second). Maintained by server/modules/contracts/tallies.ts in the
 * same transaction as each registration change:
 *   - contract_fact: one row per registered (or amended) contract — registration date, type, field,
 *     amount, and its first seller's and first buyer's division and kind — so no indicator joins
 *     four tables per contract;
 *   - contract_tally: those facts summed per area (the contract's jurisdiction code cut to province,
 *     city and district), month, type, field, the first seller's origin class and kind relative to
 *     that area, and whether the first buyer is in it. An area's year is bounded by its classes, not
 *     by its contracts.
 * Both are derived data (not backed up; `techtransfer reindex` and `restore` rebuild them). This
 * migration fills them from the contracts already stored.
 */
import type { Kysely } from 'kysely';
import { rebuildContractTallies } from '../../modules/contracts/tallies.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contract_fact')
    .addColumn('contract_id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('tech_field', 'text', (c) => c.notNull())
    .addColumn('seller_division', 'text')
    .addColumn('seller_kind', 'text')
    .addColumn('buyer_division', 'text')
    .addColumn('tech_amount_fen', 'bigint', (c) => c.notNull())
    .execute();
  // Days outside whole months are read from here: each jurisdiction code's date range, index only.
  await db.schema
    .createIndex('contract_fact_period_idx')
    .on('contract_fact')
    .columns(['jurisdiction_code', 'registered_on', 'type', 'tech_field', 'seller_division', 'seller_kind', 'buyer_division', 'tech_amount_fen'])
    .execute();
  await db.schema
    .createTable('contract_tally')
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('tech_field', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('buyer_in', 'integer', (c) => c.notNull())
    .addColumn('seller_kind', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contract_tally_pk', ['area', 'month', 'type', 'tech_field', 'origin', 'buyer_in', 'seller_kind'])
    .execute();
  await rebuildContractTallies(db as never);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_tally').execute();
  await db.schema.dropTable('contract_fact').execute();
}

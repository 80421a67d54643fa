/**
 * The technology market's listings (issue 4): achievements (科技成果) and demands (技术需求), their
 * moderation history in `listing_step`, and inquiries sent through the platform (`listing_inquiry`,
 * 联系对接). Lists are JSON in TEXT; money BIGINT fen; dates TEXT YYYY-MM-DD. An imported listing
 * may have no owner (`owner_missing` = 1); `external_id` identifies a listing across imports and is
 * unique within its jurisdiction. Attachments name files of the content-addressed `evidence_file`
 * store (002) by hash. Frozen in time like 001–005.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('achievement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('discipline', 'text')
    .addColumn('technical_field', 'text')
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('trl', 'integer')
    .addColumn('stage', 'text')
    .addColumn('ip_items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('transfer_modes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('price_kind', 'text')
    .addColumn('price_fen', 'bigint')
    .addColumn('owner_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('owner_missing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('team', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('origin_country', 'text')
    .addColumn('origin_region', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('achievement_external_uq', ['jurisdiction_code', 'external_id'])
    .execute();
  await db.schema.createIndex('achievement_status_idx').on('achievement').columns(['status', 'expires_on']).execute();
  await db.schema.createIndex('achievement_owner_idx').on('achievement').column('owner_organization_id').execute();
  await db.schema.createIndex('achievement_jurisdiction_idx').on('achievement').columns(['jurisdiction_code', 'status']).execute();

  await db.schema
    .createTable('demand')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('technical_field', 'text')
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('budget_min_fen', 'bigint')
    .addColumn('budget_max_fen', 'bigint')
    .addColumn('deadline', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('owner_missing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin_region', 'text')
    .addColumn('is_challenge', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reward_fen', 'bigint')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('demand_external_uq', ['jurisdiction_code', 'external_id'])
    .execute();
  await db.schema.createIndex('demand_status_idx').on('demand').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('demand_owner_idx').on('demand').column('organization_id').execute();
  await db.schema.createIndex('demand_jurisdiction_idx').on('demand').columns(['jurisdiction_code', 'status']).execute();

  await db.schema
    .createTable('listing_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('listing_kind', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addUniqueConstraint('listing_step_seq_uq', ['listing_kind', 'listing_id', 'seq'])
    .execute();

  await db.schema
    .createTable('listing_inquiry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('listing_kind', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('owner_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('from_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('from_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by_name', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('listing_inquiry_listing_idx').on('listing_inquiry').columns(['listing_kind', 'listing_id']).execute();
  await db.schema.createIndex('listing_inquiry_owner_idx').on('listing_inquiry').columns(['owner_organization_id', 'status']).execute();
  await db.schema.createIndex('listing_inquiry_from_idx').on('listing_inquiry').column('from_user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['listing_inquiry', 'listing_step', 'demand', 'achievement']) await db.schema.dropTable(t).execute();
}

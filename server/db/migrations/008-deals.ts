/**
 * Deals (对接), matchmaking events (对接会, 路演) and their registrations (issue 4, "Matching and
 * deals"). A deal pairs a demand with an achievement (either may be missing, not both), names the
 * parties and a broker, moves through `deal_step` (对接 → 洽谈 → 签约 | 终止) and, once signed,
 * links the contract draft it created. Notes carry next steps and due dates. Money BIGINT fen;
 * dates TEXT YYYY-MM-DD; instants TEXT ISO-8601. Frozen in time like 001–007.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('market_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('organizer_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('organizer_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('market_event_jurisdiction_idx').on('market_event').columns(['jurisdiction_code', 'held_on']).execute();

  await db.schema
    .createTable('market_event_listing')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('market_event.id'))
    .addColumn('listing_kind', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('market_event_listing_uq', ['event_id', 'listing_kind', 'listing_id'])
    .execute();

  await db.schema
    .createTable('market_event_registration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('market_event.id'))
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('registered_by_name', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attendance_marked_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('market_event_registration_event_idx').on('market_event_registration').column('event_id').execute();

  await db.schema
    .createTable('deal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('demand_id', 'text', (c) => c.references('demand.id'))
    .addColumn('achievement_id', 'text', (c) => c.references('achievement.id'))
    .addColumn('buyer_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('seller_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('broker_person_id', 'text', (c) => c.references('person.id'))
    .addColumn('broker_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('broker_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('event_id', 'text', (c) => c.references('market_event.id'))
    .addColumn('inquiry_id', 'text', (c) => c.references('listing_inquiry.id'))
    .addColumn('technical_field', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('termination_reason', 'text')
    .addColumn('termination_note', 'text')
    .addColumn('agreed_amount_fen', 'bigint')
    .addColumn('signed_on', 'text')
    .addColumn('contract_id', 'text', (c) => c.references('contract.id'))
    .addColumn('created_by', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deal_jurisdiction_idx').on('deal').columns(['jurisdiction_code', 'stage']).execute();
  await db.schema.createIndex('deal_buyer_idx').on('deal').column('buyer_organization_id').execute();
  await db.schema.createIndex('deal_seller_idx').on('deal').column('seller_organization_id').execute();
  await db.schema.createIndex('deal_broker_idx').on('deal').columns(['broker_user_id', 'broker_organization_id']).execute();
  await db.schema.createIndex('deal_event_idx').on('deal').column('event_id').execute();
  await db.schema.createIndex('deal_contract_idx').on('deal').column('contract_id').execute();

  await db.schema
    .createTable('deal_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deal.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('deal_step_seq_uq', ['deal_id', 'seq'])
    .execute();

  await db.schema
    .createTable('deal_note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deal.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('due_on', 'text')
    .addColumn('author_user_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deal_note_deal_idx').on('deal_note').column('deal_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['deal_note', 'deal_step', 'deal', 'market_event_registration', 'market_event_listing', 'market_event']) await db.schema.dropTable(t).execute();
}

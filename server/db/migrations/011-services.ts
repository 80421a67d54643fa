/**
 * Services and finance (服务与金融, plan measures (七), (十五), (十六)): service offerings of agencies and
 * enterprises' service requests with their steps; banks' financing products, enterprises' financing
 * needs and banks' answers (offers); IP licences and IP-as-equity records. Money BIGINT fen; rates
 * and equity shares INTEGER basis points; dates TEXT YYYY-MM-DD; instants TEXT ISO-8601; lists JSON
 * TEXT. Frozen in time like 001–010.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_offering')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('price_terms', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_offering_jurisdiction_idx').on('service_offering').columns(['jurisdiction_code', 'category']).execute();
  await db.schema.createIndex('service_offering_organization_idx').on('service_offering').column('organization_id').execute();

  await db.schema
    .createTable('service_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('requester_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('provider_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('offering_id', 'text', (c) => c.references('service_offering.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_request_requester_idx').on('service_request').column('requester_organization_id').execute();
  await db.schema.createIndex('service_request_provider_idx').on('service_request').column('provider_organization_id').execute();
  await db.schema.createIndex('service_request_jurisdiction_idx').on('service_request').columns(['jurisdiction_code', 'status']).execute();

  await db.schema
    .createTable('service_request_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('service_request.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('service_request_step_seq_uq', ['request_id', 'seq'])
    .execute();

  await db.schema
    .createTable('finance_product')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('bank_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('min_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('max_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('min_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('max_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('min_term_months', 'integer', (c) => c.notNull())
    .addColumn('max_term_months', 'integer', (c) => c.notNull())
    .addColumn('required_qualifications', 'text', (c) => c.notNull())
    .addColumn('collateral_kinds', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finance_product_bank_idx').on('finance_product').column('bank_organization_id').execute();
  await db.schema.createIndex('finance_product_jurisdiction_idx').on('finance_product').columns(['jurisdiction_code', 'status']).execute();

  await db.schema
    .createTable('finance_need')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('collateral_kinds', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.references('contract.id'))
    .addColumn('achievement_id', 'text', (c) => c.references('achievement.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finance_need_organization_idx').on('finance_need').column('organization_id').execute();
  await db.schema.createIndex('finance_need_jurisdiction_idx').on('finance_need').columns(['jurisdiction_code', 'status']).execute();

  await db.schema
    .createTable('finance_offer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('finance_need.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('finance_product.id'))
    .addColumn('bank_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('rate_bp', 'integer')
    .addColumn('term_months', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('finance_offer_need_product_uq', ['need_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('ip_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ip_kind', 'text', (c) => c.notNull())
    .addColumn('ip_number', 'text')
    .addColumn('ip_title', 'text', (c) => c.notNull())
    .addColumn('from_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('to_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('license_scope', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('equity_share_bp', 'integer')
    .addColumn('achievement_id', 'text', (c) => c.references('achievement.id'))
    .addColumn('contract_id', 'text', (c) => c.references('contract.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ip_record_jurisdiction_idx').on('ip_record').columns(['jurisdiction_code', 'kind']).execute();
  await db.schema.createIndex('ip_record_from_idx').on('ip_record').column('from_organization_id').execute();
  await db.schema.createIndex('ip_record_to_idx').on('ip_record').column('to_organization_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ip_record', 'finance_offer', 'finance_need', 'finance_product', 'service_request_step', 'service_request', 'service_offering']) {
    await db.schema.dropTable(t).execute();
  }
}

/**
 * 成果定价公示 (issue 14, seed (十七)): before a university's or institute's transfer or licence
 * contract is submitted for registration, its price decision — method, price, valuation report, the
 * body that decided and when — is publicized on the portal for the institution's period in working
 * days; objections (from a logged-in user or a visitor with a name and contact) are recorded and
 * answered. A withdrawn 公示 stays on record; `active_key` (the contract id while not withdrawn)
 * keeps one live 公示 per contract by a unique index.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pricing_publicity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('valuation_file_hash', 'text', (c) => c.references('evidence_file.hash'))
    .addColumn('valuation_file_name', 'text')
    .addColumn('decision_body', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('period_days', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('active_key', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pricing_publicity_active_uq').on('pricing_publicity').column('active_key').unique().execute();
  await db.schema.createIndex('pricing_publicity_contract_idx').on('pricing_publicity').column('contract_id').execute();
  await db.schema.createIndex('pricing_publicity_public_idx').on('pricing_publicity').columns(['jurisdiction_code', 'status', 'starts_on']).execute();
  await db.schema
    .createTable('pricing_objection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publicity_id', 'text', (c) => c.notNull().references('pricing_publicity.id'))
    .addColumn('submitted_by', 'text')
    .addColumn('submitter_name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_by_name', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pricing_objection_publicity_idx').on('pricing_objection').column('publicity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pricing_objection').execute();
  await db.schema.dropTable('pricing_publicity').execute();
}

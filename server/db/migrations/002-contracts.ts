/**
 * Technology contracts (技术合同): contracts with their parties, brokers, third parties and other
 * public funding; the workflow steps; the payments ledger with invoices; evidence files (bytes in
 * the database, keyed by SHA-256). Frozen in time like 001: Kysely<any>, portable column types —
 * money in BIGINT fen; the file bytes in BLOB (SQLite) / BYTEA (PostgreSQL).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('evidence_file')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('content', postgres ? sql`bytea` : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contract')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text', (c) => c.notNull())
    .addColumn('license_scope', 'text')
    .addColumn('license_years', 'integer')
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('term_start', 'text')
    .addColumn('term_end', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('tech_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('deduction_materials_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('deduction_equipment_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('deduction_components_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('deduction_other_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tech_field', 'text', (c) => c.notNull())
    .addColumn('ip_items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('registration_number', 'text', (c) => c.unique())
    .addColumn('registered_on', 'text')
    .addColumn('registration_office_id', 'text', (c) => c.references('organization.id'))
    .addColumn('implementation_division', 'text')
    .addColumn('declared_related', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fiscal_funded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('first_submitted_on', 'text')
    .addColumn('submitted_on', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('status_note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_jurisdiction_idx').on('contract').column('jurisdiction_code').execute();
  await db.schema.createIndex('contract_status_idx').on('contract').columns(['status', 'registered_on']).execute();
  await db.schema.createIndex('contract_signed_idx').on('contract').column('signed_on').execute();

  await db.schema
    .createTable('contract_party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('person_name', 'text')
    .addColumn('person_id_cipher', 'text')
    .addColumn('person_id_digest', 'text')
    .addColumn('person_id_masked', 'text')
    .execute();
  await db.schema.createIndex('contract_party_contract_idx').on('contract_party').column('contract_id').execute();
  await db.schema.createIndex('contract_party_org_idx').on('contract_party').columns(['organization_id', 'side']).execute();

  await db.schema
    .createTable('contract_broker')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('share_e4', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_broker_contract_idx').on('contract_broker').column('contract_id').execute();
  await db.schema.createIndex('contract_broker_person_idx').on('contract_broker').column('person_id').execute();

  await db.schema
    .createTable('contract_third_party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_third_party_contract_idx').on('contract_third_party').column('contract_id').execute();

  await db.schema
    .createTable('contract_funding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_funding_contract_idx').on('contract_funding').column('contract_id').execute();

  await db.schema
    .createTable('contract_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('contract_step_seq_uq', ['contract_id', 'seq'])
    .execute();

  await db.schema
    .createTable('contract_payment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('voucher_number', 'text')
    .addColumn('voucher_file_hash', 'text', (c) => c.references('evidence_file.hash'))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_payment_contract_idx').on('contract_payment').columns(['contract_id', 'paid_on']).execute();

  await db.schema
    .createTable('contract_invoice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('contract_payment.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('names_contract', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('file_hash', 'text', (c) => c.references('evidence_file.hash'))
    .execute();
  await db.schema.createIndex('contract_invoice_payment_idx').on('contract_invoice').column('payment_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('The contracts migration is not reversible; restore a backup instead.');
}

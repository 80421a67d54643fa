/**
 * Frozen in time: migrations take Kysely<any> and never import the app's current types.
 * Column types are chosen to mean the same on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('service_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rd_filed', 'integer')
    .addColumn('rd_filed_on', 'text')
    .addColumn('legal_representative_id', 'text')
    .addColumn('actual_controller_id', 'text')
    .addColumn('contacts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organization_division_idx').on('organization').column('division_code').execute();
  await db.schema.createIndex('organization_jurisdiction_idx').on('organization').column('jurisdiction_code').execute();
  await db.schema.createIndex('organization_name_idx').on('organization').column('name').execute();

  await db.schema
    .createTable('qualification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('qualification_number_uq', ['organization_id', 'type', 'number'])
    .execute();
  await db.schema
    .createIndex('qualification_type_idx')
    .on('qualification')
    .columns(['type', 'valid_until', 'issued_on'])
    .execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_cipher', 'text', (c) => c.notNull())
    .addColumn('id_number_digest', 'text', (c) => c.notNull().unique())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_jurisdiction_idx').on('person').column('jurisdiction_code').execute();
  await db.schema.createIndex('person_name_idx').on('person').column('name').execute();

  await db.schema
    .createTable('person_role')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('level', 'text')
    .addColumn('employment', 'text')
    .execute();
  await db.schema.createIndex('person_role_person_idx').on('person_role').column('person_id').execute();
  await db.schema.createIndex('person_role_role_idx').on('person_role').column('role').execute();

  await db.schema
    .createTable('affiliation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('title', 'text')
    .execute();
  await db.schema.createIndex('affiliation_person_idx').on('affiliation').column('person_id').execute();
  await db.schema.createIndex('affiliation_org_idx').on('affiliation').column('organization_id').execute();

  await db.schema
    .createTable('equity_holding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('holder_type', 'text', (c) => c.notNull())
    .addColumn('holder_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('holder_person_id', 'text', (c) => c.references('person.id'))
    .addColumn('percent_bp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equity_org_idx').on('equity_holding').column('organization_id').execute();
  await db.schema.createIndex('equity_holder_org_idx').on('equity_holding').column('holder_organization_id').execute();

  await db.schema
    .createTable('platform')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('host_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('recognized_on', 'text', (c) => c.notNull())
    .addColumn('revoked_on', 'text')
    .addColumn('document_number', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('platform_natural_uq', ['host_organization_id', 'type', 'name'])
    .execute();
  await db.schema.createIndex('platform_host_idx').on('platform').column('host_organization_id').execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_organization')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addPrimaryKeyConstraint('user_organization_pk', ['user_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempt_ip_idx').on('login_attempt').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_subject_idx').on('audit_event').columns(['subject_type', 'subject_id', 'seq']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration is not reversible; restore a backup instead.');
}

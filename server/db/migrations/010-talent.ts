/**
 * Talent (人才, issue 5 "Talent", plan measures (六) and (十三)). `practitioner` is the dated record of
 * a registry person's practitioner role (broker / transfer_staff): organization, certificate level,
 * full- or part-time, valid_from–valid_to, so T2 is counted as of a date. Training courses (培训)
 * with their enrolments (hours attended, certificate number once issued). `contract_researcher`
 * names the researchers of a registered contract and their role (项目负责人 / 主要完成人 …).
 * Hours in tenths (hours_x10) so half hours stay exact; dates TEXT YYYY-MM-DD; instants TEXT ISO-8601.
 * Frozen in time like 001–009.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('practitioner')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('level', 'text')
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practitioner_person_idx').on('practitioner').columns(['person_id', 'role', 'valid_from']).execute();
  await db.schema.createIndex('practitioner_dates_idx').on('practitioner').columns(['role', 'valid_from', 'valid_to']).execute();

  await db.schema
    .createTable('training_course')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('organizer_name', 'text', (c) => c.notNull())
    .addColumn('organizer_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('hours_x10', 'integer', (c) => c.notNull())
    .addColumn('required_hours_x10', 'integer', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_course_jurisdiction_idx').on('training_course').columns(['jurisdiction_code', 'ends_on']).execute();

  await db.schema
    .createTable('training_enrolment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_course.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('enrolled_by_name', 'text', (c) => c.notNull())
    .addColumn('hours_x10', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate_number', 'text')
    .addColumn('certificate_issued_on', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_enrolment_uq', ['course_id', 'person_id'])
    .execute();
  await db.schema.createIndex('training_enrolment_certificate_idx').unique().on('training_enrolment').column('certificate_number').execute();

  await db.schema
    .createTable('contract_researcher')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('contract_researcher_uq', ['contract_id', 'person_id'])
    .execute();
  await db.schema.createIndex('contract_researcher_person_idx').on('contract_researcher').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['contract_researcher', 'training_enrolment', 'training_course', 'practitioner']) await db.schema.dropTable(table).execute();
}

/**
 * 信用记录 (issue 14, seed (十七)): credit records on organizations and people — a 信用中国 list, a
 * court's 失信被执行人 list, or the platform's own finding in an application review — that subsidy
 * rules respect (SUBSIDY-CASES.md §11), and the units' 信用修复 requests with evidence, which the
 * operator decides. A record is in force from `valid_from` to `valid_to` (null: open-ended) unless
 * ended early (`ended_on`: no longer in force from that day). `pending_key` is set while a repair is
 * pending and cleared when decided: the unique index keeps one pending repair per record.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credit_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text')
    .addColumn('document_number', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('note', 'text')
    .addColumn('application_id', 'text', (c) => c.references('subsidy_application.id'))
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_record_organization_idx').on('credit_record').column('organization_id').execute();
  await db.schema.createIndex('credit_record_person_idx').on('credit_record').column('person_id').execute();
  await db.schema.createIndex('credit_record_list_idx').on('credit_record').columns(['jurisdiction_code', 'valid_from']).execute();

  await db.schema
    .createTable('credit_repair')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('credit_record.id'))
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('pending_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_repair_pending_uq').on('credit_repair').columns(['record_id', 'pending_key']).unique().execute();
  await db.schema.createIndex('credit_repair_queue_idx').on('credit_repair').columns(['jurisdiction_code', 'status', 'submitted_at']).execute();

  await db.schema
    .createTable('credit_repair_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repair_id', 'text', (c) => c.notNull().references('credit_repair.id'))
    .addColumn('hash', 'text', (c) => c.notNull().references('evidence_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_repair_evidence_idx').on('credit_repair_evidence').column('repair_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_repair_evidence').execute();
  await db.schema.dropTable('credit_repair').execute();
  await db.schema.dropTable('credit_record').execute();
}

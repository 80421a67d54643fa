/**
 * Supervision (督办, issue 5) and the in-app notification centre. A plan (实施方案) loaded from a
 * data file holds its measures; each measure names its responsible units (lead and co-responsible,
 * a unit optionally linked to a registry organization); a unit reports per period (text, figures
 * as JSON, attachments from the content-addressed evidence_file store) through draft → submitted
 * → accepted | returned → submitted …, every step kept; a reminder row per (unit, day) keeps the
 * daily overdue job idempotent. `notification` is generic: a recipient user or organization, a
 * kind, title, body and link, read or not. Frozen in time like 001–006.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('due_days', 'integer', (c) => c.notNull())
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_plan_code_uq', ['jurisdiction_code', 'code'])
    .execute();

  await db.schema
    .createTable('supervision_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('supervision_plan.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addUniqueConstraint('supervision_unit_name_uq', ['plan_id', 'name'])
    .execute();
  await db.schema.createIndex('supervision_unit_org_idx').on('supervision_unit').column('organization_id').execute();

  await db.schema
    .createTable('supervision_measure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('supervision_plan.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('responsibility', 'text')
    .addColumn('period', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_measure_number_uq', ['plan_id', 'number'])
    .execute();

  await db.schema
    .createTable('supervision_assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('measure_id', 'text', (c) => c.notNull().references('supervision_measure.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('supervision_unit.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('supervision_assignment_uq', ['measure_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('supervision_assignment_unit_idx').on('supervision_assignment').column('unit_id').execute();

  await db.schema
    .createTable('supervision_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('supervision_plan.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('supervision_measure.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('supervision_unit.id'))
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('figures', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('review_comment', 'text')
    .addColumn('submission_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_submitted_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_report_cell_uq', ['measure_id', 'unit_id', 'period'])
    .execute();
  await db.schema.createIndex('supervision_report_plan_idx').on('supervision_report').columns(['plan_id', 'period']).execute();
  await db.schema.createIndex('supervision_report_status_idx').on('supervision_report').columns(['jurisdiction_code', 'status']).execute();

  await db.schema
    .createTable('supervision_report_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('supervision_report.id'))
    .addColumn('hash', 'text', (c) => c.notNull().references('evidence_file.hash'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_report_attachment_idx').on('supervision_report_attachment').column('report_id').execute();

  await db.schema
    .createTable('supervision_report_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('supervision_report.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addUniqueConstraint('supervision_report_step_uq', ['report_id', 'seq'])
    .execute();

  /** One row per (unit, day) the overdue job reminded: the job's idempotency key. */
  await db.schema
    .createTable('supervision_reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('supervision_unit.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('notification_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_reminder_uq', ['unit_id', 'on_date'])
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('recipient_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('recipient_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('read_at', 'text')
    .addColumn('read_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['recipient_user_id', 'created_at']).execute();
  await db.schema.createIndex('notification_org_idx').on('notification').columns(['recipient_organization_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notification', 'supervision_reminder', 'supervision_report_step', 'supervision_report_attachment', 'supervision_report',
    'supervision_assignment', 'supervision_measure', 'supervision_unit', 'supervision_plan',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

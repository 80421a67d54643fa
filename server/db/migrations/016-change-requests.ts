/**
 * 变更申请 (issue 18): an organization's own users change its verified facts (name, credit code,
 * kind, division, filing, legal representative, controller, equity, qualifications, platforms)
 * only through a request with evidence that the operator approves or rejects. Pending requests live
 * here alone — nothing the engine, the indicators, matching or the reports read — until approval
 * applies them through the registry's write paths. `pending_key` is set while a request is pending
 * (its field group, or group:type for qualifications and platforms) and cleared when it is decided
 * or withdrawn; the unique index on (organization_id, pending_key) keeps one pending request per
 * organization and group even under concurrent submissions (NULLs never collide). Frozen in time.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_change_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('field_group', 'text', (c) => c.notNull())
    .addColumn('pending_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested', 'text', (c) => c.notNull()) // JSON: the requested change
    .addColumn('explanation', 'text')
    .addColumn('decided_differences', 'text') // JSON: current vs requested, in words, as decided
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
  await db.schema
    .createIndex('registry_change_request_pending_uq')
    .on('registry_change_request')
    .columns(['organization_id', 'pending_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('registry_change_request_queue_idx')
    .on('registry_change_request')
    .columns(['jurisdiction_code', 'status', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('registry_change_request_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('registry_change_request.id'))
    .addColumn('hash', 'text', (c) => c.notNull().references('evidence_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registry_change_request_evidence_idx')
    .on('registry_change_request_evidence')
    .column('request_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_change_request_evidence').execute();
  await db.schema.dropTable('registry_change_request').execute();
}

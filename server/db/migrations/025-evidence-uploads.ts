/**
 * Who uploaded which evidence file (issue 12, defect 5). Files are stored once per content, so the
 * file row cannot say who brought it; without this a listing, report, payment or application could
 * name any stored file by its hash and so make it downloadable. One row per (file, account); the
 * uploads made before this migration are taken from the audit log, which recorded the first uploader.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_upload')
    .addColumn('hash', 'text', (c) => c.notNull().references('evidence_file.hash'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_upload_pk', ['hash', 'user_id'])
    .execute();
  await sql`
    insert into evidence_upload (hash, user_id, created_at)
    select e.subject_id, e.actor_id, min(e.at)
    from audit_event e
    join evidence_file f on f.hash = e.subject_id
    join app_user u on u.id = e.actor_id
    where e.action = 'contracts.evidence.upload'
    group by e.subject_id, e.actor_id
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evidence_upload').execute();
}

/**
 * 机构简介 (issue 18): an organization's own description, free text kept up to date by its own users
 * like its contacts and address (self-service, not a verified fact). Optional, so existing rows stay null.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organization').addColumn('description', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organization').dropColumn('description').execute();
}

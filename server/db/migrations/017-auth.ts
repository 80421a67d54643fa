/**
 * Two-factor login (issue 18): the last TOTP time step an account used, so a code seen over a
 * shoulder or replayed cannot log in a second time (RFC 6238 §5.2). Frozen in time like 001–016.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('totp_last_step').execute();
}

/**
 * Accounts for real people (Go-live I): what an account needs beyond a password hash — whether its
 * password must be changed (an admin created or reset it) and until when a temporary one holds,
 * last login, contact details, a TOTP secret (encrypted by the data protector) with its recovery
 * codes, identities from a single sign-on provider (OIDC issuer + subject), sessions that know when
 * they were last used and what they still allow (a session that must first change its password or
 * enrol TOTP reaches nothing else), the half-done login waiting for its second factor, and failure
 * counters per client address decided atomically. Frozen in time like 001–013.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('app_user').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('app_user').addColumn('password_changed_at', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('password_expires_at', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('last_login_at', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('last_login_ip', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('mobile', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('position', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('totp_enabled_at', 'text').execute();

  await db.schema.alterTable('session').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('session').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('session').addColumn('stage', 'text', (c) => c.notNull().defaultTo('full')).execute();
  await db.schema.createIndex('session_user_idx').on('session').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('login_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token handed to the browser
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_code_user_idx').on('recovery_code').columns(['user_id']).execute();

  await db.schema
    .createTable('user_identity')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_identity_pk', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey()) // e.g. "ip:203.0.113.7"
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('user_identity').execute();
  await db.schema.dropTable('recovery_code').execute();
  await db.schema.dropTable('login_challenge').execute();
  await db.schema.dropIndex('session_user_idx').execute();
  for (const column of ['stage', 'user_agent', 'last_seen_at']) await db.schema.alterTable('session').dropColumn(column).execute();
  for (const column of [
    'totp_enabled_at', 'totp_secret', 'position', 'email', 'mobile', 'last_login_ip', 'last_login_at',
    'password_expires_at', 'password_changed_at', 'must_change_password', 'is_demo',
  ]) {
    await db.schema.alterTable('app_user').dropColumn(column).execute();
  }
}

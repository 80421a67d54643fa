/**
 * Units register themselves (单位注册, Go-live I): the applications a unit or a broker submits on the
 * public form and their history; who administers a verified unit's users (单位管理员); the one-time
 * invitation codes a unit admin hands to colleagues; and, for the public form, the captcha answers
 * (hashed, with expiry, one use) and the per-address attempts its limits count. Secrets — the query
 * code, invitation codes, captcha answers — are kept only as SHA-256; the applicant's password only as
 * its argon2id hash; ID numbers encrypted by the data protector. Frozen in time like 001–014.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_registration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique()) // 申请编号, ZC + Beijing date + daily sequence
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull()) // unit | broker
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | returned
    // The unit (applicant_type unit): what the applicant proposes; organization_id is the registry's
    // record once approved (created or claimed).
    .addColumn('uscc', 'text')
    .addColumn('org_name', 'text')
    .addColumn('org_kind', 'text')
    .addColumn('division_code', 'text')
    .addColumn('address', 'text')
    .addColumn('legal_rep_name', 'text')
    .addColumn('legal_rep_id_cipher', 'text')
    .addColumn('legal_rep_id_masked', 'text')
    .addColumn('license_kind', 'text')
    .addColumn('license_hash', 'text')
    .addColumn('authorization_hash', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    // A broker's application names the agency that confirms it.
    .addColumn('agency_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('employment', 'text')
    .addColumn('certificate_number', 'text')
    // The applicant and the account asked for.
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_mobile', 'text', (c) => c.notNull())
    .addColumn('applicant_position', 'text')
    .addColumn('applicant_id_cipher', 'text')
    .addColumn('applicant_id_digest', 'text')
    .addColumn('applicant_id_masked', 'text')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    // Which operators review it: the division when the platform's jurisdiction covers it, else the platform's own.
    .addColumn('review_division_code', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    // A first-time single sign-on identity the application came from (linked to the account on approval).
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('submissions', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unit_registration_review_idx').on('unit_registration').columns(['applicant_type', 'status', 'review_division_code']).execute();
  await db.schema.createIndex('unit_registration_uscc_idx').on('unit_registration').columns(['uscc', 'status']).execute();
  await db.schema.createIndex('unit_registration_agency_idx').on('unit_registration').columns(['agency_organization_id', 'status']).execute();
  await db.schema.createIndex('unit_registration_username_idx').on('unit_registration').columns(['username', 'status']).execute();

  await db.schema
    .createTable('unit_registration_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('unit_registration.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // submit | resubmit | approve | return
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot', 'text') // JSON: what was submitted (no secrets)
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('unit_registration_step_idx').on('unit_registration_step').columns(['registration_id', 'seq']).unique().execute();

  await db.schema
    .createTable('unit_admin')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('granted_by_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_admin_pk', ['organization_id', 'user_id'])
    .execute();
  await db.schema.createIndex('unit_admin_user_idx').on('unit_admin').column('user_id').execute();

  await db.schema
    .createTable('unit_invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('unit_invitation_organization_idx').on('unit_invitation').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('captcha_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('captcha_challenge_expiry_idx').on('captcha_challenge').column('expires_at').execute();

  await db.schema
    .createTable('public_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // captcha | submit | status | join
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_attempt_idx').on('public_attempt').columns(['kind', 'ip', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['public_attempt', 'captcha_challenge', 'unit_invitation', 'unit_admin', 'unit_registration_step', 'unit_registration']) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * The subsidy application workflow (申报 → 拨付): notices (申报通知) with their window, rules,
 * budgets and 公示 length; applications with the contracts they claim, their evidence, their
 * declarations and the signed commitment; review steps; the awards each application got from the
 * notice's current settlement run; objections during the 公示; disbursements. Frozen in time like
 * 001–003: Kysely<any>, portable column types (money BIGINT, dates TEXT, lists JSON in TEXT).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subsidy_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('budgets', 'text', (c) => c.notNull())
    .addColumn('overrides', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('notice_days', 'integer', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settlement_run_id', 'text', (c) => c.references('settlement_run.id'))
    .addColumn('publicized_on', 'text')
    .addColumn('notice_ends_on', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_notice_jurisdiction_idx').on('subsidy_notice').columns(['jurisdiction_code', 'year']).execute();

  await db.schema
    .createTable('subsidy_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('subsidy_notice.id'))
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('beneficiary_kind', 'text', (c) => c.notNull())
    .addColumn('beneficiary_ref', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('payee_bank', 'text')
    .addColumn('payee_account', 'text')
    .addColumn('related_parties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('related_parties_note', 'text')
    .addColumn('other_funding', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('other_funding_note', 'text')
    .addColumn('commitment_text', 'text')
    .addColumn('commitment_signer', 'text')
    .addColumn('commitment_user_id', 'text')
    .addColumn('commitment_signed_at', 'text')
    .addColumn('first_submitted_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('first_reviewer_id', 'text')
    .addColumn('first_reviewer_name', 'text')
    .addColumn('first_reviewed_at', 'text')
    .addColumn('second_reviewer_id', 'text')
    .addColumn('second_reviewer_name', 'text')
    .addColumn('second_reviewed_at', 'text')
    .addColumn('award_yuan', 'bigint')
    .addColumn('settlement_run_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_application_beneficiary_uq').on('subsidy_application').columns(['notice_id', 'beneficiary_ref']).unique().execute();
  await db.schema.createIndex('subsidy_application_status_idx').on('subsidy_application').columns(['notice_id', 'status']).execute();
  await db.schema.createIndex('subsidy_application_org_idx').on('subsidy_application').column('organization_id').execute();

  await db.schema
    .createTable('subsidy_application_contract')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('subsidy_application.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contract.id'))
    .execute();
  await db.schema.createIndex('subsidy_application_contract_uq').on('subsidy_application_contract').columns(['application_id', 'contract_id']).unique().execute();

  await db.schema
    .createTable('subsidy_application_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('subsidy_application.id'))
    .addColumn('hash', 'text', (c) => c.notNull().references('evidence_file.hash'))
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_application_evidence_idx').on('subsidy_application_evidence').column('application_id').execute();

  await db.schema
    .createTable('subsidy_application_award')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('subsidy_application.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('settlement_run.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('amount_yuan', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_application_award_idx').on('subsidy_application_award').column('application_id').execute();

  await db.schema
    .createTable('subsidy_application_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('subsidy_application.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('subsidy_application_step_uq').on('subsidy_application_step').columns(['application_id', 'seq']).unique().execute();

  await db.schema
    .createTable('subsidy_objection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('subsidy_notice.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('subsidy_application.id'))
    .addColumn('submitted_by', 'text')
    .addColumn('submitter_name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('outcome_action', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_by_name', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_objection_notice_idx').on('subsidy_objection').columns(['notice_id', 'status']).execute();

  await db.schema
    .createTable('subsidy_disbursement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('subsidy_application.id'))
    .addColumn('notice_id', 'text', (c) => c.notNull().references('subsidy_notice.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('bank_reference', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'subsidy_disbursement', 'subsidy_objection', 'subsidy_application_step', 'subsidy_application_award',
    'subsidy_application_evidence', 'subsidy_application_contract', 'subsidy_application', 'subsidy_notice',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

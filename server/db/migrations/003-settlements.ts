/**
 * Subsidy settlements (奖补结算): one immutable run per computation — the policy and its file hash,
 * the year, budgets and overrides, the input hash, the result hash — with its awards (each with the
 * trace that explains it, as JSON) and every exclusion (a national year has over a million, so they
 * are kept as one gzip-compressed tab-separated document per run). Triggers refuse any UPDATE or
 * DELETE, so a run once written is the record; a correction is a new run. Frozen in time like 001
 * and 002.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = ['settlement_run', 'settlement_award', 'settlement_exclusions'];

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('settlement_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_title', 'text', (c) => c.notNull())
    .addColumn('policy_hash', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_ref', 'text')
    .addColumn('budgets', 'text', (c) => c.notNull())
    .addColumn('overrides', 'text', (c) => c.notNull())
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('result_hash', 'text', (c) => c.notNull())
    .addColumn('contract_count', 'integer', (c) => c.notNull())
    .addColumn('award_count', 'integer', (c) => c.notNull())
    .addColumn('award_total_yuan', 'bigint', (c) => c.notNull())
    .addColumn('exclusion_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('settlement_run_year_idx').on('settlement_run').columns(['jurisdiction_code', 'year']).execute();

  await db.schema
    .createTable('settlement_award')
    .addColumn('run_id', 'text', (c) => c.notNull().references('settlement_run.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('beneficiary_ref', 'text', (c) => c.notNull())
    .addColumn('beneficiary_kind', 'text', (c) => c.notNull())
    .addColumn('beneficiary_name', 'text', (c) => c.notNull())
    .addColumn('amount_yuan', 'bigint', (c) => c.notNull())
    .addColumn('trace', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_award_pk', ['run_id', 'seq'])
    .execute();
  await db.schema.createIndex('settlement_award_beneficiary_idx').on('settlement_award').columns(['run_id', 'beneficiary_ref']).execute();

  await db.schema
    .createTable('settlement_exclusions')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references('settlement_run.id'))
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('content', postgres ? sql`bytea` : 'blob', (c) => c.notNull())
    .execute();

  if (postgres) {
    await sql`create function settlement_immutable() returns trigger language plpgsql as $$
      begin raise exception 'settlement runs are immutable (%)', tg_table_name; end $$`.execute(db);
    for (const t of TABLES) {
      await sql.raw(`create trigger ${t}_immutable before update or delete on ${t} for each row execute function settlement_immutable()`).execute(db);
    }
  } else {
    for (const t of TABLES) {
      for (const op of ['update', 'delete']) {
        await sql.raw(`create trigger ${t}_no_${op} before ${op} on ${t} begin select raise(abort, 'settlement runs are immutable (${t})'); end`).execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...TABLES].reverse()) await db.schema.dropTable(t).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists settlement_immutable()`.execute(db);
}

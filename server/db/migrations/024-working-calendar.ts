/**
 * The working-day calendar's loaded years (issue 12, the calendar): each year's 放假安排 as the State
 * Council announces it, loaded by the operator (`techtransfer calendar load`) and overlaying the
 * built-in table (server/modules/contracts/holidays.ts). A loaded year replaces the built-in one whole.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('working_calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text')
    .addColumn('loaded_by_name', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('working_calendar_day')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('working_calendar_year.year'))
    // 'off' (放假) or 'work' (a weekend worked instead, 调休上班)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .execute();
  await db.schema.createIndex('working_calendar_day_year_idx').on('working_calendar_day').column('year').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('working_calendar_day').execute();
  await db.schema.dropTable('working_calendar_year').execute();
}

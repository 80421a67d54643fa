/**
 * The loaded years of the working-day calendar, in the database: read into a WorkingCalendar with
 * the built-in table beneath them, and replaced year by year when the operator loads a notice. Read
 * on every use (a few hundred rows), so a year loaded from the CLI counts at once on every instance.
 */
import { addDays, type IsoDate } from '../../../common/dates.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { insertMany } from '../../db/bulk-insert.js';
import { audit } from '../audit/audit.js';
import { BUILT_IN_YEARS, WorkingCalendar, type YearDays } from '../contracts/holidays.js';
import type { CalendarFile } from './calendar-file.js';

export async function storedYears(db: Executor): Promise<YearDays[]> {
  const rows = await db.selectFrom('working_calendar_day').select(['day', 'year', 'kind']).orderBy('day').execute();
  const years = (await db.selectFrom('working_calendar_year').select('year').execute()).map((r) => Number(r.year));
  const byYear = new Map<number, YearDays>(years.map((y) => [y, { year: y, offDays: [], workingWeekends: [] }]));
  for (const r of rows) {
    const y = byYear.get(Number(r.year))!;
    (r.kind === 'off' ? y.offDays : y.workingWeekends).push(r.day);
  }
  return [...byYear.values()];
}

/** The calendar deadlines count with: the built-in years, each loaded year replacing its own. */
export async function workingCalendar(db: Executor): Promise<WorkingCalendar> {
  return new WorkingCalendar([...BUILT_IN_YEARS, ...(await storedYears(db))]);
}

export interface CalendarYearSummary {
  year: number;
  origin: 'built_in' | 'loaded';
  source: string | null;
  offDays: number;
  workingWeekends: number;
  loadedAt: string | null;
  loadedByName: string | null;
}

/** Every year the calendar covers, with where its dates come from. */
export async function calendarYears(db: Executor): Promise<CalendarYearSummary[]> {
  const loaded = await db.selectFrom('working_calendar_year').selectAll().execute();
  const stored = new Map((await storedYears(db)).map((y) => [y.year, y]));
  const summaries = new Map<number, CalendarYearSummary>();
  for (const y of BUILT_IN_YEARS) {
    summaries.set(y.year, { year: y.year, origin: 'built_in', source: null, offDays: y.offDays.length, workingWeekends: y.workingWeekends.length, loadedAt: null, loadedByName: null });
  }
  for (const row of loaded) {
    const y = stored.get(Number(row.year))!;
    summaries.set(y.year, { year: y.year, origin: 'loaded', source: row.source, offDays: y.offDays.length, workingWeekends: y.workingWeekends.length, loadedAt: row.loaded_at, loadedByName: row.loaded_by_name });
  }
  return [...summaries.values()].sort((a, b) => a.year - b.year);
}

/** The days of a year as ranges with their names, for the audit log and the CLI. */
function ranges(days: IsoDate[], names: Record<IsoDate, string>): string[] {
  const out: string[] = [];
  let start: IsoDate | null = null;
  let prev: IsoDate | null = null;
  const flush = () => {
    if (!start || !prev) return;
    const name = names[start] ? `${names[start]} ` : '';
    out.push(start === prev ? `${name}${start}` : `${name}${start} 至 ${prev}`);
  };
  for (const d of days) {
    const next: IsoDate | null = prev ? addDays(prev, 1) : null;
    if (prev && d === next && (names[d] ?? '') === (names[start!] ?? '')) {
      prev = d;
      continue;
    }
    flush();
    start = d;
    prev = d;
  }
  flush();
  return out;
}

/**
 * Stores the file's years, each replacing what was loaded for it before, in one transaction with
 * one audit event per year (what it was — loaded or built-in — and what it is now).
 */
export async function loadCalendarYears(ctx: Ctx, file: CalendarFile): Promise<CalendarYearSummary[]> {
  return inTransaction(ctx, async (trx) => {
    const previous = new Map((await calendarYears(trx)).map((s) => [s.year, s]));
    const previousDays = new Map([...BUILT_IN_YEARS, ...(await storedYears(trx))].map((y) => [y.year, y]));
    const at = ctx.clock.now().toISOString();
    for (const y of file.years) {
      await trx.deleteFrom('working_calendar_day').where('year', '=', y.year).execute();
      await trx.deleteFrom('working_calendar_year').where('year', '=', y.year).execute();
      await trx.insertInto('working_calendar_year').values({ year: y.year, source: file.source, loaded_by_name: ctx.actor.name, loaded_at: at }).execute();
      const rows = [
        ...y.offDays.map((day) => ({ day, year: y.year, kind: 'off' as const, name: y.names[day] ?? null })),
        ...y.workingWeekends.map((day) => ({ day, year: y.year, kind: 'work' as const, name: y.names[day] ?? null })),
      ];
      await insertMany(trx, ctx.sqlite, 'working_calendar_day', rows);
      // The record's name is the year (节假日安排「2027年」); `source` says where the dates came from.
      const was = previousDays.get(y.year);
      const wasSummary = previous.get(y.year);
      const before = was && wasSummary
        ? { name: `${y.year}年`, source: wasSummary.origin === 'built_in' ? '平台内置节假日表' : (wasSummary.source ?? '此前载入的文件'), holidays: ranges(was.offDays, {}), workdays: was.workingWeekends }
        : null;
      await audit(trx, ctx, {
        action: 'calendar.year.load',
        subjectType: 'working_calendar',
        subjectId: String(y.year),
        before,
        after: { name: `${y.year}年`, source: file.source ?? '未注明', holidays: ranges(y.offDays, y.names), workdays: y.workingWeekends },
      });
    }
    return (await calendarYears(trx)).filter((s) => file.years.some((y) => y.year === s.year));
  });
}

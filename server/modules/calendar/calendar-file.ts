/**
 * Reads a year's 放假安排 from the file the operator types up from the State Council's notice:
 * CSV/XLSX with the columns 开始日期, 结束日期 (empty for one day), 类型 (放假 or 上班), 名称, or JSON
 * `{"source": "国办发明电〔…〕…号", "days": [{"from", "to", "kind", "name"}]}`. Every bad row is
 * reported (line, column, reason) and nothing is loaded. See docs/calendar.md.
 */
import path from 'node:path';
import { addDays, type IsoDate } from '../../../common/dates.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import type { YearDays } from '../contracts/holidays.js';
import { readTable, type TableRow } from '../registry/import/read-table.js';

export interface CalendarYearInput extends YearDays {
  /** Each day's name (春节, 国庆节 …) as written in the file. */
  names: Record<IsoDate, string>;
}

export interface CalendarFile {
  source: string | null;
  years: CalendarYearInput[];
}

/** Years a notice can be for: the platform's past and a generous future, never a typo like 2207. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;
/** No break is longer than this; a longer range is a mistyped date. */
const MAX_RANGE_DAYS = 31;

const COLUMNS = {
  from: ['开始日期', '日期', 'from', 'date'],
  to: ['结束日期', 'to'],
  kind: ['类型', 'kind'],
  name: ['名称', '节日', 'name'],
} as const;

const KIND_WORDS: Record<string, 'off' | 'work'> = { 放假: 'off', 休息: 'off', off: 'off', holiday: 'off', 上班: 'work', 调休上班: 'work', work: 'work', workday: 'work' };

interface Entry {
  /** Where the row is, for errors: a file line (CSV/XLSX) or an index in `days` (JSON). */
  where: { line?: number; field?: string };
  from: string;
  to: string;
  kind: string;
  name: string;
  columns: { from: string; to: string; kind: string; name: string };
}

function isRealDate(text: string): text is IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Accepts 2027-1-1, 2027/01/01 and 2027年1月1日 as Excel and people write them; anything else is returned as typed, to be refused. */
function normalizeDate(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

function entriesFromTable(rows: TableRow[], headers: string[]): { entries: Entry[]; errors: ErrorDetail[] } {
  const pick = (names: readonly string[]) => names.find((n) => headers.includes(n));
  const columns = { from: pick(COLUMNS.from), to: pick(COLUMNS.to), kind: pick(COLUMNS.kind), name: pick(COLUMNS.name) };
  const errors: ErrorDetail[] = [];
  if (!columns.from) errors.push({ line: 1, column: '开始日期', reason: '缺少“开始日期”列' });
  if (!columns.kind) errors.push({ line: 1, column: '类型', reason: '缺少“类型”列（放假 或 上班）' });
  if (errors.length) return { entries: [], errors };
  const named = { from: columns.from!, to: columns.to ?? '结束日期', kind: columns.kind!, name: columns.name ?? '名称' };
  const entries = rows.map((r) => ({
    where: { line: r.line },
    from: r.cells[named.from] ?? '',
    to: columns.to ? (r.cells[columns.to] ?? '') : '',
    kind: r.cells[named.kind] ?? '',
    name: columns.name ? (r.cells[columns.name] ?? '') : '',
    columns: named,
  }));
  return { entries, errors };
}

function entriesFromJson(text: string): { source: string | null; entries: Entry[]; errors: ErrorDetail[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { source: null, entries: [], errors: [{ field: 'file', reason: `不是有效的 JSON：${(error as Error).message}` }] };
  }
  const doc = (Array.isArray(parsed) ? { days: parsed } : parsed) as { source?: unknown; days?: unknown };
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.days)) {
    return { source: null, entries: [], errors: [{ field: 'days', reason: '应有数组 days，每项含 from、to、kind、name' }] };
  }
  if (doc.source !== undefined && typeof doc.source !== 'string') return { source: null, entries: [], errors: [{ field: 'source', reason: '应为文字（通知文号）' }] };
  const text_ = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const entries = doc.days.map((d, i) => {
    const item = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    return {
      where: { field: `days[${i + 1}]` },
      from: text_(item.from ?? item.date),
      to: text_(item.to),
      kind: text_(item.kind),
      name: text_(item.name),
      columns: { from: 'from', to: 'to', kind: 'kind', name: 'name' },
    };
  });
  return { source: typeof doc.source === 'string' && doc.source.trim() ? doc.source.trim() : null, entries, errors: [] };
}

/** Checks every entry and gathers the days by year; all errors at once. */
function collect(entries: Entry[]): { years: CalendarYearInput[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const seen = new Map<IsoDate, { kind: 'off' | 'work'; where: string }>();
  const years = new Map<number, CalendarYearInput>();
  const label = (e: Entry) => (e.where.line !== undefined ? `第 ${e.where.line} 行` : `第 ${e.where.field!.slice(5, -1)} 项`);
  const err = (e: Entry, column: keyof Entry['columns'], value: string, reason: string) =>
    errors.push({ ...(e.where.line !== undefined ? { line: e.where.line, column: e.columns[column] } : { field: `${e.where.field}.${e.columns[column]}` }), value, reason });
  if (entries.length === 0) errors.push({ reason: '文件中没有任何日期' });
  for (const e of entries) {
    const from = normalizeDate(e.from);
    const to = e.to.trim() ? normalizeDate(e.to) : from;
    const kind = KIND_WORDS[e.kind.trim()];
    const before = errors.length;
    if (!from) err(e, 'from', e.from, '必填');
    else if (!isRealDate(from)) err(e, 'from', e.from, '不是有效日期（应写成 2027-01-01）');
    if (e.to.trim() && !isRealDate(to)) err(e, 'to', e.to, '不是有效日期（应写成 2027-01-03，或留空表示只有一天）');
    if (!kind) err(e, 'kind', e.kind, '应为“放假”或“上班”（周末调休上班）');
    if (errors.length > before || !kind) continue;
    const fromDate = from as IsoDate;
    const toDate = to as IsoDate;
    if (toDate < fromDate) {
      err(e, 'to', e.to, `早于开始日期 ${fromDate}`);
      continue;
    }
    const year = Number(fromDate.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR || Number(toDate.slice(0, 4)) > LAST_YEAR) {
      err(e, 'from', e.from, `年份应在 ${FIRST_YEAR}–${LAST_YEAR} 之间`);
      continue;
    }
    const days: IsoDate[] = [];
    for (let d = fromDate; d <= toDate; d = addDays(d, 1)) days.push(d);
    if (days.length > MAX_RANGE_DAYS) {
      err(e, 'to', e.to, `与开始日期相隔 ${days.length} 天，超过 ${MAX_RANGE_DAYS} 天，请核对日期`);
      continue;
    }
    if (kind === 'work') {
      const weekdays = days.filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
      if (weekdays.length) {
        err(e, 'from', e.from, `调休上班日应为周六或周日，${weekdays.join('、')} 本来就是工作日`);
        continue;
      }
    }
    const repeated = days.filter((d) => seen.has(d));
    if (repeated.length) {
      const earlier = seen.get(repeated[0]!)!;
      err(e, 'from', e.from, `${repeated.join('、')} 已在${earlier.where}列出（${earlier.kind === 'off' ? '放假' : '上班'}），同一天只能出现一次`);
      continue;
    }
    for (const d of days) {
      seen.set(d, { kind, where: label(e) });
      const y = Number(d.slice(0, 4));
      const entry = years.get(y) ?? { year: y, offDays: [], workingWeekends: [], names: {} };
      (kind === 'off' ? entry.offDays : entry.workingWeekends).push(d);
      if (e.name.trim()) entry.names[d] = e.name.trim();
      years.set(y, entry);
    }
  }
  for (const y of years.values()) {
    if (y.offDays.length === 0) errors.push({ reason: `${y.year} 年只有上班日而没有放假日：一年的放假安排应整年一起载入` });
    y.offDays.sort();
    y.workingWeekends.sort();
  }
  return { years: [...years.values()].sort((a, b) => a.year - b.year), errors };
}

/** Parses a calendar file (by extension: .json, .csv or .xlsx); throws IMPORT_INVALID with every bad row. */
export async function parseCalendarFile(fileName: string, data: Buffer): Promise<CalendarFile> {
  const ext = path.extname(fileName).toLowerCase();
  let source: string | null = null;
  let entries: Entry[];
  let errors: ErrorDetail[];
  if (ext === '.json') {
    ({ source, entries, errors } = entriesFromJson(new TextDecoder('utf-8').decode(data)));
  } else if (ext === '.csv' || ext === '.xlsx') {
    const table = await readTable(data, ext === '.csv' ? 'csv' : 'xlsx');
    ({ entries, errors } = entriesFromTable(table.rows, table.headers));
  } else {
    throw new AppError('VALIDATION', `不支持的文件类型：${fileName}（支持 .json、.csv、.xlsx）`, { field: 'file' });
  }
  if (!errors.length) {
    const collected = collect(entries);
    errors = collected.errors;
    if (!errors.length) return { source, years: collected.years };
  }
  throw new AppError('IMPORT_INVALID', `节假日安排文件有 ${errors.length} 处错误，未载入任何日期`, { details: errors });
}

/** A notice names 6 or 7 breaks (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节; 中秋 may join 国庆). */
export const USUAL_BREAKS = 6;

/** The number of separate breaks (runs of consecutive days off) in a year. */
export function breaksOf(year: YearDays): number {
  let breaks = 0;
  let previous: IsoDate | null = null;
  for (const d of [...year.offDays].sort()) {
    if (!previous || addDays(previous, 1) !== d) breaks += 1;
    previous = d;
  }
  return breaks;
}

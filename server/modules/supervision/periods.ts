/**
 * Reporting periods and what a cell of the board is on a given day — pure functions.
 *
 * A plan's periods run from the one containing its start date to the one containing its end date:
 * quarters `2023Q1`…`2023Q4`, halves `2023H1`/`2023H2`, years `2023`, months `2023M01`. A report is
 * due `dueDays` days after its period ends.
 */
import { addDays, type IsoDate } from '../../../common/dates.js';
import type { CellStatus, ReportingPeriod, ReportStatus } from '../../../common/supervision-vocabulary.js';

export interface Period {
  code: string;
  label: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

const MONTHS: Record<ReportingPeriod, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): IsoDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10); // month is 1-based: day 0 of the next
}

/** The period of kind `kind` that holds month `month` (1–12) of `year`. */
function periodAt(kind: ReportingPeriod, year: number, month: number): Period {
  const size = MONTHS[kind];
  const index = Math.floor((month - 1) / size); // 0-based within the year
  const first = index * size + 1;
  const last = first + size - 1;
  const startsOn = `${year}-${pad(first)}-01`;
  const endsOn = lastDayOf(year, last);
  switch (kind) {
    case 'quarterly':
      return { code: `${year}Q${index + 1}`, label: `${year}年第${index + 1}季度`, startsOn, endsOn };
    case 'half_yearly':
      return { code: `${year}H${index + 1}`, label: `${year}年${index === 0 ? '上' : '下'}半年`, startsOn, endsOn };
    case 'yearly':
      return { code: String(year), label: `${year}年度`, startsOn, endsOn };
    case 'monthly':
      return { code: `${year}M${pad(first)}`, label: `${year}年${first}月`, startsOn, endsOn };
  }
}

/** Every period of a plan running from `startsOn` to `endsOn` (both inclusive), in order. */
export function periodsBetween(kind: ReportingPeriod, startsOn: IsoDate, endsOn: IsoDate): Period[] {
  const out: Period[] = [];
  let year = Number(startsOn.slice(0, 4));
  let month = Number(startsOn.slice(5, 7));
  for (let guard = 0; guard < 1200; guard++) {
    const p = periodAt(kind, year, month);
    if (p.startsOn > endsOn) break;
    out.push(p);
    const next = addDays(p.endsOn, 1);
    year = Number(next.slice(0, 4));
    month = Number(next.slice(5, 7));
  }
  return out;
}

/** The day by which a period's report is due. */
export function dueOn(period: Period, dueDays: number): IsoDate {
  return addDays(period.endsOn, dueDays);
}

/**
 * A cell's status on `today`: the report's review state once submitted; otherwise (no report, or
 * a draft) not due while the period runs, due until its due day, overdue after. `overdue` also
 * holds for a returned report not resubmitted by the due day: it still awaits the unit.
 */
export function cellStatus(report: ReportStatus | null, period: Period, due: IsoDate, today: IsoDate): { status: CellStatus; overdue: boolean } {
  const late = today > due;
  switch (report) {
    case 'accepted':
      return { status: 'accepted', overdue: false };
    case 'submitted':
      return { status: 'submitted', overdue: false };
    case 'returned':
      return { status: 'returned', overdue: late };
    default:
      if (today <= period.endsOn) return { status: 'not_due', overdue: false };
      return late ? { status: 'overdue', overdue: true } : { status: 'due', overdue: false };
  }
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十一 → 11, 二十 → 20, 二十一 → 21 (1–99); null for anything else. */
export function chineseNumber(text: string): number | null {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || !text) return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? DIGITS[tens]! : null;
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

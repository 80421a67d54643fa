/**
 * China's statutory holidays (法定节假日) and the weekends worked instead (调休上班), 2020–2026, as
 * the State Council General Office announced them:
 *   2020 国办发明电〔2019〕16号, extended by 国办发明电〔2020〕1号 (Spring Festival to 2 February);
 *   2021 国办发明电〔2020〕27号; 2022 国办发明电〔2021〕11号; 2023 国办发明电〔2022〕16号;
 *   2024 国办发明电〔2023〕7号; 2025 国办发明电〔2024〕12号; 2026 国办发明电〔2025〕7号.
 * Cross-checked against the maintained npm data set `chinese-days` 1.5.7. The package (1.5.7, the
 * newest) has no 2027 yet, nor has chinese-workday 1.16.1, so a coming year's notice is loaded by the
 * operator (`techtransfer calendar load FILE`, see docs/calendar.md) and overlays this table; for a
 * year neither covers only weekends are known, and deadlines say so.
 */
import type { IsoDate } from '../../../common/dates.js';

interface YearCalendar {
  /** Days off, as inclusive ranges (weekends inside a break included). */
  off: [IsoDate, IsoDate][];
  /** Saturdays and Sundays that are working days. */
  workingWeekends: IsoDate[];
}

export const HOLIDAY_CALENDAR: Record<number, YearCalendar> = {
  2020: {
    off: [['2020-01-01', '2020-01-01'], ['2020-01-24', '2020-02-02'], ['2020-04-04', '2020-04-06'], ['2020-05-01', '2020-05-05'], ['2020-06-25', '2020-06-27'], ['2020-10-01', '2020-10-08']],
    workingWeekends: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  2021: {
    off: [['2021-01-01', '2021-01-03'], ['2021-02-11', '2021-02-17'], ['2021-04-03', '2021-04-05'], ['2021-05-01', '2021-05-05'], ['2021-06-12', '2021-06-14'], ['2021-09-19', '2021-09-21'], ['2021-10-01', '2021-10-07']],
    workingWeekends: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  2022: {
    off: [['2022-01-01', '2022-01-03'], ['2022-01-31', '2022-02-06'], ['2022-04-03', '2022-04-05'], ['2022-04-30', '2022-05-04'], ['2022-06-03', '2022-06-05'], ['2022-09-10', '2022-09-12'], ['2022-10-01', '2022-10-07'], ['2022-12-31', '2022-12-31']],
    workingWeekends: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  2023: {
    off: [['2023-01-01', '2023-01-02'], ['2023-01-21', '2023-01-27'], ['2023-04-05', '2023-04-05'], ['2023-04-29', '2023-05-03'], ['2023-06-22', '2023-06-24'], ['2023-09-29', '2023-10-06']],
    workingWeekends: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  2024: {
    off: [['2024-01-01', '2024-01-01'], ['2024-02-10', '2024-02-17'], ['2024-04-04', '2024-04-06'], ['2024-05-01', '2024-05-05'], ['2024-06-10', '2024-06-10'], ['2024-09-15', '2024-09-17'], ['2024-10-01', '2024-10-07']],
    workingWeekends: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    off: [['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'], ['2025-05-01', '2025-05-05'], ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08']],
    workingWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07']],
    workingWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** One year's 放假安排 as individual days: the days off and the weekends worked instead. */
export interface YearDays {
  year: number;
  offDays: IsoDate[];
  workingWeekends: IsoDate[];
}

function expand(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
}

/** The table above, day by day. */
export const BUILT_IN_YEARS: YearDays[] = Object.entries(HOLIDAY_CALENDAR).map(([year, cal]) => ({
  year: Number(year),
  offDays: cal.off.flatMap(([from, to]) => expand(from, to)),
  workingWeekends: cal.workingWeekends,
}));

/**
 * The working-day calendar: the built-in years, overlaid by the years the operator loaded
 * (`techtransfer calendar load`, stored in the database): a loaded year replaces the built-in one
 * whole. For a year it does not cover only weekends are known, and deadlines say so.
 */
export class WorkingCalendar {
  private readonly years = new Set<number>();
  private readonly offDays = new Set<IsoDate>();
  private readonly workingWeekends = new Set<IsoDate>();

  constructor(years: YearDays[]) {
    const byYear = new Map<number, YearDays>();
    for (const y of years) byYear.set(y.year, y); // later entries (loaded years) win
    for (const y of byYear.values()) {
      this.years.add(y.year);
      for (const d of y.offDays) this.offDays.add(d);
      for (const d of y.workingWeekends) this.workingWeekends.add(d);
    }
  }

  /** Whether the calendar knows the holidays of the date's year (otherwise only weekends are known). */
  covers(date: IsoDate): boolean {
    return this.years.has(Number(date.slice(0, 4)));
  }

  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /**
   * Whether government offices work on the date: Monday–Friday unless a statutory holiday, plus the
   * adjusted working weekends.
   */
  isWorkingDay(date: IsoDate): boolean {
    if (this.workingWeekends.has(date)) return true;
    if (this.offDays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}

/** The built-in years alone (pure rules and tests; the server adds the loaded years, see stored-calendar.ts). */
export const BUILT_IN_CALENDAR = new WorkingCalendar(BUILT_IN_YEARS);

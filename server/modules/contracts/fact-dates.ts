/**
 * Dates of things that have happened — a contract signed, registered, paid, invoiced — are bounded
 * (issue 12, defect 7): not before 1990 (no technology contract in this registry is older, and
 * 1900-01-01 is a spreadsheet's empty date), not after today plus a small margin (a slip of the
 * keyboard like 9999-12-31, or a year typed wrong, would otherwise count in a year's tallies).
 */
import { chinaDate } from '../../../common/dates.js';
import type { Clock } from '../../context.js';
import { AppError } from '../../errors.js';

export const EARLIEST_FACT_DATE = '1990-01-01';
/** Days after today a past fact may carry: a record entered the evening before a date change, a time-zone slip. */
export const FACT_DATE_MARGIN_DAYS = 31;

export function latestFactDate(clock: Clock): string {
  const d = new Date(clock.now().getTime() + FACT_DATE_MARGIN_DAYS * 86_400_000);
  return chinaDate(d);
}

/** Refuses an impossible date of a past fact, naming the field and the bound. */
export function checkFactDate(clock: Clock, field: string, label: string, value: string | null | undefined): void {
  if (!value) return;
  if (value < EARLIEST_FACT_DATE) {
    throw new AppError('VALIDATION', `${label}不能早于 ${EARLIEST_FACT_DATE}（填写的是 ${value}）`, { field });
  }
  const latest = latestFactDate(clock);
  if (value > latest) {
    throw new AppError('VALIDATION', `${label}不能晚于 ${latest}（填写的是 ${value}，${label}应是已经发生的日期）`, { field });
  }
}

/**
 * How long a registration office has to decide. Under the 2000 《技术合同认定登记管理办法》 (for
 * contracts first submitted before 2026-01-23): 30 days. Under the 2026 MIIT 办法 (from 2026-01-23):
 * 15 working days, or 30 working days when 技术交易额 ≥ 5,000,000 yuan (expert review). Counting
 * starts the day after submission (the submission day itself is not counted), and a request for
 * materials (补正) restarts it from the resubmission date.
 */
import type { ContractDeadline, RuleSet } from '../../../common/contract-api.js';
import { addDays, type IsoDate } from '../../../common/dates.js';
import type { WorkingCalendar } from './holidays.js';

export const RULES_2026_FROM: IsoDate = '2026-01-23';
/** 5,000,000 yuan in fen. */
export const LARGE_CONTRACT_FEN = 500_000_000;

export function ruleSetFor(firstSubmittedOn: IsoDate): RuleSet {
  return firstSubmittedOn < RULES_2026_FROM ? 'rules_2000' : 'rules_2026';
}

/** What a deadline needs from the calendar: the due date, and the years it had to guess. */
export interface WorkingDayCount {
  due: IsoDate;
  calendarComplete: boolean;
  /** Years of the counted days whose 放假安排 the calendar does not hold (only weekends skipped). */
  uncoveredYears: number[];
}

/** The n-th working day after `from`. */
export function addWorkingDays(from: IsoDate, n: number, calendar: WorkingCalendar): WorkingDayCount {
  let date = from;
  const uncovered = new Set<number>();
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (!calendar.covers(date)) uncovered.add(Number(date.slice(0, 4)));
    if (calendar.isWorkingDay(date)) counted += 1;
  }
  const uncoveredYears = [...uncovered].sort((a, b) => a - b);
  return { due: date, calendarComplete: uncoveredYears.length === 0, uncoveredYears };
}

/** The warning a deadline carries when it was counted through a year without its 放假安排. */
export function calendarWarning(uncoveredYears: number[]): string | null {
  if (uncoveredYears.length === 0) return null;
  const years = uncoveredYears.map((y) => `${y} 年`).join('、');
  return `${years}的法定节假日安排尚未载入，此期限只扣除了周末，实际截止日可能更晚；国务院办公厅公布放假安排并载入后按实际计算`;
}

/**
 * The decision deadline of a submission made on `submittedOn`; `firstSubmittedOn` (the contract's
 * first submission) picks the rule set.
 */
export function reviewDeadline(input: { firstSubmittedOn: IsoDate; submittedOn: IsoDate; techAmountFen: number }, calendar: WorkingCalendar): ContractDeadline {
  const ruleSet = ruleSetFor(input.firstSubmittedOn);
  if (ruleSet === 'rules_2000') {
    return { ruleSet, period: '30日', days: 30, workingDays: false, from: input.submittedOn, due: addDays(input.submittedOn, 30), calendarComplete: true, uncoveredYears: [], calendarWarning: null };
  }
  const days = input.techAmountFen >= LARGE_CONTRACT_FEN ? 30 : 15;
  const { due, calendarComplete, uncoveredYears } = addWorkingDays(input.submittedOn, days, calendar);
  return { ruleSet, period: `${days}个工作日`, days, workingDays: true, from: input.submittedOn, due, calendarComplete, uncoveredYears, calendarWarning: calendarWarning(uncoveredYears) };
}

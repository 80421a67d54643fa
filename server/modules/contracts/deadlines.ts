/**
 * How long a registration office has to decide. Under the 2000 《技术合同认定登记管理办法》 (for
 * contracts first submitted before 2026-01-23): 30 days. Under the 2026 MIIT 办法 (from 2026-01-23):
 * 15 working days, or 30 working days when 技术交易额 ≥ 5,000,000 yuan (expert review). Counting
 * starts the day after submission (the submission day itself is not counted), and a request for
 * materials (补正) restarts it from the resubmission date.
 */
import type { ContractDeadline, RuleSet } from '../../../common/contract-api.js';
import { addDays, type IsoDate } from '../../../common/dates.js';
import { calendarCovers, isWorkingDay } from './holidays.js';

export const RULES_2026_FROM: IsoDate = '2026-01-23';
/** 5,000,000 yuan in fen. */
export const LARGE_CONTRACT_FEN = 500_000_000;

export function ruleSetFor(firstSubmittedOn: IsoDate): RuleSet {
  return firstSubmittedOn < RULES_2026_FROM ? 'rules_2000' : 'rules_2026';
}

/** The n-th working day after `from`. */
export function addWorkingDays(from: IsoDate, n: number): { due: IsoDate; calendarComplete: boolean } {
  let date = from;
  let complete = true;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (!calendarCovers(date)) complete = false;
    if (isWorkingDay(date)) counted += 1;
  }
  return { due: date, calendarComplete: complete };
}

/**
 * The decision deadline of a submission made on `submittedOn`; `firstSubmittedOn` (the contract's
 * first submission) picks the rule set.
 */
export function reviewDeadline(input: { firstSubmittedOn: IsoDate; submittedOn: IsoDate; techAmountFen: number }): ContractDeadline {
  const ruleSet = ruleSetFor(input.firstSubmittedOn);
  if (ruleSet === 'rules_2000') {
    return { ruleSet, period: '30日', days: 30, workingDays: false, from: input.submittedOn, due: addDays(input.submittedOn, 30), calendarComplete: true };
  }
  const days = input.techAmountFen >= LARGE_CONTRACT_FEN ? 30 : 15;
  const { due, calendarComplete } = addWorkingDays(input.submittedOn, days);
  return { ruleSet, period: `${days}个工作日`, days, workingDays: true, from: input.submittedOn, due, calendarComplete };
}

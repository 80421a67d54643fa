/** The pure rules: workflow table, classification, deadlines with the holiday calendar, invoice numbers, file types. */
import { describe, expect, it } from 'vitest';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../common/vocabulary.js';
import { CONTRACT_SUBTYPES_OF, isSubtypeOf, typeUnder2001Rules } from './classification.js';
import { addWorkingDays, reviewDeadline } from './deadlines.js';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from './file-type.js';
import { BUILT_IN_CALENDAR } from './holidays.js';
import { checkInvoiceNumber } from './invoice.js';
import { TRANSITIONS, transitionAction } from './workflow.js';
import { zipWith } from './test-support.js';

describe('registration workflow table', () => {
  const legal: [ContractStatus, ContractStatus, string][] = [
    ['draft', 'submitted', 'contracts.contract.submit'],
    ['submitted', 'materials_requested', 'contracts.contract.review'],
    ['materials_requested', 'submitted', 'contracts.contract.submit'],
    ['submitted', 'registered', 'contracts.contract.review'],
    ['submitted', 'rejected', 'contracts.contract.review'],
    ['registered', 'amended', 'contracts.contract.change'],
    ['registered', 'cancelled', 'contracts.contract.change'],
    ['registered', 'revoked', 'contracts.contract.change'],
    ['amended', 'amended', 'contracts.contract.change'],
    ['amended', 'cancelled', 'contracts.contract.change'],
    ['amended', 'revoked', 'contracts.contract.change'],
  ];

  it('allows exactly the legal transitions, each with its action', () => {
    for (const [from, to, action] of legal) expect(transitionAction(from, to), `${from} → ${to}`).toBe(action);
    const all = CONTRACT_STATUSES.values as ContractStatus[];
    let illegal = 0;
    for (const from of all) {
      for (const to of all) {
        if (legal.some(([f, t]) => f === from && t === to)) continue;
        illegal += 1;
        expect(() => transitionAction(from, to), `${from} → ${to}`).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
      }
    }
    expect(illegal).toBe(all.length * all.length - legal.length);
  });

  it('names the statuses in Chinese when refusing, and says when a status is final', () => {
    expect(() => transitionAction('draft', 'registered')).toThrow('不能从“草稿”变为“已登记”（可变为：已提交待审）');
    expect(() => transitionAction('rejected', 'submitted')).toThrow('该状态为终态');
    expect(Object.keys(TRANSITIONS.cancelled)).toEqual([]);
  });
});

describe('classification', () => {
  it('keeps every sub-type under exactly one type', () => {
    const all = Object.values(CONTRACT_SUBTYPES_OF).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(isSubtypeOf('license', 'patent_license')).toBe(true);
    expect(isSubtypeOf('transfer', 'patent_license')).toBe(false);
    expect(isSubtypeOf('service', 'intermediary')).toBe(true);
  });

  it('rolls licences up into transfers under the 2001 rules', () => {
    expect(typeUnder2001Rules({ type: 'license' })).toBe('transfer');
    expect(typeUnder2001Rules({ type: 'transfer' })).toBe('transfer');
    expect(typeUnder2001Rules({ type: 'development' })).toBe('development');
    expect(typeUnder2001Rules({ type: 'service' })).toBe('service');
  });
});

describe('holiday calendar and deadlines', () => {
  it('knows statutory holidays and adjusted working weekends', () => {
    expect(BUILT_IN_CALENDAR.isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(BUILT_IN_CALENDAR.isWorkingDay('2026-02-16')).toBe(false); // Spring Festival, a Monday
    expect(BUILT_IN_CALENDAR.isWorkingDay('2026-02-14')).toBe(true); // a Saturday worked instead
    expect(BUILT_IN_CALENDAR.isWorkingDay('2026-09-20')).toBe(true); // a Sunday worked instead
    expect(BUILT_IN_CALENDAR.isWorkingDay('2026-06-06')).toBe(false); // an ordinary Saturday
    expect(BUILT_IN_CALENDAR.isWorkingDay('2026-06-08')).toBe(true); // an ordinary Monday
    expect(BUILT_IN_CALENDAR.isWorkingDay('2020-01-31')).toBe(false); // the 2020 extension of Spring Festival
  });

  it('gives 30 calendar days under the 2000 rules (submitted before 2026-01-23)', () => {
    const d = reviewDeadline({ firstSubmittedOn: '2026-01-22', submittedOn: '2026-01-22', techAmountFen: 900_000_000 }, BUILT_IN_CALENDAR);
    expect(d).toMatchObject({ ruleSet: 'rules_2000', period: '30日', due: '2026-02-21', workingDays: false });
  });

  it('gives 15 working days under the 2026 rules, skipping the Spring Festival and counting the worked Saturday', () => {
    // Submitted Friday 2026-02-06. Working days: 9–13 Feb (5), Sat 14 Feb (6), then the break 15–23 Feb,
    // 24–27 Feb (10), Sat 28 Feb (11), 2–5 Mar (15).
    const d = reviewDeadline({ firstSubmittedOn: '2026-02-06', submittedOn: '2026-02-06', techAmountFen: 100_000_000 }, BUILT_IN_CALENDAR);
    expect(d).toMatchObject({ ruleSet: 'rules_2026', period: '15个工作日', due: '2026-03-05', calendarComplete: true });
  });

  it('gives 30 working days from 5,000,000 yuan of 技术交易额, and 15 just below', () => {
    const big = reviewDeadline({ firstSubmittedOn: '2026-06-01', submittedOn: '2026-06-01', techAmountFen: 500_000_000 }, BUILT_IN_CALENDAR);
    const small = reviewDeadline({ firstSubmittedOn: '2026-06-01', submittedOn: '2026-06-01', techAmountFen: 499_999_999 }, BUILT_IN_CALENDAR);
    expect(big).toMatchObject({ period: '30个工作日', days: 30 });
    expect(small).toMatchObject({ period: '15个工作日', days: 15 });
    // June 2026: 2–5 (4), 8–12 (9), 15–18 (13), 19 Dragon Boat off, 22–23 (15).
    expect(small.due).toBe('2026-06-23');
    // … 24–26 (18), 29–30 (20), July 1–3 (23), 6–10 (28), 13–14 (30).
    expect(big.due).toBe('2026-07-14');
  });

  it('keeps the rule set of the first submission when a resubmission after materials comes later', () => {
    const d = reviewDeadline({ firstSubmittedOn: '2026-01-10', submittedOn: '2026-02-01', techAmountFen: 0 }, BUILT_IN_CALENDAR);
    expect(d).toMatchObject({ ruleSet: 'rules_2000', due: '2026-03-03' });
  });

  it('says when the period runs past the holiday table', () => {
    expect(addWorkingDays('2026-12-20', 15, BUILT_IN_CALENDAR)).toMatchObject({ calendarComplete: false, uncoveredYears: [2027] });
    expect(reviewDeadline({ firstSubmittedOn: '2026-12-20', submittedOn: '2026-12-20', techAmountFen: 0 }, BUILT_IN_CALENDAR).calendarWarning).toBe(
      '2027 年的法定节假日安排尚未载入，此期限只扣除了周末，实际截止日可能更晚；国务院办公厅公布放假安排并载入后按实际计算',
    );
    expect(addWorkingDays('2026-11-02', 15, BUILT_IN_CALENDAR).calendarComplete).toBe(true);
  });
});

describe('invoice numbers', () => {
  it('accepts a 20-digit fully digital number, or a 10/12-digit code with an 8-digit number', () => {
    expect(checkInvoiceNumber('25412000000012345678')).toEqual({ ok: true, kind: 'digital' });
    expect(checkInvoiceNumber('01234567', '4100221130')).toEqual({ ok: true, kind: 'coded' });
    expect(checkInvoiceNumber('01234567', '041002200111')).toEqual({ ok: true, kind: 'coded' });
  });

  it('rejects other shapes, naming the part that is wrong', () => {
    expect(checkInvoiceNumber('2541200000001234567')).toMatchObject({ ok: false, field: 'number' }); // 19 digits
    expect(checkInvoiceNumber('01234567')).toMatchObject({ ok: false, field: 'code' }); // code missing
    expect(checkInvoiceNumber('01234567', '41002211')).toMatchObject({ ok: false, field: 'code' }); // 8-digit code
    expect(checkInvoiceNumber('25412000000012345678', '4100221130')).toMatchObject({ ok: false, field: 'number' });
    expect(checkInvoiceNumber('0123456A', '4100221130')).toMatchObject({ ok: false, field: 'number' });
  });
});

describe('evidence file types by content', () => {
  it('recognizes PDF, JPEG, PNG and OFD by their first bytes', () => {
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffEvidenceType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffEvidenceType(zipWith('OFD.xml'))).toBe('application/ofd');
  });

  it('refuses other content whatever it is called: an ordinary ZIP, text, an executable', () => {
    expect(sniffEvidenceType(zipWith('word/document.xml'))).toBeNull();
    expect(sniffEvidenceType(Buffer.from('just text pretending to be a pdf'))).toBeNull();
    expect(sniffEvidenceType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffEvidenceType(Buffer.alloc(0))).toBeNull();
    expect(MAX_EVIDENCE_BYTES).toBe(20 * 1024 * 1024);
  });
});

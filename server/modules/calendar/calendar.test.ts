/**
 * The working-day calendar beyond the built-in table (issue 12, the calendar): a year's 放假安排
 * loaded from the operator's file (every bad row named, nothing loaded), stored and audited on both
 * databases, and counted by registration deadlines across 2027's 春节 and 国庆 with the adjusted
 * working weekends. Until the year is loaded a deadline says it only skipped weekends.
 *
 * The 2027 file below is a test fixture shaped like a State Council notice (春节 9 days from 除夕,
 * 国庆 7 days, a Sunday and a Saturday worked around each): the real notice was not out when this
 * was written, and the operator loads whatever it says.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { describeEvents } from '../audit/describe.js';
import { getContract, transitionContract } from '../contracts/contracts.js';
import { addWorkingDays, reviewDeadline } from '../contracts/deadlines.js';
import { BUILT_IN_CALENDAR } from '../contracts/holidays.js';
import { makeContract } from '../contracts/test-support.js';
import { getNotice } from '../applications/notices.js';
import { makeNotice } from '../applications/test-support.js';
import { breaksOf, parseCalendarFile } from './calendar-file.js';
import { calendarYears, loadCalendarYears, workingCalendar } from './stored-calendar.js';

const FIXTURE_2027_CSV = `开始日期,结束日期,类型,名称
2027-01-01,2027-01-03,放假,元旦
2027-01-31,,上班,春节调休
2027-02-05,2027-02-13,放假,春节
2027-02-20,,上班,春节调休
2027-04-03,2027-04-05,放假,清明节
2027-04-25,,上班,劳动节调休
2027-05-01,2027-05-05,放假,劳动节
2027-05-08,,上班,劳动节调休
2027-06-09,,放假,端午节
2027-09-15,,放假,中秋节
2027-09-26,,上班,国庆节调休
2027-10-01,2027-10-07,放假,国庆节
2027-10-09,,上班,国庆节调休
`;

const csv = (text: string) => parseCalendarFile('2027.csv', Buffer.from(text));
const small = (submittedOn: string) => ({ firstSubmittedOn: submittedOn, submittedOn, techAmountFen: 100_000_000 });

describe('calendar files', () => {
  it('reads a year from CSV and from JSON to the same days', async () => {
    const fromCsv = await csv(FIXTURE_2027_CSV);
    expect(fromCsv.years).toHaveLength(1);
    const [y] = fromCsv.years;
    expect(y!.year).toBe(2027);
    expect(y!.offDays).toHaveLength(3 + 9 + 3 + 5 + 1 + 1 + 7);
    expect(y!.workingWeekends).toEqual(['2027-01-31', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);
    expect(y!.names['2027-02-10']).toBe('春节');
    expect(breaksOf(y!)).toBe(7);
    const json = JSON.stringify({
      source: '国办发明电〔2026〕示例号',
      days: FIXTURE_2027_CSV.trim().split('\n').slice(1).map((line) => {
        const [from, to, kind, name] = line.split(',');
        return { from, ...(to ? { to } : {}), kind: kind === '放假' ? 'holiday' : 'workday', name };
      }),
    });
    const fromJson = await parseCalendarFile('2027.json', Buffer.from(json));
    expect(fromJson.source).toBe('国办发明电〔2026〕示例号');
    expect(fromJson.years).toEqual(fromCsv.years);
  });

  it('reads XLSX as Excel saves it: date cells, and dates typed as 2027年2月5日', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('2027');
    sheet.addRow(['开始日期', '结束日期', '类型', '名称']);
    sheet.addRow([new Date('2027-02-05T00:00:00Z'), new Date('2027-02-13T00:00:00Z'), '放假', '春节']);
    sheet.addRow(['2027年2月20日', '', '上班', '春节调休']);
    const parsed = await parseCalendarFile('2027.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(parsed.years).toMatchObject([{ year: 2027, workingWeekends: ['2027-02-20'] }]);
    expect(parsed.years[0]!.offDays).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13']);
  });

  it('names every bad row with its column and reason, and loads nothing', async () => {
    const bad = `开始日期,结束日期,类型,名称
2027-02-30,,放假,春节
2027-10-01,2027-09-30,放假,国庆节
2027-01-04,,上班,元旦调休
2027-05-01,2027-05-05,休假,劳动节
2027-01-01,2027-12-31,放假,全年
2027-06-07,2027-06-09,放假,端午节
2027-06-09,,放假,端午节
`;
    const error = await csv(bad).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IMPORT_INVALID' });
    const details = (error as { options: { details: { line: number; column: string; reason: string }[] } }).options.details;
    expect(details.map((d) => [d.line, d.column])).toEqual([
      [2, '开始日期'],
      [3, '结束日期'],
      [4, '开始日期'],
      [5, '类型'],
      [6, '结束日期'],
      [8, '开始日期'],
    ]);
    expect(details[0]!.reason).toContain('不是有效日期');
    expect(details[1]!.reason).toBe('早于开始日期 2027-10-01');
    expect(details[2]!.reason).toBe('调休上班日应为周六或周日，2027-01-04 本来就是工作日');
    expect(details[3]!.reason).toContain('应为“放假”或“上班”');
    expect(details[4]!.reason).toContain('超过 31 天');
    expect(details[5]!.reason).toBe('2027-06-09 已在第 7 行列出（放假），同一天只能出现一次');
  });

  it('refuses a file without the needed columns, an empty one, a year of only working days, and JSON without days', async () => {
    await expect(csv('日期,名称\n2027-01-01,元旦\n')).rejects.toMatchObject({ options: { details: [{ column: '类型' }] } });
    await expect(csv('开始日期,类型,名称\n')).rejects.toMatchObject({ options: { details: [{ reason: '文件中没有任何日期' }] } });
    await expect(csv('开始日期,类型\n2027-02-20,上班\n')).rejects.toMatchObject({ options: { details: [{ reason: expect.stringContaining('2027 年只有上班日而没有放假日') }] } });
    await expect(parseCalendarFile('x.json', Buffer.from('{"holidays": []}'))).rejects.toMatchObject({ options: { details: [{ field: 'days' }] } });
    await expect(parseCalendarFile('x.json', Buffer.from('{"days": [{"from": "2027-13-01", "kind": "holiday"}]}'))).rejects.toMatchObject({
      options: { details: [{ field: 'days[1].from', value: '2027-13-01' }] },
    });
    await expect(parseCalendarFile('x.txt', Buffer.from(''))).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'file' } });
  });
});

describe('deadlines across 2027', () => {
  it('without the year only weekends are skipped, and the deadline says so', () => {
    // Submitted Friday 2027-01-29: 1–5 Feb, 8–12 Feb, 15–19 Feb, counting the Spring Festival as work.
    expect(reviewDeadline(small('2027-01-29'), BUILT_IN_CALENDAR)).toMatchObject({
      due: '2027-02-19',
      calendarComplete: false,
      uncoveredYears: [2027],
      calendarWarning: expect.stringContaining('2027 年的法定节假日安排尚未载入'),
    });
  });

  it('with the year loaded skips 春节 and 国庆 and counts the worked weekends', async () => {
    const { WorkingCalendar, BUILT_IN_YEARS } = await import('../contracts/holidays.js');
    const calendar = new WorkingCalendar([...BUILT_IN_YEARS, ...(await csv(FIXTURE_2027_CSV)).years]);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday of 春节
    expect(calendar.isWorkingDay('2027-01-31')).toBe(true); // a Sunday worked instead
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true); // a Saturday worked instead
    expect(calendar.isWorkingDay('2027-10-04')).toBe(false); // a Monday of 国庆
    expect(calendar.isWorkingDay('2027-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2027-10-16')).toBe(false); // an ordinary Saturday
    // Submitted Fri 29 Jan: Sun 31 Jan (1), 1–4 Feb (5), break 5–13 Feb, 15–19 Feb (10), Sat 20 Feb (11), 22–25 Feb (15).
    expect(reviewDeadline(small('2027-01-29'), calendar)).toMatchObject({ due: '2027-02-25', calendarComplete: true, uncoveredYears: [], calendarWarning: null });
    // Submitted Fri 24 Sep: Sun 26 Sep (1), 27–30 Sep (5), break 1–7 Oct, Fri 8 Oct (6), Sat 9 Oct (7), 11–15 Oct (12), 18–20 Oct (15).
    expect(reviewDeadline(small('2027-09-24'), calendar).due).toBe('2027-10-20');
    // 30 working days across both: the larger contracts.
    expect(addWorkingDays('2027-09-24', 30, calendar).due).toBe('2027-11-10');
  });
});

for (const dialect of await testDialects()) {
  describe(`the stored calendar on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    it('a contract submitted before the year is loaded warns; once loaded its deadline skips 元旦', async () => {
      const ctx = testCtx(handle, {}, '2026-12-20T02:00:00.000Z');
      const contract = await makeContract(ctx);
      const submitted = await transitionContract(ctx, contract.id, { to: 'submitted', version: 1 });
      // 21–25 Dec (5), 28–31 Dec (9), Fri 1 Jan counted as a working day (10), 4–8 Jan (15).
      expect(submitted.deadline).toMatchObject({ due: '2027-01-08', calendarComplete: false, uncoveredYears: [2027] });
      expect(submitted.deadline!.calendarWarning).toContain('2027 年的法定节假日安排尚未载入');
      expect(submitted.steps.at(-1)!.deadline).toMatchObject({ due: '2027-01-08', uncoveredYears: [2027] });

      const loaded = await loadCalendarYears(testCtx(handle, { name: '运维 王工' }, '2026-12-21T02:00:00.000Z'), { ...(await csv(FIXTURE_2027_CSV)), source: '国办发明电〔2026〕示例号' });
      expect(loaded).toEqual([{ year: 2027, origin: 'loaded', source: '国办发明电〔2026〕示例号', offDays: 29, workingWeekends: 6, loadedAt: '2026-12-21T02:00:00.000Z', loadedByName: '运维 王工' }]);
      // 21–25 Dec (5), 28–31 Dec (9), 1 Jan off, 4–8 Jan (14), Mon 11 Jan (15).
      const reread = await getContract(ctx, contract.id);
      expect(reread.deadline).toMatchObject({ due: '2027-01-11', calendarComplete: true, uncoveredYears: [], calendarWarning: null });
      expect((await calendarYears(handle.db)).map((y) => `${y.year} ${y.origin}`)).toEqual(['2020 built_in', '2021 built_in', '2022 built_in', '2023 built_in', '2024 built_in', '2025 built_in', '2026 built_in', '2027 loaded']);
    });

    it('a 公示 over New Year warns until 2027 is loaded, then names the end the loaded calendar gives', async () => {
      // A fresh database: the year is not loaded here yet.
      const fresh = await createTestDatabase(dialect);
      try {
        const operator = testCtx(fresh, { roles: ['operator'] }, '2026-12-01T02:00:00.000Z');
        const notice = await makeNotice(operator, { title: '湛河区2026年度技术转移奖补申报', year: 2026, opensOn: '2026-12-01', closesOn: '2026-12-10' });
        // As publicizeNotice stores it on Monday 28 Dec with the built-in table: 28–31 Dec and Fri 1 Jan (counted as work).
        await fresh.db.updateTable('subsidy_notice').set({ status: 'publicized', publicized_on: '2026-12-28', notice_ends_on: '2027-01-01' }).where('id', '=', notice.id).execute();
        const before = await getNotice(operator, notice.id);
        expect(before).toMatchObject({ noticeEndsOn: '2027-01-01', noticeUncoveredYears: [2027], noticeRecountedEndsOn: null });
        expect(before.noticeCalendarWarning).toContain('2027 年的法定节假日安排尚未载入');
        await loadCalendarYears(operator, await csv(FIXTURE_2027_CSV));
        const after = await getNotice(operator, notice.id);
        expect(after).toMatchObject({ noticeEndsOn: '2027-01-01', noticeUncoveredYears: [], noticeRecountedEndsOn: '2027-01-04' });
        expect(after.noticeCalendarWarning).toBe('公示截止日 2027-01-01 是按发布公示时的节假日安排计算的，按现已载入的安排应为 2027-01-04');
      } finally {
        await fresh.drop();
      }
    });

    it('loading a year again replaces it whole, and a loaded year replaces the built-in one; each load audited in words', async () => {
      const ctx = testCtx(handle, { name: '运维 王工' });
      // The notice amended: 春节 one day shorter and no worked Saturday after it.
      const amended = FIXTURE_2027_CSV.replace('2027-02-05,2027-02-13,放假,春节', '2027-02-05,2027-02-12,放假,春节').replace('2027-02-20,,上班,春节调休\n', '');
      await loadCalendarYears(ctx, await csv(amended));
      const calendar = await workingCalendar(handle.db);
      expect(calendar.isWorkingDay('2027-02-13')).toBe(false); // now an ordinary Saturday
      expect(calendar.isWorkingDay('2027-02-20')).toBe(false);
      expect(await handle.db.selectFrom('working_calendar_day').select('day').where('year', '=', 2027).execute()).toHaveLength(28 + 5);

      // A correction of a built-in year: 2026 loaded with National Day one day longer.
      const y2026 = `开始日期,结束日期,类型,名称\n2026-01-01,2026-01-03,放假,元旦\n2026-10-01,2026-10-08,放假,国庆节\n`;
      await loadCalendarYears(ctx, await parseCalendarFile('2026.csv', Buffer.from(y2026)));
      const corrected = await workingCalendar(handle.db);
      expect(corrected.isWorkingDay('2026-10-08')).toBe(false);
      expect(corrected.isWorkingDay('2026-02-16')).toBe(true); // the file is the whole year: its 春节 was not in it

      const events = await handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'calendar.year.load').orderBy('seq').execute();
      expect(events.map((e) => e.subject_id)).toEqual(['2027', '2027', '2026']);
      expect(JSON.parse(events[1]!.before!)).toMatchObject({ source: '国办发明电〔2026〕示例号', workdays: expect.arrayContaining(['2027-02-20']) });
      expect(JSON.parse(events[1]!.after!).holidays).toContain('春节 2027-02-05 至 2027-02-12');
      expect(JSON.parse(events[2]!.before!)).toMatchObject({ source: '平台内置节假日表' });
      const [described] = await describeEvents(handle.db, [events[2]!]);
      expect(described!.summary).toMatch(/^运维 王工 载入了节假日安排「2026年」：依据由「平台内置节假日表」改为「未注明」；放假由「2026-01-01 至 2026-01-03、/);
      expect(await unwordedAuditEvents(handle.db)).toEqual([]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });
  });
}

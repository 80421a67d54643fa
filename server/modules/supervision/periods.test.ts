import { describe, expect, it } from 'vitest';
import { cellStatus, chineseNumber, dueOn, periodsBetween } from './periods.js';

describe('reporting periods', () => {
  it('runs quarters from the one holding the start to the one holding the end', () => {
    const quarters = periodsBetween('quarterly', '2022-07-13', '2025-12-31');
    expect(quarters).toHaveLength(14);
    expect(quarters[0]).toEqual({ code: '2022Q3', label: '2022年第3季度', startsOn: '2022-07-01', endsOn: '2022-09-30' });
    expect(quarters.at(-1)).toMatchObject({ code: '2025Q4', endsOn: '2025-12-31' });
    expect(dueOn(quarters[0]!, 10)).toBe('2022-10-10');
    expect(dueOn(quarters[2]!, 10)).toBe('2023-04-10'); // 2023Q1
  });

  it('has halves, years and months too', () => {
    expect(periodsBetween('half_yearly', '2023-02-01', '2024-01-31').map((p) => p.code)).toEqual(['2023H1', '2023H2', '2024H1']);
    expect(periodsBetween('half_yearly', '2023-01-01', '2023-12-31')[1]).toMatchObject({ label: '2023年下半年', startsOn: '2023-07-01', endsOn: '2023-12-31' });
    expect(periodsBetween('yearly', '2022-07-13', '2023-03-01').map((p) => [p.code, p.label])).toEqual([['2022', '2022年度'], ['2023', '2023年度']]);
    expect(periodsBetween('monthly', '2024-01-15', '2024-03-01').map((p) => [p.code, p.endsOn])).toEqual([['2024M01', '2024-01-31'], ['2024M02', '2024-02-29'], ['2024M03', '2024-03-31']]);
  });

  it('gives a cell its status on a day: not due, due, overdue, or the report’s state', () => {
    const [q1] = periodsBetween('quarterly', '2023-01-01', '2023-03-31');
    const due = dueOn(q1!, 10); // 2023-04-10
    expect(cellStatus(null, q1!, due, '2023-03-31')).toEqual({ status: 'not_due', overdue: false });
    expect(cellStatus(null, q1!, due, '2023-04-01')).toEqual({ status: 'due', overdue: false });
    expect(cellStatus(null, q1!, due, '2023-04-10')).toEqual({ status: 'due', overdue: false });
    expect(cellStatus(null, q1!, due, '2023-04-11')).toEqual({ status: 'overdue', overdue: true });
    expect(cellStatus('draft', q1!, due, '2023-04-11')).toEqual({ status: 'overdue', overdue: true });
    expect(cellStatus('submitted', q1!, due, '2023-05-01')).toEqual({ status: 'submitted', overdue: false });
    expect(cellStatus('accepted', q1!, due, '2023-05-01')).toEqual({ status: 'accepted', overdue: false });
    expect(cellStatus('returned', q1!, due, '2023-04-05')).toEqual({ status: 'returned', overdue: false });
    expect(cellStatus('returned', q1!, due, '2023-05-01')).toEqual({ status: 'returned', overdue: true });
  });

  it('reads the plan’s Chinese measure numbers', () => {
    expect(['三', '十', '十一', '十九', '二十', '二十一', '九十九'].map(chineseNumber)).toEqual([3, 10, 11, 19, 20, 21, 99]);
    expect(['', '十十', '三三', 'abc', '百'].map(chineseNumber)).toEqual([null, null, null, null, null]);
  });
});

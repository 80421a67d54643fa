/** What the browser crawl (e2e/internals-crawl.test.ts) flags on a page, and what it lets pass. */
import { describe, expect, test } from 'vitest';
import { findPageInternals } from './internals.js';

describe('findPageInternals', () => {
  test('names every internal on the page, each distinct one once', () => {
    const page = [
      '申报单位 3f2b8c1e-9a4d-4e5f-8b6a-0c1d2e3f4a5b',
      '类别 new_rd_institution 标签 finance.offer finance.offer',
      '金额 120000000 分',
      'floor(120000000 分 × 10% ÷ 100 分/元)',
      '**说明** 见 [附件](附件一)',
      '## 标题',
      '提交于 2026-03-01T08:00:00Z',
      '奖补 undefined 合计 NaN 备注 null 对象 [object Object]',
    ].join('\n');
    const kinds = findPageInternals(page).map((f) => `${f.kind}: ${f.match}`);
    for (const expected of [
      'UUID: 3f2b8c1e-9a4d-4e5f-8b6a-0c1d2e3f4a5b',
      'code name: new_rd_institution',
      'dotted code: finance.offer',
      'fen amount: 120000000 分',
      'formula in code form: floor(',
      'formula in code form: ÷ 100 分',
      'raw Markdown: **',
      'raw Markdown: ](',
      'raw Markdown: ##',
      'ISO timestamp: 2026-03-01T08:00:00Z',
      'missing value: undefined',
      'missing value: NaN',
      'missing value: null',
      'missing value: [object Object]',
    ]) expect(kinds).toContain(expected);
    expect(kinds.filter((k) => k === 'dotted code: finance.offer')).toHaveLength(1);
  });

  test('lets pass what a person reads: masked numbers, Beijing times, addresses and files', () => {
    const page = [
      '身份证号码 410402********0150 联系人 张** 电话 0375-****1100',
      '更新时间 2026-03-01 16:00',
      '网址 https://www.zhanhe.gov.cn/a_b?x=1 邮箱 office_1@zhanhe.gov.cn 附件 contract_scan.pdf',
      '奖补 12 万元，按 10% 计，30 分钟内',
    ].join('\n');
    expect(findPageInternals(page)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { authorizationLetterPdf } from './authorization-letter.js';
import { flatText, parsePdf } from './pdf-test-support.js';

describe('authorizationLetterPdf', () => {
  it('is a one-page blank form with the unit, the person, the ID, the scope, the seal and the date to fill in', async () => {
    const pdf = parsePdf(await authorizationLetterPdf({ addressee: '湛河区科学技术局', platform: '湛河区技术转移体系平台', date: '2026-06-01' }));
    const text = flatText(pdf);
    expect(pdf.pages).toHaveLength(1);
    for (const blank of ['授权委托书', '湛河区科学技术局：', '委托单位（全称）', '统一社会信用代码', '受托人姓名', '受托人身份证号码', '委托期限', '（单位公章）', '法定代表人（签字或盖章）', '日期：']) {
      expect(text, blank).toContain(blank);
    }
    expect(text).toContain('在湛河区技术转移体系平台办理下列事项');
    expect(text).toContain('单位注册');
  });

  it('gives the same bytes for the same date', async () => {
    const letter = { addressee: '湛河区科学技术局', platform: '湛河区技术转移体系平台', date: '2026-06-01' };
    expect(Buffer.compare(await authorizationLetterPdf(letter), await authorizationLetterPdf(letter))).toBe(0);
  });
});

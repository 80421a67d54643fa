import { describe, expect, it } from 'vitest';
import { awardNoticePdf, awardSentence } from './award-notice.js';
import { flatText, parsePdf } from './pdf-test-support.js';
import { sampleAward } from './sample-documents.js';

describe('awardNoticePdf', () => {
  it('addresses the beneficiary and gives the rule, the amount in digits and 大写, the explanation, issuer and date', async () => {
    const award = sampleAward();
    const pdf = parsePdf(await awardNoticePdf(award));
    const text = flatText(pdf);
    expect(pdf.pages).toHaveLength(1);
    expect(text).toContain('技术转移后补助奖补通知书湛科奖〔2023〕12号平顶山市湛河区演示精密机械有限公司：');
    expect(text).toContain('经审核，你单位符合《湛河区促进技术转移体系建设若干措施》第三条技术合同登记奖补的奖补条件');
    expect(text).toContain('奖补金额（小写）¥12,345.67元');
    expect(text).toContain('奖补金额（大写）人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    award.explanation.forEach((line, i) => expect(text).toContain(`${i + 1}.${line.replace(/\s+/g, '')}`));
    expect(text).toContain('请注意查收。湛河区科学技术局2023年5月20日');
  });

  it('leaves out what is not given: 文号, policy, explanation, closing, mark', async () => {
    const award = { ...sampleAward(), explanation: [], amountFen: 100n };
    delete award.documentNumber;
    delete award.policy;
    delete award.closing;
    delete award.mark;
    const text = flatText(parsePdf(await awardNoticePdf(award)));
    expect(text).not.toMatch(/湛科奖|《|核定说明|演示数据|查收/);
    expect(text).toContain('你单位符合第三条技术合同登记奖补的奖补条件');
    expect(text).toContain('人民币壹元整');
  });

  it('states the award sentence the same way it prints it', () => {
    expect(awardSentence({ rule: '第五条 技术转移机构奖补' })).toBe('经审核，你单位符合第五条 技术转移机构奖补的奖补条件，核定奖补资金如下：');
  });

  it('rejects a negative award and a bad date', async () => {
    await expect(awardNoticePdf({ ...sampleAward(), amountFen: -1 })).rejects.toThrow(/负数/);
    await expect(awardNoticePdf({ ...sampleAward(), date: '20230520' })).rejects.toThrow(/发文日期/);
  });
});

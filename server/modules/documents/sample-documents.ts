/**
 * Sample inputs for the documents (invented names, masked numbers), used by the tests and handy
 * for looking at a rendered document. `rows` sets the list length, to try page breaks.
 */
import type { AwardNotice, PaymentList, PublicNotice } from './model.js';

const NAMES = [
  '平顶山市湛河区演示精密机械有限公司',
  '河南演示新材料科技股份有限公司',
  '平顶山演示电气设备有限公司',
  '湛河区演示农业技术服务中心',
  '张堃（个人）',
  '平顶山市演示尼龙化工研究院有限公司',
];
const PROJECTS = ['技术合同登记奖补', '吸纳技术成果奖补', '技术转移机构奖补', '技术经纪人奖补'];
const AMOUNTS = [1_234_567, 10_000_000, 100_500, 100_000_005, 168_032, 50];

export function sampleNotice(rows = 6): PublicNotice {
  return {
    title: '湛河区2023年度技术转移后补助拟奖补名单公示',
    issuer: '湛河区科学技术局',
    date: '2023-05-08',
    mark: '演示数据',
    intro: [
      '根据《湛河区促进技术转移体系建设若干措施》，经企业申报、责任单位初审、区科技局复核，现将2023年度技术转移后补助拟奖补名单予以公示。',
    ],
    period: { start: '2023-05-08', end: '2023-05-12', workingDays: 5 },
    rows: Array.from({ length: rows }, (_, i) => ({
      name: NAMES[i % NAMES.length]!,
      ...(i % NAMES.length === 4 ? { creditCode: '410411********1234' } : { creditCode: `91410411MA4${String(100000 + i).padStart(6, '0')}X${i % 10}`.slice(0, 18) }),
      project: PROJECTS[i % PROJECTS.length]!,
      amountFen: AMOUNTS[i % AMOUNTS.length]!,
    })),
    objection: [
      '公示期内，任何单位或个人对名单有异议的，请以书面形式实名向湛河区科学技术局反映，并提供必要的证明材料。',
      '联系人：王某某　联系电话：0375-0000000　地址：湛河区演示路1号',
    ],
  };
}

export function samplePaymentList(rows = 6): PaymentList {
  return {
    title: '湛河区2023年度技术转移后补助资金拨付清单',
    issuer: '湛河区科学技术局',
    date: '2023-06-01',
    mark: '演示数据',
    facts: [
      { label: '批次', value: '2023-01' },
      { label: '付款单位', value: '湛河区财政局' },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      payee: NAMES[i % NAMES.length]!,
      bank: '中国银行平顶山湛河支行',
      bankAccount: `6217 **** **** ${String(1000 + i).padStart(4, '0')}`,
      rule: `第${['三', '四', '五', '六'][i % 4]}条 ${PROJECTS[i % PROJECTS.length]}`,
      amountFen: AMOUNTS[i % AMOUNTS.length]!,
      reference: `ZH2023-BZ-${String(i + 1).padStart(4, '0')}`,
    })),
  };
}

export function sampleAward(): AwardNotice {
  return {
    title: '技术转移后补助奖补通知书',
    documentNumber: '湛科奖〔2023〕12号',
    issuer: '湛河区科学技术局',
    date: '2023-05-20',
    mark: '演示数据',
    beneficiary: '平顶山市湛河区演示精密机械有限公司',
    policy: '湛河区促进技术转移体系建设若干措施',
    rule: '第三条 技术合同登记奖补',
    amountFen: 1_234_567,
    explanation: [
      '2022年度登记技术合同3份，技术交易额合计1,234,567.00元，均已开具发票。',
      '按技术交易额的1%计算：1,234,567.00元 × 1% = 12,345.67元。',
      '未超过单个企业年度奖补上限500,000.00元，核定为12,345.67元。',
    ],
    closing: ['奖补资金由区财政局直接拨付至你单位基本存款账户，请注意查收。'],
  };
}

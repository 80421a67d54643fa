/** The subsidy pages' words, Chinese first and English second (kept beside the pages that use them). */
import { useI18n } from '../../i18n.js';

const zh = {
  title: '奖补结算',
  newRun: '年度结算（免申即享）',
  newRunHelp: '按所选政策，对全库已登记技术合同和到账记录测算该申报年度（基准年度为上一年）的全部奖补；结果保存为不可更改的结算批次，可按批次复核。',
  policy: '政策',
  year: '申报年度',
  baseYear: '基准年度',
  budget: '预算',
  noBudget: '不限',
  run: '开始结算',
  runConfirm: '将按“{policy}”测算 {year} 年度（基准年度 {base} 年）的全部奖补，结果保存为不可更改、不能删除的结算批次。确定开始结算吗？',
  createdAt: '结算时间',
  scope: '范围',
  'scope.registry': '全库测算',
  'scope.applications': '申报批次',
  contracts: '合同数',
  awards: '奖补笔数',
  total: '奖补合计',
  exclusions: '不予支持项',
  inputHash: '输入哈希',
  resultHash: '结果哈希',
  rule: '奖补项目',
  beneficiary: '受益方',
  kind: '类别',
  'kind.organization': '单位',
  'kind.person': '个人',
  amount: '金额',
  why: '计算依据',
  explanation: '每一元的来历',
  contract: '合同',
  reason: '不予支持的原因',
  contractSearch: '按合同编号查询（默认显示前 500 项）',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Subsidy settlements',
  newRun: 'Settle a year (no application needed)',
  newRunHelp: 'Computes every award of the application year (the base year is the year before) from all registered contracts and payments under the chosen policy; the result is stored as an immutable run.',
  policy: 'Policy',
  year: 'Application year',
  baseYear: 'base year',
  budget: 'Budget',
  noBudget: 'No limit',
  run: 'Settle',
  runConfirm: 'Every award of {year} (base year {base}) will be computed under “{policy}” and stored as a run that cannot be changed or deleted. Settle now?',
  createdAt: 'Settled at',
  scope: 'Scope',
  'scope.registry': 'Whole registry',
  'scope.applications': 'Applications',
  contracts: 'Contracts',
  awards: 'Awards',
  total: 'Total',
  exclusions: 'Exclusions',
  inputHash: 'Input hash',
  resultHash: 'Result hash',
  rule: 'Rule',
  beneficiary: 'Beneficiary',
  kind: 'Kind',
  'kind.organization': 'Organization',
  'kind.person': 'Person',
  amount: 'Amount',
  why: 'Why this amount',
  explanation: 'Where every yuan comes from',
  contract: 'Contract',
  reason: 'Why not supported',
  contractSearch: 'Look up a contract id (the first 500 are shown otherwise)',
};

export function useSubsidyText(): (key: Key, vars?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return (key, vars) => {
    const text = lang === 'en' ? en[key] : zh[key];
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
  };
}

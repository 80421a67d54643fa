/**
 * Services and finance (服务与金融, plan measures (七), (十五), (十六)) — closed vocabularies shared by
 * server and web: code names stored in the database ⇄ Chinese labels shown to people.
 */
import { labels } from './vocabulary.js';

/** What a service offering is about (七): 知识产权、科技金融、法律咨询、资产评估、文献情报、技术评价 …. */
export const SERVICE_CATEGORIES = labels({
  ip: '知识产权',
  finance: '科技金融',
  legal: '法律咨询',
  appraisal: '技术评估',
  information: '文献情报',
  evaluation: '检验检测/评价',
  transfer: '技术转移',
  incubation: '孵化服务',
  other: '其他',
});
export type ServiceCategory = (typeof SERVICE_CATEGORIES.values)[number];

export const OFFERING_STATUSES = labels({ active: '提供中', withdrawn: '已下架' });
export type OfferingStatus = (typeof OFFERING_STATUSES.values)[number];

/**
 * A service request's workflow (server/modules/services/request-workflow.ts): 已提交 → 已受理 → 办理中 →
 * 已完成; the agency may refuse a submitted request (已拒绝); the enterprise may cancel an open one (已取消).
 */
export const REQUEST_STATUSES = labels({
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  completed: '已完成',
  rejected: '已拒绝',
  cancelled: '已取消',
});
export type RequestStatus = (typeof REQUEST_STATUSES.values)[number];

/** Banks' financing products for technology transfer (十五). */
export const FINANCE_PRODUCT_KINDS = labels({
  ip_pledge_loan: '知识产权质押贷',
  tech_loan: '科技贷',
  contract_loan: '技术合同贷',
  talent_loan: '人才贷',
  credit_loan: '信用贷',
  other: '其他',
});
export type FinanceProductKind = (typeof FINANCE_PRODUCT_KINDS.values)[number];

/** What a loan is secured by; `credit` is none (信用). */
export const COLLATERAL_KINDS = labels({
  ip_pledge: '知识产权质押',
  equity_pledge: '股权质押',
  receivables: '应收账款质押',
  real_estate: '不动产抵押',
  guarantee: '担保公司保证',
  credit: '信用（无抵押）',
});
export type CollateralKind = (typeof COLLATERAL_KINDS.values)[number];

/** What an enterprise needs the money for. */
export const FINANCE_PURPOSES = labels({
  buy_technology: '购买技术',
  transform_achievement: '成果转化',
  rd: '研发投入',
  equipment: '设备购置',
  working_capital: '流动资金',
  other: '其他',
});
export type FinancePurpose = (typeof FINANCE_PURPOSES.values)[number];

export const NEED_STATUSES = labels({ open: '征集中', closed: '已关闭' });
export type NeedStatus = (typeof NEED_STATUSES.values)[number];

/** A bank's answer to a matched need. */
export const OFFER_DECISIONS = labels({ offered: '提供授信方案', declined: '婉拒' });
export type OfferDecision = (typeof OFFER_DECISIONS.values)[number];

/** The criteria a need is matched to a product on, in the order reasons are shown. */
export const MATCH_CRITERIA = labels({
  amount: '金额',
  term: '期限',
  eligibility: '准入资质',
  collateral: '担保方式',
  contract: '技术合同',
});
export type MatchCriterion = (typeof MATCH_CRITERIA.values)[number];

/** IP operations (十六): licences (许可) and IP-as-equity (作价入股). */
export const IP_RECORD_KINDS = labels({ license: '知识产权许可', equity: '知识产权作价入股' });
export type IpRecordKind = (typeof IP_RECORD_KINDS.values)[number];


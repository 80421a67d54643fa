/**
 * Deals (对接), matchmaking events (对接会, 路演) and the outcome funnel — closed vocabularies shared
 * by server and web: code names stored in the database ⇄ Chinese labels shown to people.
 */
import type { TransferMode } from './market-vocabulary.js';
import { labels, type ContractSubtype, type ContractType } from './vocabulary.js';

/**
 * The deal pipeline (server/modules/deals/workflow.ts): contacting → negotiating → signed |
 * terminated; a deal may be terminated from any open stage.
 */
export const DEAL_STAGES = labels({
  contacting: '对接',
  negotiating: '洽谈',
  signed: '签约',
  terminated: '终止',
});
export type DealStage = (typeof DEAL_STAGES.values)[number];

/** Why a deal ended without a contract. */
export const TERMINATION_REASONS = labels({
  price: '价格未谈拢',
  technology_unfit: '技术不匹配',
  buyer_withdrew: '需求方放弃',
  seller_withdrew: '成果方放弃',
  ip_issue: '知识产权问题',
  funding: '资金不到位',
  other: '其他',
});
export type TerminationReason = (typeof TERMINATION_REASONS.values)[number];

export const EVENT_KINDS = labels({
  matchmaking: '对接会',
  roadshow: '路演',
});
export type EventKind = (typeof EVENT_KINDS.values)[number];

/**
 * The contract a signed deal becomes, from the achievement's transfer mode (转化方式): 转让 and
 * 作价入股 are technology transfers (作价入股 named so in the contract's name), 许可 a licence,
 * 合作开发 a cooperative development. The contract types are common/vocabulary.ts CONTRACT_TYPES.
 */
export const CONTRACT_TYPE_OF_MODE: Record<TransferMode, ContractType> = {
  transfer: 'transfer',
  license: 'license',
  co_development: 'development',
  equity: 'transfer',
};

/** The sub-type: patents when the achievement names a patent, else a trade secret. */
export function contractSubtypeOf(mode: TransferMode, hasPatent: boolean): ContractSubtype {
  switch (mode) {
    case 'license':
      return hasPatent ? 'patent_license' : 'trade_secret_license';
    case 'co_development':
      return 'cooperative';
    default:
      return hasPatent ? 'patent' : 'trade_secret';
  }
}

/** The stages of the outcome funnel, in order. */
export const FUNNEL_STAGES = labels({
  listings: '发布信息',
  contacts: '联系对接',
  deals: '对接项目',
  signed: '签约',
  registered: '登记合同',
});
export type FunnelStage = (typeof FUNNEL_STAGES.values)[number];

/**
 * 成果定价公示 (issue 14, seed (十七)): how a university's or institute's price for a transfer or
 * licence was decided, the status of an objection to it. Codes stored, labels shown.
 */
import { labels } from './vocabulary.js';

/** 《促进科技成果转化法》 art. 18: 协议定价, 在技术交易市场挂牌交易, 拍卖. */
export const PRICING_METHODS = labels({
  agreement: '协议定价',
  listing: '挂牌交易',
  auction: '拍卖',
});
export type PricingMethod = (typeof PRICING_METHODS.values)[number];

/** A 公示 is on the portal until withdrawn (撤回, e.g. to publicize a corrected price). */
export const PUBLICITY_STATUSES = labels({ publicized: '已公示', withdrawn: '已撤回' });
export type PublicityStatus = (typeof PUBLICITY_STATUSES.values)[number];

export const PRICING_OBJECTION_STATUSES = labels({ open: '待答复', answered: '已答复' });
export type PricingObjectionStatus = (typeof PRICING_OBJECTION_STATUSES.values)[number];

/** Where a 公示 stands on a given day (derived, never stored). */
export const PUBLICITY_STAGES = labels({
  upcoming: '待开始',
  running: '公示中',
  awaiting_answers: '期满，异议待答复',
  finished: '公示期满',
  withdrawn: '已撤回',
});
export type PublicityStage = (typeof PUBLICITY_STAGES.values)[number];

/** The institutions whose transfer and licence prices are publicized before registration. */
export const PUBLICIZING_KINDS = ['university', 'research_institute'] as const;

/** Default 公示 period in working days, as the subsidy 公示 counts (server/modules/applications/round.ts). */
export const DEFAULT_PUBLICITY_DAYS = 15;

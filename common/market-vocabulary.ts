/**
 * The technology market's closed vocabularies (科技成果 achievements, 技术需求 demands), shared by
 * server and web: code names stored in the database ⇄ Chinese labels shown to people.
 */
import { labels } from './vocabulary.js';

export const LISTING_KINDS = labels({ achievement: '科技成果', demand: '技术需求' });
export type ListingKind = (typeof LISTING_KINDS.values)[number];

/** Maturity (成熟度): where the technology stands between the lab and the market. */
export const ACHIEVEMENT_STAGES = labels({
  research: '研发',
  pilot: '小试',
  pilot_scale: '中试',
  industrial: '产业化',
});
export type AchievementStage = (typeof ACHIEVEMENT_STAGES.values)[number];

/** How an achievement may change hands (转化方式). */
export const TRANSFER_MODES = labels({
  transfer: '转让',
  license: '许可',
  equity: '作价入股',
  co_development: '合作开发',
});
export type TransferMode = (typeof TRANSFER_MODES.values)[number];

/** fixed: a price; negotiable: 面议; auction: the price is the auction's reserve (拍卖保留价). */
export const PRICE_KINDS = labels({
  fixed: '一口价',
  negotiable: '面议',
  auction: '拍卖（保留价）',
});
export type PriceKind = (typeof PRICE_KINDS.values)[number];

/**
 * Where a listing comes from, relative to the jurisdiction that holds it (server/modules/market/
 * origin-region.ts): the owner's 6-digit division code against the jurisdiction's, or the listing's
 * origin country when it comes from abroad.
 */
export const ORIGIN_REGIONS = labels({
  district: '本区',
  city: '本市',
  province: '本省',
  other_province: '外省',
  abroad: '国外',
  belt_road: '一带一路国家',
});
export type OriginRegion = (typeof ORIGIN_REGIONS.values)[number];

export const LISTING_TAGS = labels({
  dual_use: '军民两用',
  rural: '乡村振兴',
});
export type ListingTag = (typeof LISTING_TAGS.values)[number];

/**
 * The moderation workflow (server/modules/market/workflow.ts): draft → pending → published |
 * returned; published → withdrawn | expired.
 */
export const LISTING_STATUSES = labels({
  draft: '草稿',
  pending: '待审核',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
  expired: '已过期',
});
export type ListingStatus = (typeof LISTING_STATUSES.values)[number];

/** 联系对接: an inquiry sent through the platform to a listing's owner. */
export const INQUIRY_STATUSES = labels({
  open: '待回复',
  answered: '已回复',
  closed: '已关闭',
});
export type InquiryStatus = (typeof INQUIRY_STATUSES.values)[number];

/**
 * Countries that signed a Belt and Road cooperation document with China (ISO 3166-1 alpha-2), as
 * listed by 中国一带一路网 (yidaiyilu.gov.cn); extend the list as agreements are signed.
 */
export const BELT_ROAD_COUNTRIES: ReadonlySet<string> = new Set(
  (
    // Asia
    'KR MN SG TL MY MM KH VN LA BN PK LK BD NP MV AF IQ IR SY JO LB SA YE OM AE QA KW BH TR GE AZ AM IL PS ' +
    'KZ KG TJ UZ TM TH ID PH ' +
    // Europe
    'RU UA BY MD PL CZ SK HU SI HR BA ME RS AL MK BG RO EE LV LT GR CY PT MT LU AT ' +
    // Africa
    'EG SD ZA MA DZ TN LY ET KE TZ UG RW BI SO DJ ER SS SN GM GN GW SL LR CI GH TG BJ NG NE ML BF MR CV ' +
    'CM GA GQ CG CD CF TD AO ZM ZW MZ MW MG NA BW LS SZ SC KM MU ST ' +
    // Americas and Oceania
    'CL BO UY VE EC PE AR CU CR PA DO SV GD DM TT AG BB GY SR JM HN NI ' +
    'NZ PG FJ WS TO VU SB KI CK NU FM'
  ).split(/\s+/).filter(Boolean),
);

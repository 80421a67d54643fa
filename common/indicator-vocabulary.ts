/**
 * The indicator (指标) vocabularies, shared by server and web: what an indicator measures (the
 * computations a definitions file may name), its units, and the breakdown classes of contracts —
 * origin of the seller and direction relative to the jurisdiction. See docs/glossary.md.
 */
import { labels } from './vocabulary.js';

/**
 * The computations an indicator definition (indicators/<id>.yaml) may name as its `measure`. The
 * targets, deadlines and wording are data; what is counted is one of these.
 */
export const INDICATOR_MEASURES = labels({
  demonstration_institutions: '技术转移示范机构（按级别）',
  practitioners: '技术市场从业人员',
  qualified_organizations: '持有效资质的机构',
  rd_platforms: '研发机构（平台库，按类型与级别）',
  contracts: '登记技术合同数',
  turnover: '技术交易额',
  inflow: '吸纳技术（买方在本辖区）',
  outflow: '输出技术（卖方在本辖区）',
  academic_transfers: '高校院所向本辖区转移成果',
  incubators: '孵化载体',
  international_cooperation: '国际科技合作',
  subsidy_applications: '奖补申报',
  subsidy_paid: '奖补拨付',
  trainings: '培训',
});
export type IndicatorMeasure = (typeof INDICATOR_MEASURES.values)[number];

export const INDICATOR_UNITS = labels({
  organization: '家',
  person: '名',
  item: '项',
  fen: '元',
  application: '件',
  session: '期',
});
export type IndicatorUnit = (typeof INDICATOR_UNITS.values)[number];

/** A target indicator (目标, with a number and a deadline) or a tracked one (监测, no number). */
export const INDICATOR_KINDS = labels({ target: '目标指标', tracked: '监测指标' });
export type IndicatorKind = (typeof INDICATOR_KINDS.values)[number];

/**
 * Where a contract's (first) seller is registered, relative to the jurisdiction: in it, elsewhere
 * in its city, elsewhere in its province, outside the province; a natural-person seller has no
 * division (unknown).
 */
export const CONTRACT_ORIGINS = labels({
  district: '本辖区',
  city: '本市其他区县',
  province: '本省其他地市',
  elsewhere: '省外',
  unknown: '自然人/未登记',
});
export type ContractOrigin = (typeof CONTRACT_ORIGINS.values)[number];

/**
 * Technology flows (national technology-market statistics): inflow 吸纳 — the buyer is in the
 * jurisdiction; outflow 输出 — the seller is. A contract between two local parties is both.
 */
export const CONTRACT_DIRECTIONS = labels({ inflow: '吸纳技术（买方在本辖区）', outflow: '输出技术（卖方在本辖区）' });
export type ContractDirection = (typeof CONTRACT_DIRECTIONS.values)[number];

/** The breakdown dimensions an indicator value may carry. */
export const BREAKDOWN_DIMENSIONS = labels({
  type: '合同类型',
  field: '技术领域',
  origin: '卖方所在地',
  direction: '技术流向',
  level: '级别',
  platform_type: '平台类型',
  role: '人员类型',
  employment: '专兼职',
  stage: '环节',
  topic: '培训主题',
});
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS.values)[number];

/** The public subset's dimensions and fields are the same; the public sees only `public: true` indicators. */
export const SUBSIDY_STAGES = labels({ budget: '预算', applied: '申报', awarded: '核定奖补', paid: '已拨付' });
export type SubsidyStage = (typeof SUBSIDY_STAGES.values)[number];

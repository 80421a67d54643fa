/**
 * Zod shapes of the services and finance API (服务与金融): service offerings and requests, financing
 * products, needs and offers, IP operation records. Money in integer fen (`…Fen`), rates and equity
 * shares in basis points (`…Bp`), terms in months, dates YYYY-MM-DD. Inputs are strict objects, so an
 * unknown field is a 400 naming it; rules across fields and records are checked in the use cases.
 */
import { z } from 'zod';
import {
  COLLATERAL_KINDS, FINANCE_PRODUCT_KINDS, FINANCE_PURPOSES, IP_RECORD_KINDS, NEED_STATUSES, OFFER_DECISIONS, OFFERING_STATUSES,
  REQUEST_STATUSES, SERVICE_CATEGORIES,
} from '../../../common/services-vocabulary.js';
import { isoDate, pageQuery } from '../../../common/registry-schema.js';
import { IP_KINDS, LICENSE_SCOPES, QUALIFICATION_TYPES } from '../../../common/vocabulary.js';
import { fen } from '../contracts/schema.js';

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);
const text = (name: string, min: number, max: number) =>
  z.string().trim().min(min, { message: `${name}至少${min}个字` }).max(max, { message: `${name}最多${max}个字` });
const bp = (name: string) => z.number({ message: `${name}应为整数（单位：基点）` }).int({ message: `${name}应为整数（单位：基点）` }).min(0, { message: `${name}不能为负数` });
const months = (name: string) => z.number({ message: `${name}应为整数（单位：月）` }).int({ message: `${name}应为整数（单位：月）` }).min(1, { message: `${name}至少1个月` }).max(600, { message: `${name}最多600个月` });
const q = z.string().trim().max(100).optional();

// 服务项目 (七)
export const offeringInput = z.strictObject({
  organizationId: id,
  category: z.enum(SERVICE_CATEGORIES.values),
  title: text('服务名称', 2, 100),
  description: text('服务内容', 10, 4000),
  priceTerms: text('收费方式', 1, 500),
  contactName: z.string().trim().min(1).max(50).optional(),
  contactPhone: z.string().trim().min(5).max(30).optional(),
});
export type OfferingInput = z.infer<typeof offeringInput>;

export const offeringPatch = z.strictObject({
  version,
  category: z.enum(SERVICE_CATEGORIES.values).optional(),
  title: text('服务名称', 2, 100).optional(),
  description: text('服务内容', 10, 4000).optional(),
  priceTerms: text('收费方式', 1, 500).optional(),
  contactName: z.string().trim().min(1).max(50).nullish(),
  contactPhone: z.string().trim().min(5).max(30).nullish(),
  status: z.enum(OFFERING_STATUSES.values).optional(),
});
export type OfferingPatch = z.infer<typeof offeringPatch>;

export const offeringQuery = pageQuery.extend({
  category: z.enum(SERVICE_CATEGORIES.values).optional(),
  organizationId: id.optional(),
  status: z.enum(OFFERING_STATUSES.values).optional(),
  /** Part of the offering's title or description, or of the agency's name. */
  q,
});
export type OfferingQuery = z.infer<typeof offeringQuery>;

// 服务请求
export const requestInput = z.strictObject({
  /** The enterprise asking (one of the account's organizations). */
  requesterOrganizationId: id,
  /** Either an offering (its agency and category follow) or an agency and a category. */
  offeringId: id.optional(),
  providerOrganizationId: id.optional(),
  category: z.enum(SERVICE_CATEGORIES.values).optional(),
  title: text('请求标题', 2, 200),
  description: text('需求说明', 10, 4000),
});
export type RequestInput = z.infer<typeof requestInput>;

export const requestTransition = z.strictObject({
  to: z.enum(REQUEST_STATUSES.values),
  version,
  note: z.string().trim().max(1000, { message: '说明最多1000个字' }).optional(),
});
export type RequestTransition = z.infer<typeof requestTransition>;

export const requestQuery = pageQuery.extend({
  status: z.enum(REQUEST_STATUSES.values).optional(),
  category: z.enum(SERVICE_CATEGORIES.values).optional(),
  /** as requester (enterprise) or provider (agency); default both. */
  side: z.enum(['requester', 'provider']).optional(),
});
export type RequestQuery = z.infer<typeof requestQuery>;

// 金融产品 (十五)
const productFields = {
  name: text('产品名称', 2, 100),
  kind: z.enum(FINANCE_PRODUCT_KINDS.values),
  minAmountFen: fen,
  maxAmountFen: fen.refine((n) => n > 0, { message: '最高额度应大于0' }),
  minRateBp: bp('最低年利率'),
  maxRateBp: bp('最高年利率'),
  minTermMonths: months('最短期限'),
  maxTermMonths: months('最长期限'),
  requiredQualifications: z.array(z.enum(QUALIFICATION_TYPES.values)).max(4),
  collateralKinds: z.array(z.enum(COLLATERAL_KINDS.values)).min(1, { message: '至少选择一种担保方式' }),
  description: text('产品说明', 10, 4000),
};
export const productInput = z.strictObject({ bankOrganizationId: id, ...productFields, requiredQualifications: productFields.requiredQualifications.default([]) });
export type ProductInput = z.infer<typeof productInput>;

export const productPatch = z.strictObject({
  version,
  ...Object.fromEntries(Object.entries(productFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof productFields]: z.ZodOptional<(typeof productFields)[K]> },
  status: z.enum(OFFERING_STATUSES.values).optional(),
});
export type ProductPatch = z.infer<typeof productPatch>;

export const productQuery = pageQuery.extend({
  kind: z.enum(FINANCE_PRODUCT_KINDS.values).optional(),
  bankOrganizationId: id.optional(),
  status: z.enum(OFFERING_STATUSES.values).optional(),
});
export type ProductQuery = z.infer<typeof productQuery>;

// 融资需求
const needFields = {
  title: text('需求标题', 2, 200),
  amountFen: fen.refine((n) => n > 0, { message: '融资金额应大于0' }),
  purpose: z.enum(FINANCE_PURPOSES.values),
  termMonths: months('融资期限'),
  collateralKinds: z.array(z.enum(COLLATERAL_KINDS.values)).min(1, { message: '至少选择一种可提供的担保方式' }),
  /** The technology contract the money is for (e.g. buying a technology). */
  contractId: id.optional(),
  /** The achievement being bought or transformed. */
  achievementId: id.optional(),
  description: text('需求说明', 10, 4000),
};
export const needInput = z.strictObject({ organizationId: id, ...needFields });
export type NeedInput = z.infer<typeof needInput>;

export const needPatch = z.strictObject({
  version,
  title: needFields.title.optional(),
  amountFen: needFields.amountFen.optional(),
  purpose: needFields.purpose.optional(),
  termMonths: needFields.termMonths.optional(),
  collateralKinds: needFields.collateralKinds.optional(),
  contractId: id.nullish(),
  achievementId: id.nullish(),
  description: needFields.description.optional(),
  status: z.enum(NEED_STATUSES.values).optional(),
});
export type NeedPatch = z.infer<typeof needPatch>;

export const needQuery = pageQuery.extend({
  status: z.enum(NEED_STATUSES.values).optional(),
  organizationId: id.optional(),
});
export type NeedQuery = z.infer<typeof needQuery>;

export const offerInput = z.strictObject({
  productId: id,
  decision: z.enum(OFFER_DECISIONS.values),
  amountFen: fen.refine((n) => n > 0, { message: '授信金额应大于0' }).optional(),
  rateBp: bp('年利率').optional(),
  termMonths: months('期限').optional(),
  note: z.string().trim().max(1000, { message: '说明最多1000个字' }).optional(),
});
export type OfferInput = z.infer<typeof offerInput>;

// 知识产权运营 (十六)
const ipFields = {
  kind: z.enum(IP_RECORD_KINDS.values),
  ipKind: z.enum(IP_KINDS.values),
  /** 专利号 / 登记号. */
  ipNumber: z.string().trim().min(1).max(60).optional(),
  ipTitle: text('知识产权名称', 2, 200),
  /** Licensor (许可方) or contributor (出资方). */
  fromOrganizationId: id,
  /** Licensee (被许可方) or the company receiving the contribution (被投资企业). */
  toOrganizationId: id,
  licenseScope: z.enum(LICENSE_SCOPES.values).optional(),
  startsOn: isoDate,
  endsOn: isoDate.optional(),
  /** Licence fee, or the IP's valuation (作价金额). */
  amountFen: fen,
  /** Share of the company's equity the IP is exchanged for, in basis points (equity only). */
  equityShareBp: bp('股权比例').max(10_000, { message: '股权比例不能超过100%' }).optional(),
  achievementId: id.optional(),
  contractId: id.optional(),
  note: z.string().trim().max(2000).optional(),
};
export const ipRecordInput = z.strictObject(ipFields);
export type IpRecordInput = z.infer<typeof ipRecordInput>;

export const ipRecordPatch = z.strictObject({
  version,
  ipNumber: z.string().trim().min(1).max(60).nullish(),
  ipTitle: ipFields.ipTitle.optional(),
  licenseScope: ipFields.licenseScope.nullish(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.nullish(),
  amountFen: fen.optional(),
  equityShareBp: ipFields.equityShareBp.nullish(),
  achievementId: id.nullish(),
  contractId: id.nullish(),
  note: z.string().trim().max(2000).nullish(),
});
export type IpRecordPatch = z.infer<typeof ipRecordPatch>;

export const ipRecordQuery = pageQuery.extend({
  kind: z.enum(IP_RECORD_KINDS.values).optional(),
  organizationId: id.optional(),
  achievementId: id.optional(),
  contractId: id.optional(),
  q,
});
export type IpRecordQuery = z.infer<typeof ipRecordQuery>;

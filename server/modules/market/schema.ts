/**
 * Zod shapes of the market API: achievements (科技成果), demands (技术需求), workflow moves and
 * inquiries. Money in integer fen (`…Fen`), dates YYYY-MM-DD. Inputs are strict objects, so an
 * unknown field is a 400 naming it; cross-field rules are checked in listings.ts and name their field.
 */
import { z } from 'zod';
import { isoDate, pageQuery } from '../../../common/registry-schema.js';
import {
  ACHIEVEMENT_STAGES,
  LISTING_KINDS,
  LISTING_STATUSES,
  LISTING_TAGS,
  PRICE_KINDS,
  TRANSFER_MODES,
} from '../../../common/market-vocabulary.js';
import { INDUSTRIES, IP_KINDS, TECH_FIELDS } from '../../../common/vocabulary.js';
import { fen } from '../contracts/schema.js';

const id = z.string().min(1).max(64);
const hash = z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' });

export const keywordList = z.array(z.string().trim().min(1, { message: '关键词不能为空' }).max(200, { message: '关键词最多200个字' })).max(50, { message: '关键词最多50个' });

/** One IP right: a patent number, a software copyright registration, or a named trade secret. */
export const listingIpItem = z
  .strictObject({
    kind: z.enum(IP_KINDS.values),
    number: z.string().trim().min(1).max(60).optional(),
    title: z.string().trim().min(1).max(200).optional(),
  })
  .refine((ip) => ip.number !== undefined || ip.title !== undefined, { message: '知识产权须写明编号或名称', path: ['number'] });

export const teamMember = z.strictObject({
  name: z.string().trim().min(1, { message: '团队成员姓名不能为空' }).max(50),
  role: z.string().trim().max(50).optional(),
});

/** A file of the evidence store (uploaded through POST /api/market/attachments) and its display name. */
export const attachmentInput = z.strictObject({
  hash,
  name: z.string().trim().min(1, { message: '附件名称不能为空' }).max(200),
});
export type AttachmentInput = z.infer<typeof attachmentInput>;

const achievementFields = {
  externalId: z.string().trim().min(1).max(100),
  title: z.string().trim().min(2, { message: '成果名称至少2个字' }).max(200, { message: '成果名称最多200个字' }),
  description: z.string().trim().min(10, { message: '成果简介至少10个字' }).max(20_000, { message: '成果简介最多20000个字' }),
  keywords: keywordList,
  technicalField: z.enum(TECH_FIELDS.values),
  industries: z.array(z.enum(INDUSTRIES.values)).max(10),
  trl: z.number({ message: '技术就绪度应为1–9的整数' }).int({ message: '技术就绪度应为1–9的整数' }).min(1, { message: '技术就绪度应为1–9的整数' }).max(9, { message: '技术就绪度应为1–9的整数' }),
  stage: z.enum(ACHIEVEMENT_STAGES.values),
  ipItems: z.array(listingIpItem).max(50),
  transferModes: z.array(z.enum(TRANSFER_MODES.values)).min(1, { message: '至少选择一种转化方式' }).max(4),
  priceKind: z.enum(PRICE_KINDS.values),
  /** The price (fixed) or the auction's reserve (auction); none when negotiable. */
  priceFen: fen,
  ownerOrganizationId: id,
  team: z.array(teamMember).max(50),
  /** ISO 3166-1 alpha-2 of the country the achievement comes from, when not China. */
  originCountry: z.string().regex(/^[A-Z]{2}$/, { message: '国家（地区）代码应为两位大写字母（ISO 3166-1），如 DE' }),
  tags: z.array(z.enum(LISTING_TAGS.values)).max(2),
  attachments: z.array(attachmentInput).max(20, { message: '附件最多20个' }),
  expiresOn: isoDate,
};

export const achievementInput = z.strictObject({
  ...achievementFields,
  externalId: achievementFields.externalId.optional(),
  keywords: achievementFields.keywords.default([]),
  industries: achievementFields.industries.default([]),
  trl: achievementFields.trl.optional(),
  stage: achievementFields.stage.optional(),
  ipItems: achievementFields.ipItems.default([]),
  priceFen: achievementFields.priceFen.optional(),
  team: achievementFields.team.default([]),
  originCountry: achievementFields.originCountry.optional(),
  tags: achievementFields.tags.default([]),
  attachments: achievementFields.attachments.default([]),
  expiresOn: achievementFields.expiresOn.optional(),
});
export type AchievementInput = z.infer<typeof achievementInput>;

/** A patch: `version` plus the fields to change; `null` clears an optional field. */
export const achievementPatch = z.strictObject({
  version: z.number().int().min(1),
  title: achievementFields.title.optional(),
  description: achievementFields.description.optional(),
  keywords: achievementFields.keywords.optional(),
  technicalField: achievementFields.technicalField.optional(),
  industries: achievementFields.industries.optional(),
  trl: achievementFields.trl.nullish(),
  stage: achievementFields.stage.nullish(),
  ipItems: achievementFields.ipItems.optional(),
  transferModes: achievementFields.transferModes.optional(),
  priceKind: achievementFields.priceKind.optional(),
  priceFen: achievementFields.priceFen.nullish(),
  ownerOrganizationId: achievementFields.ownerOrganizationId.optional(),
  team: achievementFields.team.optional(),
  originCountry: achievementFields.originCountry.nullish(),
  tags: achievementFields.tags.optional(),
  attachments: achievementFields.attachments.optional(),
  expiresOn: achievementFields.expiresOn.nullish(),
});
export type AchievementPatch = z.infer<typeof achievementPatch>;

const demandFields = {
  externalId: z.string().trim().min(1).max(100),
  title: z.string().trim().min(2, { message: '需求名称至少2个字' }).max(200, { message: '需求名称最多200个字' }),
  problem: z.string().trim().min(10, { message: '需求描述（要解决的问题）至少10个字' }).max(20_000),
  indicators: z.string().trim().max(5_000, { message: '预期指标最多5000个字' }),
  keywords: keywordList,
  technicalField: z.enum(TECH_FIELDS.values),
  industries: z.array(z.enum(INDUSTRIES.values)).max(10),
  budgetMinFen: fen,
  budgetMaxFen: fen,
  deadline: isoDate,
  organizationId: id,
  /** 揭榜挂帅: an open challenge with a reward. */
  isChallenge: z.boolean(),
  rewardFen: fen,
  tags: z.array(z.enum(LISTING_TAGS.values)).max(2),
  attachments: z.array(attachmentInput).max(20, { message: '附件最多20个' }),
};

export const demandInput = z.strictObject({
  ...demandFields,
  externalId: demandFields.externalId.optional(),
  indicators: demandFields.indicators.default(''),
  keywords: demandFields.keywords.default([]),
  technicalField: demandFields.technicalField.optional(),
  industries: demandFields.industries.default([]),
  budgetMinFen: demandFields.budgetMinFen.optional(),
  budgetMaxFen: demandFields.budgetMaxFen.optional(),
  deadline: demandFields.deadline.optional(),
  isChallenge: demandFields.isChallenge.default(false),
  rewardFen: demandFields.rewardFen.optional(),
  tags: demandFields.tags.default([]),
  attachments: demandFields.attachments.default([]),
});
export type DemandInput = z.infer<typeof demandInput>;

export const demandPatch = z.strictObject({
  version: z.number().int().min(1),
  title: demandFields.title.optional(),
  problem: demandFields.problem.optional(),
  indicators: demandFields.indicators.optional(),
  keywords: demandFields.keywords.optional(),
  technicalField: demandFields.technicalField.nullish(),
  industries: demandFields.industries.optional(),
  budgetMinFen: demandFields.budgetMinFen.nullish(),
  budgetMaxFen: demandFields.budgetMaxFen.nullish(),
  deadline: demandFields.deadline.nullish(),
  organizationId: demandFields.organizationId.optional(),
  isChallenge: demandFields.isChallenge.optional(),
  rewardFen: demandFields.rewardFen.nullish(),
  tags: demandFields.tags.optional(),
  attachments: demandFields.attachments.optional(),
});
export type DemandPatch = z.infer<typeof demandPatch>;

export const listingTransition = z.strictObject({
  to: z.enum(LISTING_STATUSES.values),
  version: z.number().int().min(1),
  /** Required when returning a listing to its owner (退回). */
  reason: z.string().trim().min(1, { message: '请写明退回原因' }).max(1000).optional(),
});
export type ListingTransition = z.infer<typeof listingTransition>;

export const listingQuery = pageQuery.extend({
  status: z.enum(LISTING_STATUSES.values).optional(),
  /** Part of the title, or an external id. */
  q: z.string().trim().max(100).optional(),
  /** Listings of one organization. */
  organizationId: id.optional(),
});
export type ListingQuery = z.infer<typeof listingQuery>;

export const inquiryInput = z.strictObject({
  listingKind: z.enum(LISTING_KINDS.values),
  listingId: id,
  message: z.string().trim().min(5, { message: '留言至少5个字' }).max(2000, { message: '留言最多2000个字' }),
  /** How the owner may reach the sender (shown to the owner only). */
  contact: z.string().trim().max(100).optional(),
  /** The organization the sender writes for (one the account acts for). */
  fromOrganizationId: id.optional(),
});
export type InquiryInput = z.infer<typeof inquiryInput>;

export const inquiryAnswer = z.strictObject({
  version: z.number().int().min(1),
  answer: z.string().trim().min(1, { message: '回复不能为空' }).max(2000).optional(),
  /** Close the inquiry (with or without an answer). */
  close: z.boolean().default(false),
});
export type InquiryAnswer = z.infer<typeof inquiryAnswer>;

export const inquiryQuery = pageQuery.extend({
  /** received: inquiries to the actor's listings (all of the jurisdiction for the operator); sent: the actor's own. */
  box: z.enum(['received', 'sent']).default('received'),
  listingKind: z.enum(LISTING_KINDS.values).optional(),
  listingId: id.optional(),
});
export type InquiryQuery = z.infer<typeof inquiryQuery>;

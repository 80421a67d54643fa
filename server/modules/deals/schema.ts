/**
 * Zod shapes of the deals API (对接): create, patch, stage moves, signing, notes, list and the
 * funnel query. Money in integer fen (`…Fen`), dates YYYY-MM-DD. Inputs are strict objects, so an
 * unknown field is a 400 naming it; rules across fields and records are checked in the use cases.
 */
import { z } from 'zod';
import { DEAL_STAGES, TERMINATION_REASONS } from '../../../common/deal-vocabulary.js';
import { TRANSFER_MODES } from '../../../common/market-vocabulary.js';
import { isoDate, pageQuery } from '../../../common/registry-schema.js';
import { LICENSE_SCOPES, TECH_FIELDS } from '../../../common/vocabulary.js';
import { fen } from '../contracts/schema.js';

const id = z.string().min(1).max(64);
const title = z.string().trim().min(2, { message: '对接项目名称至少2个字' }).max(200, { message: '对接项目名称最多200个字' });

export const dealInput = z.strictObject({
  demandId: id.optional(),
  achievementId: id.optional(),
  /** Defaults to the listings' titles. */
  title: title.optional(),
  /** Defaults: buyer = the demand's organization, seller = the achievement's owner. */
  buyerOrganizationId: id.optional(),
  sellerOrganizationId: id.optional(),
  /** A person of the registry with the broker role. */
  brokerPersonId: id.optional(),
  /** A user with the broker role (the operator assigns one; a broker starting a deal is its broker). */
  brokerUserId: id.optional(),
  eventId: id.optional(),
  inquiryId: id.optional(),
  /** A first note: how the deal started, what comes next. */
  note: z.string().trim().min(1).max(2000).optional(),
});
export type DealInput = z.infer<typeof dealInput>;

/** A patch: `version` plus the fields to change; `null` clears an optional link. */
export const dealPatch = z.strictObject({
  version: z.number().int().min(1),
  title: title.optional(),
  buyerOrganizationId: id.nullish(),
  sellerOrganizationId: id.nullish(),
  brokerPersonId: id.nullish(),
  eventId: id.nullish(),
});
export type DealPatch = z.infer<typeof dealPatch>;

export const dealTransition = z.strictObject({
  to: z.enum(DEAL_STAGES.values),
  version: z.number().int().min(1),
  /** Required when terminating (终止). */
  reason: z.enum(TERMINATION_REASONS.values).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DealTransition = z.infer<typeof dealTransition>;

export const dealSign = z.strictObject({
  version: z.number().int().min(1),
  /** 成交额 agreed at signing. */
  amountFen: fen.refine((n) => n > 0, { message: '成交额应大于0' }),
  /** Defaults to today (Beijing time). */
  signedOn: isoDate.optional(),
  /** Which of the achievement's transfer modes the contract follows (default: its first). */
  transferMode: z.enum(TRANSFER_MODES.values).optional(),
  licenseScope: z.enum(LICENSE_SCOPES.values).optional(),
  licenseYears: z.number().int({ message: '许可年限应为整数' }).min(1, { message: '许可年限至少1年' }).max(99).optional(),
  /** When the listings name no technical field. */
  techField: z.enum(TECH_FIELDS.values).optional(),
  /** Defaults to the listing's title and the contract type. */
  contractName: z.string().trim().min(2, { message: '合同名称至少2个字' }).max(200).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DealSign = z.infer<typeof dealSign>;

export const dealNoteInput = z.strictObject({
  text: z.string().trim().min(1, { message: '记录内容不能为空' }).max(2000, { message: '记录内容最多2000个字' }),
  nextStep: z.string().trim().min(1).max(500, { message: '下一步最多500个字' }).optional(),
  dueOn: isoDate.optional(),
});
export type DealNoteInput = z.infer<typeof dealNoteInput>;

export const dealQuery = pageQuery.extend({
  stage: z.enum(DEAL_STAGES.values).optional(),
  eventId: id.optional(),
  demandId: id.optional(),
  achievementId: id.optional(),
  /** Part of the title. */
  q: z.string().trim().max(100).optional(),
});
export type DealQuery = z.infer<typeof dealQuery>;

export const funnelQuery = z.strictObject({
  /** First and last day of the period (inclusive, Beijing time); default: this calendar year. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type FunnelQuery = z.infer<typeof funnelQuery>;

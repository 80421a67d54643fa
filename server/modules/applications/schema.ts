/**
 * Zod shapes of the application workflow's API: money in integer fen (`…Fen`) or whole yuan
 * (budgets, `…Yuan`), dates YYYY-MM-DD. Inputs are strict objects, so an unknown field is a 400
 * naming it; rules across fields and records are checked in the use cases, naming their field too.
 */
import { z } from 'zod';
import { isoDate, pageQuery } from '../../../common/registry-schema.js';
import { APPLICATION_STATUSES, NOTICE_STATUSES, OBJECTION_STATUSES, REVIEW_DECISIONS } from '../../../common/application-vocabulary.js';
import { FUNDING_LEVELS } from '../../../common/vocabulary.js';
import { fen } from '../contracts/schema.js';

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);
const text = (max: number, message: string) => z.string().trim().min(1, { message }).max(max);
const hash = z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' });

export const noticeInput = z.strictObject({
  title: z.string().trim().min(4, { message: '通知标题至少4个字' }).max(200),
  policy: z.string().min(1).max(60),
  year: z.number().int().min(2000).max(2100),
  opensOn: isoDate,
  closesOn: isoDate,
  rules: z.array(z.string().min(1).max(60)).min(1, { message: '至少选择一项奖补规则' }).max(20),
  /** Yearly budget per rule, whole yuan; a rule without a budget is not capped. */
  budgets: z.record(z.string().max(60), z.number().int({ message: '预算应为整元' }).min(0, { message: '预算不能为负数' }).max(Number.MAX_SAFE_INTEGER)).default({}),
  /** Parameter values for this round, e.g. `demonstration_institution.amount` set by finance (视财力情况). */
  overrides: z.record(z.string().max(80), z.union([z.number(), z.string().max(200)])).default({}),
  /** 公示 length in working days. */
  noticeDays: z.number().int({ message: '公示天数应为整数' }).min(1, { message: '公示至少1个工作日' }).max(30),
  /** Defaults to the jurisdiction's 科学技术局. */
  issuer: z.string().trim().min(2).max(100).optional(),
  contact: z.string().trim().min(2).max(300).default('联系人：区科技局成果转化科，电话 0375-0000000'),
});
export type NoticeInput = z.infer<typeof noticeInput>;

export const noticeQuery = pageQuery.extend({
  status: z.enum(NOTICE_STATUSES.values).optional(),
  /** Only notices whose window includes today. */
  open: z.enum(['true', 'false']).optional(),
});

export const versionInput = z.strictObject({ version });

export const publicizeInput = z.strictObject({
  version,
  /** First day of the 公示; today when absent. */
  startsOn: isoDate.optional(),
});

export const relatedPartyInput = z.strictObject({
  name: text(200, '关联方名称不能为空'),
  creditCode: z.string().trim().max(30).optional(),
  relation: text(200, '请写明关联关系'),
});

export const otherFundingInput = z.strictObject({
  level: z.enum(FUNDING_LEVELS.values),
  programme: text(100, '项目（计划）名称不能为空'),
  amountFen: fen,
  contractId: id.optional(),
});

export const evidenceInput = z.strictObject({ hash, label: text(100, '请写明证明文件名称') });

const applicationFields = {
  contractIds: z.array(id).max(200),
  evidence: z.array(evidenceInput).max(50),
  relatedParties: z.array(relatedPartyInput).max(50),
  relatedPartiesNote: z.string().trim().max(2000).nullish(),
  otherFunding: z.array(otherFundingInput).max(50),
  otherFundingNote: z.string().trim().max(2000).nullish(),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z.string().trim().max(30).nullish(),
  payeeBank: z.string().trim().max(100).nullish(),
  payeeAccount: z.string().trim().regex(/^[0-9 -]{6,40}$/, { message: '银行账号应为数字' }).nullish(),
};

export const applicationInput = z.strictObject({
  noticeId: id,
  /** The organization the applicant acts for. */
  organizationId: id,
  /** A broker applying for the broker award (R3): the person, affiliated with the organization. */
  personId: id.optional(),
  /** The contracts to claim; absent: every registered contract of the beneficiary (pre-filled). */
  contractIds: applicationFields.contractIds.optional(),
  evidence: applicationFields.evidence.default([]),
  relatedParties: applicationFields.relatedParties.default([]),
  relatedPartiesNote: applicationFields.relatedPartiesNote,
  otherFunding: applicationFields.otherFunding.default([]),
  otherFundingNote: applicationFields.otherFundingNote,
  contactName: applicationFields.contactName,
  contactPhone: applicationFields.contactPhone,
  payeeBank: applicationFields.payeeBank,
  payeeAccount: applicationFields.payeeAccount,
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export const applicationPatch = z.strictObject({
  version,
  contractIds: applicationFields.contractIds.optional(),
  evidence: applicationFields.evidence.optional(),
  relatedParties: applicationFields.relatedParties.optional(),
  relatedPartiesNote: applicationFields.relatedPartiesNote,
  otherFunding: applicationFields.otherFunding.optional(),
  otherFundingNote: applicationFields.otherFundingNote,
  contactName: applicationFields.contactName,
  contactPhone: applicationFields.contactPhone,
  payeeBank: applicationFields.payeeBank,
  payeeAccount: applicationFields.payeeAccount,
});
export type ApplicationPatch = z.infer<typeof applicationPatch>;

export const submitInput = z.strictObject({
  version,
  /** 承诺书: the box ticked under the commitment text, and who signs. */
  commitment: z.strictObject({
    accepted: z.literal(true, { message: '须勾选同意承诺书' }),
    signer: text(50, '请填写承诺人姓名'),
  }),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const reviewInput = z.strictObject({
  version,
  decision: z.enum(REVIEW_DECISIONS.values),
  /** Required when returning (退回补正) or rejecting (不予支持). */
  reason: z.string().trim().max(1000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const applicationQuery = pageQuery.extend({
  noticeId: id.optional(),
  status: z.enum(APPLICATION_STATUSES.values).optional(),
});
export type ApplicationQuery = z.infer<typeof applicationQuery>;

export const objectionInput = z.strictObject({
  applicationId: id,
  content: z.string().trim().min(5, { message: '异议内容至少5个字' }).max(2000),
  contact: z.string().trim().max(100).optional(),
});
export type ObjectionInput = z.infer<typeof objectionInput>;

export const publicObjectionInput = z.strictObject({
  applicationId: id,
  name: text(50, '请填写姓名或单位名称'),
  contact: text(100, '请留下联系电话或邮箱'),
  content: z.string().trim().min(5, { message: '异议内容至少5个字' }).max(2000),
});
export type PublicObjectionInput = z.infer<typeof publicObjectionInput>;

export const resolveObjectionInput = z.strictObject({
  version,
  outcome: z.enum(['upheld', 'dismissed'] as const),
  resolution: z.string().trim().min(2, { message: '请写明处理意见' }).max(2000),
  /** Upheld: take the application off the list … */
  remove: z.boolean().optional(),
  /** … or take these contracts out of its claim, and recompute by a new settlement run. */
  excludeContracts: z.array(id).max(200).optional(),
});
export type ResolveObjectionInput = z.infer<typeof resolveObjectionInput>;

export const objectionQuery = z.strictObject({ status: z.enum(OBJECTION_STATUSES.values).optional() });

export const paymentInput = z.strictObject({
  version,
  paidOn: isoDate,
  bankReference: z.string().trim().min(4, { message: '请填写银行流水号（支付参考号）' }).max(60),
});
export type PaymentInput = z.infer<typeof paymentInput>;

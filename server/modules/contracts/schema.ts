/**
 * Zod shapes of the contracts API: money in integer fen (`…Fen`), dates YYYY-MM-DD. Inputs are
 * strict objects, so an unknown field is a 400 naming it. Cross-field rules (sub-type of the type,
 * 技术交易额 = 成交额 − deductions, …) are checked in contracts.ts so they name their field too.
 */
import { z } from 'zod';
import { divisionCode, isoDate, pageQuery, residentIdField } from '../../../common/registry-schema.js';
import {
  CONTRACT_STATUSES,
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  FUNDING_LEVELS,
  IP_KINDS,
  LICENSE_SCOPES,
  REJECTION_REASONS,
  TECH_FIELDS,
} from '../../../common/vocabulary.js';

/** Integer fen, never negative, within the safe-integer range. */
export const fen = z
  .number({ message: '金额应为整数（单位：分）' })
  .int({ message: '金额应为整数（单位：分）' })
  .min(0, { message: '金额不能为负数' })
  .max(Number.MAX_SAFE_INTEGER, { message: '金额超出范围' });

export const registrationNumber = z.string().regex(/^(\d{16}|\d{14})$/, { message: '合同登记编号应为16位数字（旧编号为14位）' });

const id = z.string().min(1).max(64);

export const partyInput = z.union([
  z.strictObject({ organizationId: id }),
  z.strictObject({
    personName: z.string().trim().min(1, { message: '自然人姓名不能为空' }).max(50),
    personIdNumber: residentIdField.optional(),
  }),
], { message: '当事人应为机构（organizationId）或自然人（personName，可带 personIdNumber）' });
export type PartyInput = z.infer<typeof partyInput>;

export const ipItem = z.strictObject({
  kind: z.enum(IP_KINDS.values),
  number: z.string().trim().min(1, { message: '知识产权编号不能为空' }).max(60),
});

export const brokerInput = z.strictObject({
  personId: id,
  share: z
    .number({ message: '分配份额应为正数' })
    .gt(0, { message: '分配份额应为正数' })
    .max(10_000)
    .refine((s) => Math.abs(Math.round(s * 10_000) - s * 10_000) < 1e-6, { message: '分配份额最多4位小数' })
    .default(1),
});

export const thirdPartyInput = z.strictObject({
  organizationId: id,
  role: z.string().trim().min(1, { message: '第三方须写明其作用' }).max(100),
});

export const fundingInput = z.strictObject({
  level: z.enum(FUNDING_LEVELS.values),
  programme: z.string().trim().min(1, { message: '项目（计划）名称不能为空' }).max(100),
  amountFen: fen,
});

export const deductionsInput = z.strictObject({
  materialsFen: fen.default(0),
  equipmentFen: fen.default(0),
  componentsFen: fen.default(0),
  otherFen: fen.default(0),
});

const contractFields = {
  name: z.string().trim().min(2, { message: '合同名称至少2个字' }).max(200),
  type: z.enum(CONTRACT_TYPES.values),
  subtype: z.enum(CONTRACT_SUBTYPES.values),
  licenseScope: z.enum(LICENSE_SCOPES.values).optional(),
  licenseYears: z.number().int({ message: '许可年限应为整数' }).min(1, { message: '许可年限至少1年' }).max(99).optional(),
  sellers: z.array(partyInput).min(1, { message: '至少一个卖方' }).max(20),
  buyers: z.array(partyInput).min(1, { message: '至少一个买方' }).max(20),
  signedOn: isoDate,
  termStart: isoDate.optional(),
  termEnd: isoDate.optional(),
  amountFen: fen,
  /** 技术交易额; when omitted it is 成交额 − deductions. */
  techAmountFen: fen.optional(),
  deductions: deductionsInput,
  techField: z.enum(TECH_FIELDS.values),
  ipItems: z.array(ipItem).max(50),
  implementationDivision: divisionCode.optional(),
  brokers: z.array(brokerInput).max(20),
  thirdParties: z.array(thirdPartyInput).max(20),
  declaredRelated: z.boolean(),
  fiscalFunded: z.boolean(),
  funding: z.array(fundingInput).max(20),
};

export const contractInput = z.strictObject({
  ...contractFields,
  deductions: contractFields.deductions.default({ materialsFen: 0, equipmentFen: 0, componentsFen: 0, otherFen: 0 }),
  ipItems: contractFields.ipItems.default([]),
  brokers: contractFields.brokers.default([]),
  thirdParties: contractFields.thirdParties.default([]),
  declaredRelated: contractFields.declaredRelated.default(false),
  fiscalFunded: contractFields.fiscalFunded.default(false),
  funding: contractFields.funding.default([]),
});
export type ContractInput = z.infer<typeof contractInput>;

/** A patch: `version` plus the fields to change; `null` clears an optional field. */
export const contractPatch = z.strictObject({
  version: z.number().int().min(1),
  name: contractFields.name.optional(),
  type: contractFields.type.optional(),
  subtype: contractFields.subtype.optional(),
  licenseScope: contractFields.licenseScope.nullish(),
  licenseYears: contractFields.licenseYears.nullish(),
  sellers: contractFields.sellers.optional(),
  buyers: contractFields.buyers.optional(),
  signedOn: contractFields.signedOn.optional(),
  termStart: contractFields.termStart.nullish(),
  termEnd: contractFields.termEnd.nullish(),
  amountFen: contractFields.amountFen.optional(),
  techAmountFen: contractFields.techAmountFen.nullish(),
  deductions: contractFields.deductions.optional(),
  techField: contractFields.techField.optional(),
  ipItems: contractFields.ipItems.optional(),
  implementationDivision: contractFields.implementationDivision.nullish(),
  brokers: contractFields.brokers.optional(),
  thirdParties: contractFields.thirdParties.optional(),
  declaredRelated: contractFields.declaredRelated.optional(),
  fiscalFunded: contractFields.fiscalFunded.optional(),
  funding: contractFields.funding.optional(),
});
export type ContractPatch = z.infer<typeof contractPatch>;

export const transitionInput = z.strictObject({
  to: z.enum(CONTRACT_STATUSES.values),
  version: z.number().int().min(1),
  /** Required when registering. */
  registrationNumber: registrationNumber.optional(),
  registeredOn: isoDate.optional(),
  registrationOfficeId: id.optional(),
  /** Required when rejecting (未予登记). */
  reason: z.enum(REJECTION_REASONS.values).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

export const contractQuery = pageQuery.extend({
  status: z.enum(CONTRACT_STATUSES.values).optional(),
  type: z.enum(CONTRACT_TYPES.values).optional(),
  field: z.enum(TECH_FIELDS.values).optional(),
  /** An organization that is a seller or buyer. */
  party: id.optional(),
  registrationYear: z.coerce.number().int().min(1980).max(2100).optional(),
  /** Part of the name, or a registration number. */
  q: z.string().trim().max(100).optional(),
});
export type ContractQuery = z.infer<typeof contractQuery>;

export const invoiceInput = z.strictObject({
  code: z.string().trim().optional(),
  number: z.string().trim().min(1, { message: '发票号码不能为空' }),
  issuedOn: isoDate,
  amountFen: fen,
  /** Whether the invoice names the contract (its name or registration number). */
  namesContract: z.boolean().default(false),
  fileHash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }).optional(),
});
export type InvoiceInput = z.infer<typeof invoiceInput>;

export const paymentInput = z.strictObject({
  paidOn: isoDate,
  amountFen: fen.refine((n) => n > 0, { message: '付款金额应大于0' }),
  voucherNumber: z.string().trim().min(1).max(60).optional(),
  voucherFileHash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }).optional(),
  invoices: z.array(invoiceInput).max(50).default([]),
  note: z.string().trim().max(500).optional(),
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const paymentUpdate = paymentInput.extend({ version: z.number().int().min(1) });
export type PaymentUpdate = z.infer<typeof paymentUpdate>;

/**
 * Zod shapes of the registry, shared by the HTTP API (validation and OpenAPI) and the web app.
 * Inputs are strict: an unknown field is an error that names the field.
 */
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import {
  BROKER_LEVELS,
  EMPLOYMENT,
  HOLDER_TYPES,
  INDUSTRIES,
  LEVELS,
  ORGANIZATION_KINDS,
  PERSON_ROLES,
  PLATFORM_TYPES,
  QUALIFICATION_TYPES,
  SERVICE_TYPES,
} from './vocabulary.js';
import { checkUscc } from './uscc.js';
import { checkResidentId } from './resident-id.js';
import { isIsoDate } from './dates.js';

// People read these messages: zod's own ones in Chinese, ours written in Chinese below.
z.config(zhCN());

export const isoDate = z
  .string()
  .refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD 且为有效日期' });

export const divisionCode = z.string().regex(/^\d{6}$/, { message: '行政区划代码应为6位数字' });

export const usccField = z.string().transform((value, ctx) => {
  const result = checkUscc(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: `统一社会信用代码${result.message}`, params: { reason: result.problem } });
    return z.NEVER;
  }
  return result.code;
});

export const residentIdField = z.string().transform((value, ctx) => {
  const result = checkResidentId(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: `身份证号码${result.message}`, params: { reason: result.problem } });
    return z.NEVER;
  }
  return result.id;
});

export const contactSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).optional(),
  phone: z.string().trim().regex(/^[\d+\-() ]{5,20}$/, { message: '电话号码格式不正确' }).optional(),
  email: z.email({ message: '邮箱格式不正确' }).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** Organization fields as stored; lists have no defaults here so a patch never resets them. */
const organizationFields = {
  name: z.string().trim().min(2, { message: '名称至少2个字' }).max(100),
  uscc: usccField,
  kind: z.enum(ORGANIZATION_KINDS.values),
  divisionCode,
  address: z.string().trim().max(200).optional(),
  /** 机构简介: what the unit does, in its own words (self-service). */
  description: z.string().trim().max(2000, { message: '机构简介不超过2000字' }).optional(),
  industries: z.array(z.enum(INDUSTRIES.values)).max(10),
  serviceTypes: z.array(z.enum(SERVICE_TYPES.values)).max(6),
  /** New R&D institutions only: filed (已备案) with the S&T department, and when. */
  rdFiled: z.boolean().optional(),
  rdFiledOn: isoDate.optional(),
  legalRepresentativeId: z.string().min(1).optional(),
  actualControllerId: z.string().min(1).optional(),
  contacts: z.array(contactSchema).max(20),
};

export const organizationInput = z.strictObject({
  ...organizationFields,
  industries: organizationFields.industries.default([]),
  serviceTypes: organizationFields.serviceTypes.default([]),
  contacts: organizationFields.contacts.default([]),
});
export type OrganizationInput = z.infer<typeof organizationInput>;

/** A patch: only the fields sent change; `null` clears an optional field. */
export const organizationPatch = z
  .strictObject(organizationFields)
  .partial()
  .extend({
    version: z.number().int().min(1),
    address: organizationFields.address.unwrap().nullish(),
    description: organizationFields.description.unwrap().nullish(),
    rdFiled: z.boolean().nullish(),
    rdFiledOn: isoDate.nullish(),
    legalRepresentativeId: z.string().min(1).nullish(),
    actualControllerId: z.string().min(1).nullish(),
  });
export type OrganizationPatch = z.infer<typeof organizationPatch>;

export const qualificationInput = z.strictObject({
  type: z.enum(QUALIFICATION_TYPES.values),
  /** Certificate number (高新技术企业证书编号) or yearly registration number (科技型中小企业入库登记编号). */
  number: z.string().trim().min(1).max(60),
  level: z.enum(LEVELS.values).optional(),
  issuedOn: isoDate,
  /** Derived when absent: high-tech certificates run 3 years, tech-SME registrations to the year's end. */
  validUntil: isoDate.optional(),
});
export type QualificationInput = z.infer<typeof qualificationInput>;

export const equityHolderInput = z
  .strictObject({
    holderType: z.enum(HOLDER_TYPES.values),
    holderOrganizationId: z.string().min(1).optional(),
    holderPersonId: z.string().min(1).optional(),
    /** Percent with up to two decimals, 0 < p ≤ 100; stored as basis points. */
    percent: z.number().gt(0).max(100),
  })
  .refine((h) => (h.holderType === 'organization' ? !!h.holderOrganizationId : !!h.holderPersonId), {
    message: '股东为机构时须填写 holderOrganizationId，为自然人时须填写 holderPersonId',
    path: ['holderType'],
  });
export type EquityHolderInput = z.infer<typeof equityHolderInput>;

export const personRoleInput = z.strictObject({
  role: z.enum(PERSON_ROLES.values),
  certificateNumber: z.string().trim().max(60).optional(),
  level: z.enum(BROKER_LEVELS.values).optional(),
  employment: z.enum(EMPLOYMENT.values).optional(),
});
export type PersonRoleInput = z.infer<typeof personRoleInput>;

export const affiliationInput = z.strictObject({
  organizationId: z.string().min(1),
  title: z.string().trim().max(50).optional(),
});

const personFields = {
  name: z.string().trim().min(1).max(50),
  idNumber: residentIdField,
  phone: z.string().trim().regex(/^[\d+\-() ]{5,20}$/, { message: '电话号码格式不正确' }).optional(),
  roles: z.array(personRoleInput).max(10),
  affiliations: z.array(affiliationInput).max(20),
};

export const personInput = z.strictObject({
  ...personFields,
  roles: personFields.roles.default([]),
  affiliations: personFields.affiliations.default([]),
});
export type PersonInput = z.infer<typeof personInput>;
export const personPatch = z
  .strictObject(personFields)
  .partial()
  .extend({ version: z.number().int().min(1), phone: personFields.phone.unwrap().nullish() });
export type PersonPatch = z.infer<typeof personPatch>;

export const platformInput = z.strictObject({
  name: z.string().trim().min(2).max(100),
  type: z.enum(PLATFORM_TYPES.values),
  level: z.enum(LEVELS.values),
  hostOrganizationId: z.string().min(1),
  recognizedOn: isoDate,
  revokedOn: isoDate.optional(),
  documentNumber: z.string().trim().max(60).optional(),
});
export type PlatformInput = z.infer<typeof platformInput>;
export const platformPatch = platformInput.partial().extend({
  version: z.number().int().min(1),
  revokedOn: isoDate.nullish(),
  documentNumber: z.string().trim().max(60).nullish(),
});
export type PlatformPatch = z.infer<typeof platformPatch>;

/** A patch's fields with `null` (clear) turned into `undefined` (absent in the merged input). */
export function withoutNulls<T extends Record<string, unknown>>(patch: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === null ? undefined : v])) as never;
}

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

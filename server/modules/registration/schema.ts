/**
 * Zod shapes of the registration API. The public form sends its fields as JSON in the multipart field
 * `data` (beside the files), so those are parsed here rather than by the route's schema; errors name
 * the field the form shows (`application.orgName`, `captchaAnswer`).
 */
import { z } from 'zod';
import { divisionCode, residentIdField, usccField } from '../../../common/registry-schema.js';
import { LICENSE_KINDS, MOBILE_PATTERN, REGISTRABLE_KINDS, REGISTRATION_STATUSES, USERNAME_PATTERN } from '../../../common/registration-vocabulary.js';
import { EMPLOYMENT } from '../../../common/vocabulary.js';
import { AppError, type ErrorDetail } from '../../errors.js';

const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, { message: min === 1 ? `请填写${what}` : `${what}至少 ${min} 个字` }).max(max, { message: `${what}最多 ${max} 个字` });

export const mobileField = z.string().trim().regex(MOBILE_PATTERN, { message: '手机号码应为 11 位数字，以 1 开头' });
export const usernameField = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, { message: '用户名须以字母开头，由 3–32 位字母、数字或 . _ - 组成' });
const password = z.string().min(1, { message: '请设置密码' }).max(200);

const applicantFields = {
  applicantName: text(2, 30, '姓名'),
  mobile: mobileField,
  username: usernameField,
  /** Required on a first submission; on a resubmission absent keeps the password chosen before. */
  password: password.optional(),
};

export const unitApplicationInput = z.strictObject({
  applicantType: z.literal('unit'),
  creditCode: usccField,
  orgName: text(2, 100, '单位名称'),
  orgKind: z.enum(REGISTRABLE_KINDS, { message: '请选择单位类型' }),
  divisionCode,
  address: text(2, 200, '单位地址'),
  legalRepName: text(2, 30, '法定代表人姓名'),
  legalRepIdNumber: residentIdField.optional(),
  licenseKind: z.enum(LICENSE_KINDS.values, { message: '请选择证照类型' }),
  position: text(1, 50, '职务'),
  ...applicantFields,
});
export type UnitApplicationInput = z.infer<typeof unitApplicationInput>;

export const brokerApplicationInput = z.strictObject({
  applicantType: z.literal('broker'),
  /** The agency the broker works for, by its credit code (the form's name picker fills it in). */
  agencyCreditCode: usccField,
  idNumber: residentIdField,
  position: text(1, 50, '职务').optional(),
  employment: z.enum(EMPLOYMENT.values, { message: '请选择专职或兼职' }),
  certificateNumber: z.string().trim().max(60).optional(),
  ...applicantFields,
});
export type BrokerApplicationInput = z.infer<typeof brokerApplicationInput>;

export const applicationInput = z.discriminatedUnion('applicantType', [unitApplicationInput, brokerApplicationInput]);
export type ApplicationInput = z.infer<typeof applicationInput>;

const captchaFields = {
  captchaId: z.string().min(1, { message: '请获取验证码' }).max(64),
  captchaAnswer: z.string().trim().min(1, { message: '请输入验证码' }).max(10),
};

/** The `data` field of POST /api/public/registrations. */
export const submitData = z.strictObject({ ...captchaFields, application: applicationInput });

const numberField = z.string().trim().min(1, { message: '请输入申请编号' }).max(20).transform((s) => s.toUpperCase());
const queryCodeField = z.string().trim().min(1, { message: '请输入查询码' }).max(20);

/** The `data` field of POST /api/public/registrations/resubmit. */
export const resubmitData = z.strictObject({ ...captchaFields, number: numberField, queryCode: queryCodeField, application: applicationInput });

export const statusInput = z.strictObject({ number: numberField, queryCode: queryCodeField });

export const lookupQuery = z.strictObject({ creditCode: usccField });
export const agencyQuery = z.strictObject({ q: z.string().trim().max(50).optional() });

export const registrationQuery = z.strictObject({
  status: z.enum(REGISTRATION_STATUSES.values).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type RegistrationQuery = z.infer<typeof registrationQuery>;

export const decisionInput = z.strictObject({ version: z.number().int().min(1) });
export const returnInput = z.strictObject({
  version: z.number().int().min(1),
  reason: text(2, 500, '退回原因'),
});

export const invitationInput = z.strictObject({ note: z.string().trim().max(100).optional() });
export const invitationCode = z.string().trim().min(1, { message: '请输入邀请码' }).max(20);
export const checkInvitationInput = z.strictObject({ code: invitationCode });
export const acceptInvitationInput = z.strictObject({ code: invitationCode });
export const joinInput = z.strictObject({
  code: invitationCode,
  username: usernameField,
  displayName: text(2, 30, '姓名'),
  mobile: mobileField,
  position: text(1, 50, '职务').optional(),
  password,
});
export type JoinInput = z.infer<typeof joinInput>;

export const handOverInput = z.strictObject({ userId: z.string().min(1).max(64) });

/** Parses what a schema could not check at the route (multipart `data`), naming fields under `prefix`. */
export function parseField<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || undefined,
    reason: issue.code === 'unrecognized_keys' ? `不允许的字段：${issue.keys.join('、')}` : issue.message,
  }));
  const first = details[0]!;
  throw new AppError('VALIDATION', first.field ? `${fieldLabel(first.field)}：${first.reason}` : first.reason, { ...(first.field ? { field: first.field } : {}), details });
}

/** The form's label of a field, for messages that name it. */
const LABELS: Record<string, string> = {
  creditCode: '统一社会信用代码', orgName: '单位名称', orgKind: '单位类型', divisionCode: '所在地区', address: '单位地址',
  legalRepName: '法定代表人', legalRepIdNumber: '法定代表人身份证号码', licenseKind: '证照类型', applicantName: '姓名', mobile: '手机号码',
  position: '职务', username: '用户名', password: '密码', agencyCreditCode: '所属机构', idNumber: '身份证号码', employment: '专兼职',
  certificateNumber: '证书编号', captchaAnswer: '验证码', captchaId: '验证码', number: '申请编号', queryCode: '查询码', applicantType: '注册类型',
};
export function fieldLabel(path: string): string {
  const last = path.split('.').pop()!;
  return LABELS[last] ?? path;
}

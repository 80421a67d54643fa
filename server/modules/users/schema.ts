/** Zod shapes of 用户与权限 (the routes validate with them; the messages name the field in Chinese). */
import { z } from 'zod';
import { ACCOUNT_STATUSES, GOVERNMENT_ROLES } from '../../../common/users-api.js';
import { MOBILE_PATTERN, USERNAME_PATTERN } from '../../../common/registration-vocabulary.js';
import { USER_ROLES } from '../../../common/vocabulary.js';

const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, { message: min === 1 ? `请填写${what}` : `${what}至少 ${min} 个字` }).max(max, { message: `${what}最多 ${max} 个字` });
const id = z.string().min(1).max(64);
const version = z.number().int().min(1);

export const userQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(USER_ROLES.values, { message: '不认识的角色' }).optional(),
  organizationId: id.optional(),
  status: z.enum(ACCOUNT_STATUSES.values, { message: '不认识的账号状态' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type UserQuery = z.infer<typeof userQuery>;
export const userExportQuery = userQuery.omit({ page: true, pageSize: true });
export type UserExportQuery = z.infer<typeof userExportQuery>;

const optionalText = (max: number, what: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, { message: `${what}最多 ${max} 个字` }).optional());

export const createAccountInput = z.strictObject({
  username: z.string().trim().regex(USERNAME_PATTERN, { message: '用户名须以字母开头，由 3–32 位字母、数字或 . _ - 组成' }),
  displayName: text(2, 30, '姓名'),
  roles: z.array(z.enum(GOVERNMENT_ROLES, { message: '政府账号的角色应为科技局运营人员、财政局、责任单位、第三方评估或系统管理员' })).min(1, { message: '请至少选择一个角色' }),
  jurisdictionCode: z.string().regex(/^\d{6}$/, { message: '辖区应为 6 位行政区划代码' }),
  organizationIds: z.array(id).max(20).default([]),
  mobile: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(MOBILE_PATTERN, { message: '手机号码应为 11 位数字，以 1 开头' }).optional()),
  email: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().email({ message: '电子邮箱格式不正确' }).max(100).optional()),
  position: optionalText(50, '职务'),
});
export type CreateAccountInput = z.infer<typeof createAccountInput>;

export const rolesInput = z.strictObject({
  version,
  roles: z.array(z.enum(USER_ROLES.values, { message: '不认识的角色' })).min(1, { message: '请至少保留一个角色；不再使用的账号请停用' }),
});
export const versionInput = z.strictObject({ version });
export const resetInput = z.strictObject({ version, mail: z.boolean().default(false) });
export const unitQuery = z.object({ q: z.string().trim().max(100).optional() });
export const idParams = z.object({ id });

/** The portal's inputs (zod): what the operator writes; every field named in Chinese when wrong. */
import { z } from 'zod';
import { isIsoDate } from '../../../common/dates.js';
import { POST_KINDS, POST_STATUSES } from '../../../common/portal-vocabulary.js';

const date = (label: string) => z.string().refine(isIsoDate, { message: `${label}应为有效日期 YYYY-MM-DD` });
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 字`).nullable().optional();

export const qaItem = z.strictObject({ question: text('问题', 300), answer: text('答复', 5000) });

const postFields = {
  title: text('标题', 200),
  abstract: optionalText('摘要', 500),
  body: text('正文', 200_000),
  documentNumber: optionalText('文号', 60),
  issuer: optionalText('发布单位', 100),
  effectiveOn: date('生效日期').nullable().optional(),
  expiresOn: date('失效日期').nullable().optional(),
  /** A built-in subsidy policy (its id from /api/subsidies/policies), chosen by its title in the form. */
  policyId: z.string().max(60).nullable().optional(),
  documentId: z.string().max(64).nullable().optional(),
  qa: z.array(qaItem).max(100).optional(),
};

export const postInput = z.strictObject({
  kind: z.enum(POST_KINDS.values, { message: '请选择栏目' }),
  status: z.enum(['draft', 'published'], { message: '状态应为草稿或发布' }).default('draft'),
  ...postFields,
});
export type PostInput = z.infer<typeof postInput>;

export const postPatch = z
  .strictObject(postFields)
  .partial()
  .extend({
    version: z.number().int().positive(),
    status: z.enum(POST_STATUSES.values, { message: '状态应为草稿、发布或撤下' }).optional(),
  });
export type PostPatch = z.infer<typeof postPatch>;

export const postQuery = z.strictObject({
  kind: z.enum(POST_KINDS.values).optional(),
  status: z.enum(POST_STATUSES.values).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().positive().max(100).default(20),
});
export type PostQuery = z.infer<typeof postQuery>;

export const publicPostQuery = z.strictObject({
  kind: z.enum(POST_KINDS.values).optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().positive().max(50).default(20),
});
export type PublicPostQuery = z.infer<typeof publicPostQuery>;

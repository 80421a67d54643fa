/**
 * Zod shapes of the supervision API. Inputs are strict objects, so an unknown field is a 400
 * naming it; figures are named numbers (e.g. {"新增高新技术企业": 3}).
 */
import { z } from 'zod';
import { isoDate } from '../../../common/registry-schema.js';
import { REVIEW_DECISIONS } from '../../../common/supervision-vocabulary.js';

const id = z.string().min(1).max(64);
const hash = z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' });

export const figuresInput = z
  .record(
    z.string().trim().min(1, { message: '指标名称不能为空' }).max(50, { message: '指标名称最多50字' }),
    z.number({ message: '指标值应为数字' }).finite({ message: '指标值应为有限数字' }),
  )
  .refine((f) => Object.keys(f).length <= 50, { message: '最多50项指标' });

export const attachmentInput = z.strictObject({
  hash,
  label: z.string().trim().min(1, { message: '附件名称不能为空' }).max(100, { message: '附件名称最多100字' }),
});

const reportText = z.string().max(20_000, { message: '进展情况最多20000字' });

export const reportInput = z.strictObject({
  measureId: id,
  unitId: id,
  period: z.string().regex(/^\d{4}(Q[1-4]|H[12]|M(0[1-9]|1[0-2]))?$/, { message: '报告期应如 2023Q1、2023H1、2023M01 或 2023' }),
  text: reportText.default(''),
  figures: figuresInput.default({}),
  attachments: z.array(attachmentInput).max(20, { message: '最多20个附件' }).default([]),
});
export type ReportInput = z.infer<typeof reportInput>;

export const reportPatch = z.strictObject({
  version: z.number().int().min(1),
  text: reportText.optional(),
  figures: figuresInput.optional(),
  attachments: z.array(attachmentInput).max(20, { message: '最多20个附件' }).optional(),
});
export type ReportPatch = z.infer<typeof reportPatch>;

export const versionInput = z.strictObject({ version: z.number().int().min(1) });

export const reviewInput = z.strictObject({
  version: z.number().int().min(1),
  decision: z.enum(REVIEW_DECISIONS.values),
  comment: z.string().trim().max(2000, { message: '意见最多2000字' }).optional(),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const commentInput = z.strictObject({
  comment: z.string().trim().min(1, { message: '意见不能为空' }).max(2000, { message: '意见最多2000字' }),
});

export const boardQuery = z.strictObject({
  /** Only this year's periods. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** The day the statuses are computed for (default: today in China). */
  asOf: isoDate.optional(),
  measureId: id.optional(),
  unitId: id.optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export const reportQuery = z.strictObject({
  planId: id.optional(),
  status: z.enum(['draft', 'submitted', 'accepted', 'returned']).optional(),
  unitId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const unitLinkInput = z.strictObject({ organizationId: id.nullable() });

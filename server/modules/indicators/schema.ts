/**
 * Zod shapes of the indicators API's queries. Queries are strict: an unknown parameter is a 400
 * naming it. The values it presents are in common/indicator-api.ts.
 */
import { z } from 'zod';
import { isoDate } from '../../../common/registry-schema.js';

export const asOfQuery = z.strictObject({
  /** The day the values are computed for (default: today in China). */
  asOf: isoDate.optional(),
});

export const entitiesQuery = z.strictObject({
  asOf: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** Contract indicators: one breakdown class, e.g. dimension=type&key=development. */
  dimension: z.enum(['type', 'field', 'origin', 'direction']).optional(),
  key: z.string().min(1).max(40).optional(),
});
export type EntitiesQuery = z.infer<typeof entitiesQuery>;

export const trendsQuery = z
  .strictObject({
    from: z.coerce.number().int().min(2000).max(2100).optional(),
    to: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || (q.from <= q.to && q.to - q.from < 20), { message: '起止年份应为 from ≤ to，且不超过20年', path: ['from'] });
export type TrendsQuery = z.infer<typeof trendsQuery>;

export const publicQuery = z.strictObject({
  asOf: isoDate.optional(),
  /** Which jurisdiction's statistics (6-digit code); default the instance's (TT_JURISDICTION, else 410411). */
  jurisdiction: z.string().regex(/^\d{6}$/, { message: '行政区划代码应为6位数字' }).optional(),
});

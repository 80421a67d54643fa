/**
 * Zod shapes of 成果定价公示: the price in integer fen, dates YYYY-MM-DD, the period in working days.
 * Inputs are strict objects, so an unknown field is a 400 naming it; rules across records are checked
 * in the use cases, naming their field too.
 */
import { z } from 'zod';
import { isoDate } from '../../../common/registry-schema.js';
import { DEFAULT_PUBLICITY_DAYS, PRICING_METHODS } from '../../../common/pricing-vocabulary.js';

const version = z.number().int().min(1);
const text = (min: number, max: number, message: string) => z.string().trim().min(min, { message }).max(max, { message: `最多${max}个字` });
const hash = z.string().regex(/^[0-9a-f]{64}$/, { message: '评估报告文件无效，请重新上传' });

export const publicityInput = z.strictObject({
  method: z.enum(PRICING_METHODS.values, { message: `请选择定价方式（${Object.values(PRICING_METHODS.table).join('、')}）` }),
  priceFen: z
    .number({ message: '请填写成交价格' })
    .int({ message: '价格应精确到分' })
    .min(1, { message: '成交价格应大于零' })
    .max(Number.MAX_SAFE_INTEGER, { message: '成交价格过大' }),
  valuationFileHash: hash.optional(),
  valuationFileName: z.string().trim().max(200).optional(),
  decisionBody: text(2, 100, '请填写作出定价决策的机构（如校长办公会、所务会）'),
  decidedOn: isoDate,
  /** Working days; the institution's own rules may set a longer one. */
  periodDays: z
    .number({ message: '请填写公示期' })
    .int({ message: '公示期应为整数个工作日' })
    .min(DEFAULT_PUBLICITY_DAYS, { message: `公示期不少于${DEFAULT_PUBLICITY_DAYS}个工作日` })
    .max(60, { message: '公示期最多60个工作日' })
    .default(DEFAULT_PUBLICITY_DAYS),
  /** Defaults to today; never earlier. */
  startsOn: isoDate.optional(),
});
export type PublicityInput = z.infer<typeof publicityInput>;

export const withdrawInput = z.strictObject({ version, reason: text(2, 500, '请写明撤回理由') });
export type WithdrawInput = z.infer<typeof withdrawInput>;

const content = text(5, 2000, '异议内容至少5个字');

export const objectionInput = z.strictObject({ content, contact: z.string().trim().max(100).optional() });
export type ObjectionInput = z.infer<typeof objectionInput>;

export const publicObjectionInput = z.strictObject({
  name: text(1, 50, '请填写姓名或单位名称'),
  contact: text(1, 100, '请留下联系电话或邮箱'),
  content,
});
export type PublicObjectionInput = z.infer<typeof publicObjectionInput>;

export const answerInput = z.strictObject({ version, answer: text(2, 2000, '请写明答复意见') });
export type AnswerInput = z.infer<typeof answerInput>;

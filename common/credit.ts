/**
 * 信用记录 and 信用修复 (issue 14): the shapes shared by the server (server/modules/credit) and the
 * web pages — inputs, queries and the presented record, in words beside the codes.
 */
import { z } from 'zod';
import { evidenceRef } from './change-request.js';
import { CREDIT_KIND_LABELS, CREDIT_SOURCE_LABELS } from './credit-vocabulary.js';
import { isoDate, pageQuery } from './registry-schema.js';
import { labels } from './vocabulary.js';

export const CREDIT_KINDS = labels(CREDIT_KIND_LABELS as {
  serious_dishonesty: string;
  dishonest_judgment_debtor: string;
  research_misconduct: string;
  commitment_breach: string;
  other: string;
});
export type CreditKindCode = (typeof CREDIT_KINDS.values)[number];
export const CREDIT_SOURCES = labels(CREDIT_SOURCE_LABELS as { credit_china: string; court: string; platform: string; other: string });
export type CreditSourceCode = (typeof CREDIT_SOURCES.values)[number];

/** Whether a record is in force today, ended early, expired, or not yet in force. */
export const CREDIT_RECORD_STATES = labels({ in_force: '有效', not_yet: '尚未生效', expired: '已到期', ended: '已提前结束' });
export type CreditRecordState = (typeof CREDIT_RECORD_STATES.values)[number];
export const CREDIT_REPAIR_STATUSES = labels({ pending: '待审核', approved: '已通过（记录已结束）', rejected: '已驳回' });
export type CreditRepairStatus = (typeof CREDIT_REPAIR_STATUSES.values)[number];

const text = (max: number, what: string) => z.string().trim().max(max, { message: `${what}最多${max}个字` });

export const creditRecordInput = z
  .strictObject({
    organizationId: z.string().min(1).optional(),
    personId: z.string().min(1).optional(),
    kind: z.enum(CREDIT_KINDS.values, { message: `类型应为：${Object.values(CREDIT_KIND_LABELS).join('、')}` }),
    source: z.enum(CREDIT_SOURCES.values, { message: `来源应为：${Object.values(CREDIT_SOURCE_LABELS).join('、')}` }),
    sourceName: text(60, '认定机关').optional(),
    documentNumber: text(60, '文号').optional(),
    validFrom: isoDate,
    validTo: isoDate.optional(),
    note: text(500, '备注').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.organizationId === !v.personId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: '请选择一个机构或一名人员（二者选一）' });
    if (v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '截止日期不得早于起始日期' });
  });
export type CreditRecordInput = z.infer<typeof creditRecordInput>;

export const creditRecordQuery = pageQuery.extend({
  kind: z.enum(CREDIT_KINDS.values).optional(),
  source: z.enum(CREDIT_SOURCES.values).optional(),
  state: z.enum(CREDIT_RECORD_STATES.values).optional(),
  organizationId: z.string().min(1).optional(),
  personId: z.string().min(1).optional(),
  /** A holder's name contains it. */
  q: z.string().trim().max(100).optional(),
});
export type CreditRecordQuery = z.infer<typeof creditRecordQuery>;

export const endCreditRecordInput = z.strictObject({
  endedOn: isoDate,
  reason: z.string().trim().min(2, { message: '请写明提前结束的理由' }).max(500),
  version: z.number().int().min(1),
});

/** A false declaration found in review (隐瞒关联关系、隐瞒已获资助) becomes a 违背信用承诺 record. */
export const commitmentBreachInput = z.strictObject({
  reason: z.string().trim().min(4, { message: '请写明发现的虚假承诺（如隐瞒关联关系、隐瞒已获资助）' }).max(500),
  /** The record's end; absent: open-ended until repaired. */
  validTo: isoDate.optional(),
});

export const creditRepairInput = z.strictObject({
  explanation: z.string().trim().min(4, { message: '请说明已履行义务或纠正失信行为的情况' }).max(2000),
  evidence: z.array(evidenceRef).min(1, { message: '请上传至少一份证明材料（PDF、JPG 或 PNG）' }).max(10),
});

export const creditRepairDecision = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional(), version: z.number().int().min(1) })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回须写明理由' });
  });

export interface CreditRepairView {
  id: string;
  status: CreditRepairStatus;
  statusLabel: string;
  explanation: string;
  evidence: { hash: string; fileName: string }[];
  submittedByName: string;
  submittedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
}

export interface CreditRecordView {
  id: string;
  holderType: 'organization' | 'person';
  holderId: string;
  holderName: string;
  kind: CreditKindCode;
  kindLabel: string;
  source: CreditSourceCode;
  sourceLabel: string;
  /** The source in words: the list's or court's name when given, else the source's label. */
  sourceName: string;
  documentNumber: string | null;
  validFrom: string;
  validTo: string | null;
  endedOn: string | null;
  endReason: string | null;
  state: CreditRecordState;
  stateLabel: string;
  note: string | null;
  applicationId: string | null;
  applicationNumber: string | null;
  /** The record in one sentence (kind, source, 文号, dates). */
  text: string;
  createdByName: string;
  createdAt: string;
  repairs: CreditRepairView[];
  version: number;
}

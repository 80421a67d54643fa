/**
 * 复查 (容错纠错, 尽职免责; plan measure (十七)): a reviewer's decision re-examined as a recorded case.
 * The shapes shared by the server (server/modules/reexamination) and the web pages — the kinds of
 * decision, the verdicts, inputs, queries and the presented case, in words beside the codes.
 */
import { z } from 'zod';
import { pageQuery } from './registry-schema.js';
import { labels } from './vocabulary.js';

/** The decisions a 复查 can look at again; each names the record that holds one decision. */
export const DECISION_KINDS = labels({
  registration: '单位注册审核',
  application_first_review: '奖补申报初审',
  application_second_review: '奖补申报复核',
  objection: '公示异议处理',
  change_request: '变更申请审核',
  credit_repair: '信用修复决定',
  pricing_objection: '定价公示异议答复',
});
export type DecisionKind = (typeof DECISION_KINDS.values)[number];

export const REEXAMINATION_STATUSES = labels({ open: '复查中', concluded: '已办结' });
export type ReexaminationStatus = (typeof REEXAMINATION_STATUSES.values)[number];

/**
 * The verdict on the decision-maker. The middle one is the error-tolerance case (容错): the decision
 * turned out wrong, but was made diligently under the rules then in force, so no fault is found.
 */
export const REEXAMINATION_VERDICTS = labels({
  diligent: '尽职：决定无误',
  erred_but_diligent: '决定有误但已尽职（容错免责）',
  not_diligent: '未尽职',
});
export type ReexaminationVerdict = (typeof REEXAMINATION_VERDICTS.values)[number];

/** Verdicts that find the decision wrong: a corrective measure (纠错措施) must be written. */
export const VERDICTS_NEEDING_CORRECTION: readonly ReexaminationVerdict[] = ['erred_but_diligent', 'not_diligent'];

const longText = (min: number, max: number, what: string) =>
  z.string().trim().min(min, { message: `请填写${what}（至少${min}个字）` }).max(max, { message: `${what}最多${max}个字` });

export const openReexaminationInput = z.strictObject({
  decisionKind: z.enum(DECISION_KINDS.values, { message: `复查的决定类型应为：${Object.values(DECISION_KINDS.table).join('、')}` }),
  decisionId: z.string().trim().min(1, { message: '请指明要复查的决定' }).max(64),
  grounds: longText(4, 2000, '复查理由'),
});
export type OpenReexaminationInput = z.infer<typeof openReexaminationInput>;

export const concludeReexaminationInput = z
  .strictObject({
    verdict: z.enum(REEXAMINATION_VERDICTS.values, { message: `复查结论应为：${Object.values(REEXAMINATION_VERDICTS.table).join('、')}` }),
    findings: longText(4, 4000, '查明情况'),
    correctiveMeasure: z.string().trim().max(2000, { message: '纠错措施最多2000个字' }).optional(),
    version: z.number().int().min(1),
  })
  .superRefine((v, ctx) => {
    if (VERDICTS_NEEDING_CORRECTION.includes(v.verdict) && !v.correctiveMeasure) {
      ctx.addIssue({ code: 'custom', path: ['correctiveMeasure'], message: '认定决定有误或未尽职的，须写明纠错措施' });
    }
  });
export type ConcludeReexaminationInput = z.infer<typeof concludeReexaminationInput>;

export const reexaminationQuery = pageQuery.extend({
  decisionKind: z.enum(DECISION_KINDS.values).optional(),
  status: z.enum(REEXAMINATION_STATUSES.values).optional(),
  verdict: z.enum(REEXAMINATION_VERDICTS.values).optional(),
});
export type ReexaminationQuery = z.infer<typeof reexaminationQuery>;

/** One evidence file as it stood when the case was opened: its content hash and its name. */
export interface SnapshotEvidence {
  hash: string;
  fileName: string;
}

/**
 * The decision frozen when the case is opened: who decided, when, the outcome and the reason in
 * words, what it was about, and the evidence files by content hash. Never changes afterwards.
 */
export interface DecisionSnapshot {
  kind: DecisionKind;
  kindLabel: string;
  /** What was decided: 「某公司」的单位注册申请 ZC20260601001. */
  subject: string;
  deciderName: string;
  decidedAt: string;
  outcome: string;
  reason: string | null;
  /** Further facts as label → words (the request, the objection's content, the policy in force). */
  facts: { label: string; value: string }[];
  evidence: SnapshotEvidence[];
}

export interface ReexaminationCase {
  id: string;
  number: string;
  decisionKind: DecisionKind;
  decisionKindLabel: string;
  decisionId: string;
  snapshot: DecisionSnapshot;
  /** SHA-256 of the snapshot as stored: the frozen record can be checked. */
  snapshotHash: string;
  /** Whether the reader may download the snapshot's evidence (they may read the decision's own files). */
  evidenceReadable: boolean;
  /** Whether the reader made the decision (and so may not conclude the case). */
  decidedByReader: boolean;
  requestedByName: string;
  requestedAt: string;
  grounds: string;
  status: ReexaminationStatus;
  statusLabel: string;
  verdict: ReexaminationVerdict | null;
  verdictLabel: string | null;
  findings: string | null;
  correctiveMeasure: string | null;
  concludedByName: string | null;
  concludedAt: string | null;
  version: number;
}

export interface ReexaminationPage {
  items: ReexaminationCase[];
  total: number;
}

/** 复查 on the web: hooks over `api()` (shapes from common/reexamination.ts), URLs, UI strings (zh-CN first, English second). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConcludeReexaminationInput, DecisionKind, OpenReexaminationInput, ReexaminationCase, ReexaminationPage } from '../../../../common/reexamination.js';
import { api, withQuery } from '../../api.js';
import { useI18n } from '../../i18n.js';

export type { ReexaminationCase } from '../../../../common/reexamination.js';

export interface ReexaminationFilters {
  decisionKind?: string | undefined;
  status?: string | undefined;
  verdict?: string | undefined;
}

const KEY = 'reexaminations';

export function useReexaminations(filters: ReexaminationFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [KEY, 'list', filters],
    queryFn: ({ signal }) => api<ReexaminationPage>('/api/reexaminations', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReexamination(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api<ReexaminationCase>(`/api/reexaminations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useOpenReexamination() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenReexaminationInput) => api<ReexaminationCase>('/api/reexaminations', { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [KEY] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useConcludeReexamination(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ConcludeReexaminationInput) => api<ReexaminationCase>(`/api/reexaminations/${encodeURIComponent(id)}/conclusion`, { method: 'POST', body }),
    onSuccess: (view) => {
      client.setQueryData([KEY, 'one', id], view);
      void client.invalidateQueries({ queryKey: [KEY, 'list'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export const reexaminationsXlsxUrl = (filters: ReexaminationFilters) => withQuery('/api/reexaminations.xlsx', { ...filters });
export const reexaminationEvidenceUrl = (id: string, hash: string) => `/api/reexaminations/${encodeURIComponent(id)}/evidence/${hash}`;
export type { DecisionKind };

const zh = {
  title: '决定复查',
  intro: '对审核人员作出的决定进行复查：冻结决定当时的情况与证明材料，查明是否依当时规定尽职履责；决定有误但已尽职的，予以容错免责，并采取纠错措施。',
  number: '复查编号',
  kind: '决定类型',
  decision: '复查的决定',
  outcome: '决定结果',
  decider: '决定人',
  decidedAt: '决定时间',
  reason: '决定理由',
  status: '状态',
  verdict: '复查结论',
  requestedBy: '发起人',
  requestedAt: '发起时间',
  grounds: '复查理由',
  findings: '查明情况',
  corrective: '纠错措施',
  concludedBy: '办结人',
  concludedAt: '办结时间',
  evidence: '证明材料（决定当时）',
  evidenceHash: '文件指纹',
  evidenceNotReadable: '您无权下载原决定的证明材料，仅列出文件名与指纹',
  noEvidence: '该决定没有证明材料',
  snapshot: '原决定（发起复查时冻结）',
  snapshotHash: '冻结记录指纹',
  export: '导出 Excel',
  none: '暂无复查案件',
  open: '发起复查',
  openTitle: '对该决定发起复查？',
  openBody: '将冻结「{subject}」的决定人、决定时间、结果、理由和证明材料，记录您的复查理由，由其他工作人员办结。发起后写入审计日志。',
  groundsPlaceholder: '复查理由（必填，如申请人来函、抽查、发现新情况）',
  groundsRequired: '请写明复查理由（至少4个字）',
  opened: '已发起复查',
  goToCase: '查看复查',
  conclude: '办结复查',
  concludeTitle: '办结这件复查？',
  concludeBody: '将记录复查结论「{verdict}」、查明情况{measure}。办结后不可撤销、不可修改；原决定本身不因办结而改变，纠错措施须另行落实。办结写入审计日志。',
  concludeMeasure: '和纠错措施',
  verdictPlaceholder: '选择复查结论',
  findingsPlaceholder: '查明情况（必填：依当时规定，决定人是否审慎履职）',
  correctivePlaceholder: '纠错措施（认定决定有误或未尽职的必填）',
  verdictRequired: '请选择复查结论',
  findingsRequired: '请写明查明情况（至少4个字）',
  correctiveRequired: '认定决定有误或未尽职的，须写明纠错措施',
  concluded: '复查已办结',
  ownDecision: '原决定由您作出，复查须由其他工作人员办结',
  readOnly: '第三方评估只读查看复查案件',
  confirm: '确认',
  cancel: '取消',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Decision re-examinations',
  intro: 'Reviewers’ decisions re-examined: the decision and its evidence are frozen as they stood; the case finds whether the reviewer acted diligently under the rules then in force. A wrong decision made diligently is tolerated (no fault), and corrected.',
  number: 'Case no.',
  kind: 'Decision',
  decision: 'Decision re-examined',
  outcome: 'Outcome',
  decider: 'Decided by',
  decidedAt: 'Decided at',
  reason: 'Reason given',
  status: 'State',
  verdict: 'Verdict',
  requestedBy: 'Opened by',
  requestedAt: 'Opened at',
  grounds: 'Grounds',
  findings: 'Findings',
  corrective: 'Corrective measure',
  concludedBy: 'Concluded by',
  concludedAt: 'Concluded at',
  evidence: 'Evidence (as decided)',
  evidenceHash: 'Fingerprint',
  evidenceNotReadable: 'You may not download the decision’s evidence; only names and fingerprints are shown',
  noEvidence: 'The decision had no evidence files',
  snapshot: 'The decision (frozen when the case was opened)',
  snapshotHash: 'Fingerprint of the frozen record',
  export: 'Export to Excel',
  none: 'No re-examinations',
  open: 'Re-examine',
  openTitle: 'Re-examine this decision?',
  openBody: 'Who decided “{subject}”, when, the outcome, the reason and the evidence are frozen now; your grounds are recorded and another member of staff concludes the case. This is audited.',
  groundsPlaceholder: 'Grounds (required: a complaint, a spot check, new facts)',
  groundsRequired: 'Give the grounds (at least 4 characters)',
  opened: 'Re-examination opened',
  goToCase: 'Open the case',
  conclude: 'Conclude',
  concludeTitle: 'Conclude this re-examination?',
  concludeBody: 'The verdict “{verdict}” and the findings{measure} are recorded. Concluding cannot be undone or edited; the decision itself does not change by it — the corrective measure is carried out separately. This is audited.',
  concludeMeasure: ' and the corrective measure',
  verdictPlaceholder: 'Choose the verdict',
  findingsPlaceholder: 'Findings (required: did the reviewer act diligently under the rules then in force?)',
  correctivePlaceholder: 'Corrective measure (required when the decision was wrong or not diligent)',
  verdictRequired: 'Choose the verdict',
  findingsRequired: 'Write the findings (at least 4 characters)',
  correctiveRequired: 'A wrong or non-diligent decision needs a corrective measure',
  concluded: 'Re-examination concluded',
  ownDecision: 'You made this decision; another member of staff concludes its re-examination',
  readOnly: 'Third-party evaluation reads the cases, read-only',
  confirm: 'Confirm',
  cancel: 'Cancel',
};

export function useReexaminationText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const r = (key: Key, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { r, lang, vocab };
}

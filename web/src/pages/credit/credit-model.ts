/** 信用记录 on the web: hooks over `api()` (shapes from common/credit.ts), URLs, UI strings (zh-CN first, English second). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreditRecordView } from '../../../../common/credit.js';
import type { EvidenceFile } from '../../../../common/contract-api.js';
import { api, uploadFile, withQuery } from '../../api.js';
import { useI18n } from '../../i18n.js';

export type { CreditRecordView } from '../../../../common/credit.js';

export interface CreditFilters {
  kind?: string | undefined;
  source?: string | undefined;
  state?: string | undefined;
  q?: string | undefined;
  organizationId?: string | undefined;
  personId?: string | undefined;
}

export function useCreditRecords(filters: CreditFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: ['credit-records', 'list', filters],
    queryFn: ({ signal }) => api<{ items: CreditRecordView[]; total: number }>('/api/credit-records', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreditRecord(id: string | undefined) {
  return useQuery({
    queryKey: ['credit-records', 'one', id],
    queryFn: ({ signal }) => api<CreditRecordView>(`/api/credit-records/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['credit-records'] });
    void client.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useEndCreditRecord() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; endedOn: string; reason: string; version: number }) =>
      api<CreditRecordView>(`/api/credit-records/${encodeURIComponent(id)}/end`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRequestRepair() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; explanation: string; evidence: { hash: string; fileName: string }[] }) =>
      api<CreditRecordView>(`/api/credit-records/${encodeURIComponent(id)}/repairs`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDecideRepair() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: 'approve' | 'reject'; reason?: string | undefined; version: number }) =>
      api<CreditRecordView>(`/api/credit-repairs/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useCreateCreditRecord() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CreditRecordView>('/api/credit-records', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useCommitmentBreach() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ applicationId, reason }: { applicationId: string; reason: string }) =>
      api<CreditRecordView>(`/api/applications/${encodeURIComponent(applicationId)}/commitment-breach`, { method: 'POST', body: { reason } }),
    onSuccess: refresh,
  });
}

export function useImportCredit() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => uploadFile('/api/credit-records/import', file, () => {}).done as Promise<{ total: number; created: number; unchanged: number }>,
    onSuccess: refresh,
  });
}

export function useUploadRepairEvidence() {
  return useMutation({ mutationFn: (file: File) => uploadFile('/api/credit-repairs/evidence', file, () => {}).done as Promise<EvidenceFile> });
}

export const creditXlsxUrl = (filters: CreditFilters) => withQuery('/api/credit-records.xlsx', { ...filters });
export const creditTemplateUrl = '/api/credit-records/template.xlsx';
export const repairEvidenceUrl = (repairId: string, hash: string) => `/api/credit-repairs/${encodeURIComponent(repairId)}/evidence/${hash}`;

const zh = {
  title: '信用记录',
  mine: '本单位信用记录',
  card: '信用记录',
  holder: '机构或人员',
  kind: '类型',
  source: '来源',
  document: '文号',
  period: '有效期',
  state: '状态',
  note: '备注',
  search: '按名称查找',
  export: '导出 Excel',
  import: '导入失信名单',
  template: '下载导入模板',
  imported: '已导入 {created} 条，{unchanged} 条已存在未变',
  importFailed: '导入未执行：以下各行有误，全部数据均未导入',
  line: '行',
  column: '列',
  reason: '问题',
  none: '暂无信用记录',
  noneOwn: '本单位暂无信用记录',
  openEnded: '起，未定截止日期',
  endedOn: '提前结束',
  application: '来源申报',
  createdBy: '登记人',
  end: '提前结束',
  endTitle: '提前结束这条信用记录？',
  endBody: '结束后，自所填日期起这条记录不再有效，此后的奖补结算不再因此排除“{holder}”。此操作会记入审计日志，不能撤销。',
  endReason: '结束理由（必填）',
  endDate: '结束日期',
  repairs: '信用修复申请',
  repair: '申请信用修复',
  repairTitle: '申请信用修复',
  repairHint: '说明已履行义务或纠正失信行为的情况，并上传证明材料（PDF、JPG 或 PNG）。科技局审核通过后，这条记录即提前结束。',
  explanation: '情况说明',
  evidence: '证明材料',
  upload: '上传证明材料',
  submit: '提交申请',
  submitted: '已提交，等待科技局审核',
  approve: '通过修复',
  reject: '驳回',
  approveTitle: '通过这份信用修复申请？',
  approveBody: '通过后，“{holder}”的这条{kind}记录今日起结束，此后的奖补结算不再因此排除；申请单位会收到通知。此操作不能撤销。',
  rejectTitle: '驳回这份信用修复申请？',
  rejectBody: '驳回后记录继续有效，申请单位会收到通知并看到驳回理由。',
  decisionReason: '审核意见（驳回必填，申请单位可见）',
  reasonRequired: '请写明理由',
  done: '已办理',
  submittedBy: '提交人',
  decidedBy: '审核人',
  confirm: '确定',
  cancel: '取消',
  create: '登记信用记录',
  createTitle: '登记信用记录',
  createBody: '登记后即记入审计日志；在有效期内，按政策该单位或个人不予奖补，单位会收到通知。',
  holderKind: '对象',
  organization: '机构',
  person: '人员',
  sourceName: '认定机关',
  validFrom: '起始日期',
  validTo: '截止日期（未定可不填）',
  breach: '记为违背信用承诺',
  breachTitle: '将虚假承诺记为信用记录？',
  breachBody: '将为“{holder}”登记一条“违背信用承诺”记录，自今日起有效，来源为本申报的审核；在有效期内，按政策该单位不予奖补，单位会收到通知并可申请信用修复。',
  breachReason: '发现的虚假承诺（如隐瞒关联关系、隐瞒已获资助），必填',
  breachDone: '已登记为违背信用承诺',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Credit records',
  mine: 'Our credit records',
  card: 'Credit records',
  holder: 'Organization or person',
  kind: 'Kind',
  source: 'Source',
  document: 'Document no.',
  period: 'In force',
  state: 'State',
  note: 'Note',
  search: 'Find by name',
  export: 'Export to Excel',
  import: 'Import a dishonesty list',
  template: 'Download the import template',
  imported: '{created} imported, {unchanged} already on record',
  importFailed: 'Nothing was imported: these rows are wrong',
  line: 'Row',
  column: 'Column',
  reason: 'Problem',
  none: 'No credit records',
  noneOwn: 'No credit records for our unit',
  openEnded: ' onwards, no end date',
  endedOn: 'Ended early',
  application: 'From application',
  createdBy: 'Recorded by',
  end: 'End early',
  endTitle: 'End this credit record early?',
  endBody: 'From the date given the record is no longer in force and later settlements no longer exclude {holder}. This is audited and cannot be undone.',
  endReason: 'Reason (required)',
  endDate: 'End date',
  repairs: 'Credit repair requests',
  repair: 'Ask for credit repair',
  repairTitle: 'Ask for credit repair',
  repairHint: 'Explain how the obligation was met or the conduct corrected, and upload evidence (PDF, JPG or PNG). Once the S&T bureau approves, the record ends early.',
  explanation: 'Explanation',
  evidence: 'Evidence',
  upload: 'Upload evidence',
  submit: 'Submit',
  submitted: 'Submitted; the S&T bureau will review it',
  approve: 'Approve repair',
  reject: 'Reject',
  approveTitle: 'Approve this credit repair?',
  approveBody: "{holder}'s {kind} record ends today and later settlements no longer exclude it; the unit is notified. This cannot be undone.",
  rejectTitle: 'Reject this credit repair?',
  rejectBody: 'The record stays in force; the unit is notified and reads the reason.',
  decisionReason: 'Comment (required to reject; the unit reads it)',
  reasonRequired: 'Give the reason',
  done: 'Done',
  submittedBy: 'Submitted by',
  decidedBy: 'Reviewed by',
  confirm: 'Confirm',
  cancel: 'Cancel',
  create: 'Record a credit entry',
  createTitle: 'Record a credit entry',
  createBody: 'The entry is audited; while in force, the policy keeps the unit or person from awards, and the unit is notified.',
  holderKind: 'About',
  organization: 'Organization',
  person: 'Person',
  sourceName: 'Issued by',
  validFrom: 'From',
  validTo: 'To (leave empty if open-ended)',
  breach: 'Record a breach of commitment',
  breachTitle: 'Record the false declaration as a credit entry?',
  breachBody: 'A “breach of credit commitment” entry is recorded on {holder} from today, citing this application’s review; while in force the policy keeps it from awards. The unit is notified and may ask for credit repair.',
  breachReason: 'The false declaration found (a hidden related party, concealed funding); required',
  breachDone: 'Recorded as a breach of commitment',
};

export function useCreditText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const c = (key: Key, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { c, lang, vocab };
}

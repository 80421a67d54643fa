/**
 * Supervision (督办) on the web: the React Query hooks over `api()` (the shapes are
 * common/supervision-api.ts) and the UI strings (Chinese first, English second). Keys start with
 * the resource name so a write can invalidate its family (web/src/queries.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Board, LoadResult, PlanDetail, PlanSummary, PlanUnit, ReportDetail } from '../../../../common/supervision-api.js';
import type { SupervisionDecision } from '../../../../common/supervision-vocabulary.js';
import { api, uploadFile } from '../../api.js';
import { useI18n } from '../../i18n.js';

/** The API's shapes, for the pages that import them from here. */
export type { Board, ReportDetail } from '../../../../common/supervision-api.js';

// ——— reads ———

export function usePlans() {
  return useQuery({ queryKey: ['supervision', 'plans'], queryFn: () => api<PlanSummary[]>('/api/supervision/plans') });
}

export function usePlan(id: string | undefined) {
  return useQuery({ queryKey: ['supervision', 'plan', id], queryFn: () => api<PlanDetail>(`/api/supervision/plans/${encodeURIComponent(id!)}`), enabled: !!id });
}

export function useBoard(planId: string | undefined, query: { year?: number }) {
  return useQuery({
    queryKey: ['supervision', 'board', planId, query],
    queryFn: () => api<Board>(`/api/supervision/plans/${encodeURIComponent(planId!)}/board`, { query: { year: query.year } }),
    enabled: !!planId,
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({ queryKey: ['supervision', 'report', id], queryFn: () => api<ReportDetail>(`/api/supervision/reports/${encodeURIComponent(id!)}`), enabled: !!id });
}

// ——— writes: each refreshes the supervision family, the notifications and the audit trail ———

function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of ['supervision', 'notifications', 'audit']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

export const useCreateReport = () =>
  useWrite((body: { measureId: string; unitId: string; period: string }) => api<ReportDetail>('/api/supervision/reports', { method: 'POST', body }));
export const useUpdateReport = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> }) => api<ReportDetail>(`/api/supervision/reports/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
export const useSubmitReport = () =>
  useWrite(({ id, version }: { id: string; version: number }) => api<ReportDetail>(`/api/supervision/reports/${encodeURIComponent(id)}/submit`, { method: 'POST', body: { version } }));
export const useReviewReport = () =>
  useWrite(({ id, body }: { id: string; body: { version: number; decision: SupervisionDecision; comment?: string } }) =>
    api<ReportDetail>(`/api/supervision/reports/${encodeURIComponent(id)}/review`, { method: 'POST', body }),
  );
export const useUploadPlan = () => useWrite((file: File) => uploadFile('/api/supervision/plans', file, () => {}).done as Promise<LoadResult>);
export const useCommentReport = () =>
  useWrite(({ id, comment }: { id: string; comment: string }) => api<ReportDetail>(`/api/supervision/reports/${encodeURIComponent(id)}/comments`, { method: 'POST', body: { comment } }));
export const useLinkUnit = () =>
  useWrite(({ unitId, organizationId }: { unitId: string; organizationId: string | null }) =>
    api<PlanUnit>(`/api/supervision/units/${encodeURIComponent(unitId)}/organization`, { method: 'PUT', body: { organizationId } }),
  );
export const useUploadAttachment = () =>
  useMutation({ mutationFn: (file: File) => uploadFile('/api/supervision/attachments', file, () => {}).done as Promise<{ hash: string; size: number; mime: string }> });

export const boardXlsxUrl = (planId: string, year?: number) => `/api/supervision/plans/${encodeURIComponent(planId)}/board.xlsx${year ? `?year=${year}` : ''}`;
export const attachmentUrl = (reportId: string, hash: string) => `/api/supervision/reports/${encodeURIComponent(reportId)}/attachments/${hash}`;

// ——— UI strings ———

const zh = {
  board: '督办看板',
  tasks: '我的任务',
  plan: '实施方案',
  year: '年度',
  allYears: '全部年度',
  measure: '措施',
  unit: '责任单位',
  lead: '牵头',
  asOf: '截至',
  uploadPlan: '载入方案文件',
  planLoaded: '方案已载入：措施 {measures} 项，责任单位 {units} 个',
  noPlan: '尚未载入督办方案',
  period: '报告期',
  dueOn: '报送截止',
  status: '状态',
  actions: '操作',
  fill: '填报',
  edit: '编辑',
  view: '查看',
  report: '进度填报',
  reportOf: '进度报告：措施（{number}）{heading} · {period}',
  measureText: '措施内容',
  progress: '进展情况',
  progressPlaceholder: '本期工作进展、成效、存在问题和下一步打算',
  figures: '数据（指标名称与数值）',
  figureName: '指标名称',
  figureValue: '数值',
  addFigure: '添加指标',
  attachments: '附件',
  upload: '上传附件',
  save: '保存',
  submit: '提交',
  resubmit: '重新提交',
  saved: '已保存',
  submitted: '已提交',
  returnedBecause: '退回意见',
  accept: '采纳',
  return: '退回',
  comment: '意见',
  commentRequired: '退回须写明意见',
  confirm: '确定',
  history: '办理记录',
  none: '暂无',
  showAll: '显示全部（含已采纳、未到期）',
  reviewedBy: '审核人',
  overdueFlag: '已逾期',
  unlinked: '未关联机构库：{names}',
  addComment: '提出意见',
  commentPlaceholder: '对本报告的意见（不改变报告状态）',
  planDetail: '方案措施与责任单位',
  heading: '措施',
  units: '责任单位',
  linkedTo: '关联机构',
  notLinked: '未关联',
  link: '关联',
  unlink: '取消关联',
  periodKind: '报送周期',
  dueDays: '报送期限（期末后天数）',
  download: '下载 XLSX',
  span: '实施期限',
};
export type SupervisionMessageKey = keyof typeof zh;

const en: Record<SupervisionMessageKey, string> = {
  board: 'Supervision board',
  tasks: 'My tasks',
  plan: 'Plan',
  year: 'Year',
  allYears: 'All years',
  measure: 'Measure',
  unit: 'Responsible unit',
  lead: 'Lead',
  asOf: 'As of',
  uploadPlan: 'Load a plan file',
  planLoaded: 'Plan loaded: {measures} measures, {units} units',
  noPlan: 'No supervision plan loaded yet',
  period: 'Period',
  dueOn: 'Due',
  status: 'Status',
  actions: 'Actions',
  fill: 'Report',
  edit: 'Edit',
  view: 'View',
  report: 'Progress report',
  reportOf: 'Progress report: measure ({number}) {heading} · {period}',
  measureText: 'The measure',
  progress: 'Progress',
  progressPlaceholder: 'Work done this period, results, problems and next steps',
  figures: 'Figures (name and value)',
  figureName: 'Name',
  figureValue: 'Value',
  addFigure: 'Add a figure',
  attachments: 'Attachments',
  upload: 'Upload',
  save: 'Save',
  submit: 'Submit',
  resubmit: 'Resubmit',
  saved: 'Saved',
  submitted: 'Submitted',
  returnedBecause: 'Returned because',
  accept: 'Accept',
  return: 'Return',
  comment: 'Comment',
  commentRequired: 'A return needs a comment',
  confirm: 'Confirm',
  history: 'History',
  none: 'None',
  showAll: 'Show all (incl. accepted and not yet due)',
  reviewedBy: 'Reviewed by',
  overdueFlag: 'Overdue',
  unlinked: 'Not linked to the registry: {names}',
  addComment: 'Comment',
  commentPlaceholder: 'A comment on this report (its status stays)',
  planDetail: 'Measures and responsible units',
  heading: 'Measure',
  units: 'Responsible units',
  linkedTo: 'Registry organization',
  notLinked: 'Not linked',
  link: 'Link',
  unlink: 'Unlink',
  periodKind: 'Reporting period',
  dueDays: 'Due (days after the period)',
  download: 'Download XLSX',
  span: 'Plan runs',
};

export function useSupervisionText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: SupervisionMessageKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { m, lang, vocab };
}

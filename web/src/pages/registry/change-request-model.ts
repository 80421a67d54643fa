/** 变更申请 on the web: hooks over `api()` (shapes from common/change-request.ts), URLs, UI strings. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeRequest, ChangeRequestInput, ChangeRequestPage } from '../../../../common/change-request.js';
import type { EvidenceFile } from '../../../../common/contract-api.js';
import { api, uploadFile, withQuery } from '../../api.js';
import { useI18n } from '../../i18n.js';

export type { ChangeRequest, ChangeRequestGroup } from '../../../../common/change-request.js';

export interface ChangeRequestFilters {
  status?: string;
  group?: string;
  organizationId?: string;
  page: number;
  pageSize: number;
}

export function useChangeRequests(filters: ChangeRequestFilters, enabled = true) {
  return useQuery({
    queryKey: ['change-requests', 'list', filters],
    queryFn: ({ signal }) => api<ChangeRequestPage>('/api/change-requests', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useChangeRequest(id: string | undefined) {
  return useQuery({
    queryKey: ['change-requests', 'one', id],
    queryFn: ({ signal }) => api<ChangeRequest>(`/api/change-requests/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

/** After a request is filed, decided or withdrawn: the requests, the organization (an approval changes it) and its audit trail. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['change-requests'] });
    void client.invalidateQueries({ queryKey: ['organizations'] });
    void client.invalidateQueries({ queryKey: ['platforms'] });
    void client.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useSubmitChangeRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChangeRequestInput) => api<ChangeRequest>('/api/change-requests', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useDecideChangeRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; decision: 'approve' | 'reject'; reason?: string }) =>
      api<ChangeRequest>(`/api/change-requests/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useWithdrawChangeRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<ChangeRequest>(`/api/change-requests/${encodeURIComponent(id)}/withdraw`, { method: 'POST', body: { version } }),
    onSuccess: refresh,
  });
}

/** Uploads one evidence file (PDF/JPG/PNG); answers its SHA-256, which the request then names. */
export function useUploadChangeEvidence() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadFile('/api/change-requests/evidence', file, onProgress).done as Promise<EvidenceFile>,
  });
}

export const changeEvidenceUrl = (requestId: string, hash: string) => `/api/change-requests/${encodeURIComponent(requestId)}/evidence/${hash}`;
export const changeRequestsXlsxUrl = (filters: { status?: string; group?: string; organizationId?: string }) => withQuery('/api/change-requests.xlsx', filters);

const zh = {
  queue: '变更申请审核',
  mine: '本单位的变更申请',
  organization: '机构',
  group: '变更事项',
  status: '状态',
  summary: '申请内容',
  submittedBy: '提交人',
  submittedAt: '提交时间',
  decidedBy: '审核人',
  decidedAt: '审核时间',
  decisionReason: '审核意见',
  explanation: '变更说明',
  evidence: '证明材料',
  field: '事项',
  current: '现登记信息',
  requested: '申请变更为',
  export: '导出 Excel',
  approve: '通过',
  reject: '驳回',
  withdraw: '撤回',
  approveTitle: '通过这份变更申请？',
  approveBody: '通过后，“{org}”的登记信息立即按申请内容修改（{summary}），此后的奖补计算、目标监测和报表都将按新信息统计；申请人会收到通知。此操作不能撤销。',
  approveReason: '审核意见（选填）',
  rejectTitle: '驳回这份变更申请？',
  rejectBody: '驳回后“{org}”的登记信息不作任何修改，申请人会收到通知并看到驳回理由。',
  rejectReason: '驳回理由（必填，申请人可见）',
  rejectReasonRequired: '请写明驳回理由（至少2个字）',
  withdrawConfirm: '撤回后这份申请不再审核，登记信息不变；如需变更可重新提交。确定撤回？',
  approved: '已通过，登记信息已更新',
  rejected: '已驳回',
  withdrawn: '已撤回',
  pendingBanner: '有待审核的变更申请',
  pendingBannerHint: '科技局审核通过前，下列变更不生效，奖补计算、目标监测和报表仍按现登记信息。',
  history: '变更申请记录',
  request: '申请变更',
  requestGroup: {
    organization: '变更登记信息（名称、类型、行政区划、备案、法定代表人等）',
    qualification: '新增资质（高新技术企业、科技型中小企业等）',
    equity: '变更股权结构',
    platform: '新增平台或认定（示范机构、研发平台等）',
  },
  submit: '提交申请',
  submitted: '已提交，等待科技局审核',
  submitConfirm: '提交后由科技局审核，审核通过前登记信息不变。',
  evidenceHint: '上传营业执照、证书、认定文件等（PDF、JPG 或 PNG，每份不超过20MB）',
  evidenceRequired: '请上传至少一份证明材料',
  upload: '上传文件',
  uploading: '上传中…',
  changesRequired: '请至少修改一项',
  noRequests: '暂无变更申请',
};
type Key = keyof typeof zh;
type Dict = { [K in Key]: (typeof zh)[K] extends string ? string : Record<keyof (typeof zh)['requestGroup'], string> };

const en: Dict = {
  queue: 'Change request review',
  mine: 'Our change requests',
  organization: 'Organization',
  group: 'Change of',
  status: 'Status',
  summary: 'Requested',
  submittedBy: 'Submitted by',
  submittedAt: 'Submitted at',
  decidedBy: 'Reviewed by',
  decidedAt: 'Reviewed at',
  decisionReason: 'Review comment',
  explanation: 'Explanation',
  evidence: 'Evidence',
  field: 'Item',
  current: 'Registered now',
  requested: 'Requested',
  export: 'Export to Excel',
  approve: 'Approve',
  reject: 'Reject',
  withdraw: 'Withdraw',
  approveTitle: 'Approve this change request?',
  approveBody: "Approving changes {org}'s registered facts now ({summary}); subsidies, indicators and reports count the new facts from then on, and the applicant is notified. This cannot be undone.",
  approveReason: 'Review comment (optional)',
  rejectTitle: 'Reject this change request?',
  rejectBody: "Rejecting leaves {org}'s registered facts unchanged; the applicant is notified and reads the reason.",
  rejectReason: 'Reason for rejection (required, the applicant reads it)',
  rejectReasonRequired: 'Give the reason for rejection (2 characters or more)',
  withdrawConfirm: 'The request will not be reviewed and nothing changes; you may submit a new one. Withdraw?',
  approved: 'Approved: the registry is updated',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  pendingBanner: 'Change requests pending review',
  pendingBannerHint: 'Until the S&T bureau approves them these changes do not apply; subsidies, indicators and reports use the registered facts.',
  history: 'Change requests',
  request: 'Request a change',
  requestGroup: {
    organization: 'Registered facts (name, kind, division, filing, legal representative…)',
    qualification: 'A new qualification (high-tech enterprise, tech SME…)',
    equity: 'Equity structure',
    platform: 'A new platform or recognition',
  },
  submit: 'Submit',
  submitted: 'Submitted; the S&T bureau will review it',
  submitConfirm: 'The S&T bureau reviews it; the registry does not change until it is approved.',
  evidenceHint: 'Upload the business licence, certificate or recognition document (PDF, JPG or PNG, up to 20 MB each)',
  evidenceRequired: 'Upload at least one evidence file',
  upload: 'Upload',
  uploading: 'Uploading…',
  changesRequired: 'Change at least one field',
  noRequests: 'No change requests',
};

export function useChangeText() {
  const { lang, vocab } = useI18n();
  const dict = (lang === 'en' ? en : zh) as Dict;
  const c = (key: Exclude<Key, 'requestGroup'>, vars?: Record<string, string | number>) => {
    const text = dict[key] as string;
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  const groupAction = (group: keyof (typeof zh)['requestGroup']) => (dict.requestGroup as Record<string, string>)[group]!;
  return { c, groupAction, lang, vocab };
}

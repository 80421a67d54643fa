/**
 * The application workflow on the web: its React Query hooks over `api()` (the shapes are
 * common/application-api.ts) and its UI strings (Chinese first, English second). Kept beside the
 * pages so the module lands as one folder; the hooks follow web/src/queries.ts (keys start with the
 * resource name).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Application, ApplicationDetail, Notice, Objection, PublicNoticeSummary, PublicNoticeView } from '../../../../common/application-api.js';
import type { ApplicationStatus, NoticeStatus, ReviewDecision } from '../../../../common/application-vocabulary.js';
import { api, uploadFile } from '../../api.js';
import { useI18n } from '../../i18n.js';

/** The API's shapes, for the pages that import them from here. */
export type { ApplicationDetail, Notice } from '../../../../common/application-api.js';

interface PageOf<T> {
  items: T[];
  total: number;
}

// ——— reads ———

export function useNotices(query: { open?: boolean; status?: NoticeStatus } = {}) {
  return useQuery({
    queryKey: ['notices', query],
    queryFn: () => api<PageOf<Notice>>('/api/notices', { query: { open: query.open ? 'true' : undefined, status: query.status, pageSize: 100 } }),
    placeholderData: keepPreviousData,
  });
}

export function useNotice(id: string) {
  return useQuery({ queryKey: ['notices', id], queryFn: () => api<Notice>(`/api/notices/${encodeURIComponent(id)}`) });
}

export function useApplications(query: { noticeId?: string; status?: ApplicationStatus }, enabled = true) {
  return useQuery({
    queryKey: ['applications', query],
    queryFn: () => api<PageOf<Application>>('/api/applications', { query: { ...query, pageSize: 100 } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: ['applications', id], queryFn: () => api<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`) });
}

export function useObjections(noticeId: string, enabled: boolean) {
  return useQuery({ queryKey: ['objections', noticeId], queryFn: () => api<Objection[]>(`/api/notices/${encodeURIComponent(noticeId)}/objections`), enabled });
}

export function usePublicNotice(id: string) {
  return useQuery({ queryKey: ['public-notice', id], queryFn: () => api<PublicNoticeView>(`/api/public/notices/${encodeURIComponent(id)}`) });
}

export function usePublicNotices() {
  return useQuery({
    queryKey: ['public-notice', 'list'],
    queryFn: () => api<PublicNoticeSummary[]>('/api/public/notices'),
  });
}

// ——— writes: each refreshes the workflow's families ———

function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of ['notices', 'applications', 'objections', 'public-notice', 'audit']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

export const useCreateNotice = () => useWrite((body: Record<string, unknown>) => api<Notice>('/api/notices', { method: 'POST', body }));
export const useNoticeStep = () =>
  useWrite(({ id, step, body }: { id: string; step: 'compute' | 'publicize' | 'approve'; body: Record<string, unknown> }) =>
    api<Notice>(`/api/notices/${encodeURIComponent(id)}/${step}`, { method: 'POST', body }),
  );
export const useCreateApplication = () => useWrite((body: Record<string, unknown>) => api<ApplicationDetail>('/api/applications', { method: 'POST', body }));
export const useUpdateApplication = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> }) => api<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
export const useSubmitApplication = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> }) => api<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}/submit`, { method: 'POST', body }));
export const useReview = () =>
  useWrite(({ id, stage, body }: { id: string; stage: 'first' | 'second'; body: { version: number; decision: ReviewDecision; reason?: string } }) =>
    api<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}/${stage}-review`, { method: 'POST', body }),
  );
export const useRecordPayment = () =>
  useWrite(({ id, body }: { id: string; body: { version: number; paidOn: string; bankReference: string } }) =>
    api<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}/payment`, { method: 'POST', body }),
  );
export const useResolveObjection = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> }) => api<Objection>(`/api/objections/${encodeURIComponent(id)}/resolve`, { method: 'POST', body }));
export const usePublicObjection = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> }) => api<Objection>(`/api/public/notices/${encodeURIComponent(id)}/objections`, { method: 'POST', body }));
export const useUploadEvidenceFile = () =>
  useMutation({ mutationFn: (file: File) => uploadFile('/api/evidence', file, () => {}).done as Promise<{ hash: string; size: number; mime: string }> });

export const downloads = {
  paymentList: (noticeId: string, format: 'pdf' | 'xlsx') => `/api/notices/${encodeURIComponent(noticeId)}/payment-list?format=${format}`,
  publicList: (noticeId: string, format: 'pdf' | 'xlsx') => `/api/public/notices/${encodeURIComponent(noticeId)}/list?format=${format}`,
  awardNotice: (applicationId: string) => `/api/applications/${encodeURIComponent(applicationId)}/award-notice`,
  evidence: (applicationId: string, hash: string) => `/api/applications/${encodeURIComponent(applicationId)}/evidence/${hash}`,
};

/** Whole yuan with thousands separators (amounts here are whole yuan). */
export function yuan(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${new Intl.NumberFormat('zh-CN').format(n)} 元`;
}

/** Fen as yuan text, exact. */
export function fenYuan(fen: number): string {
  return `${new Intl.NumberFormat('zh-CN').format(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, '0')} 元`;
}

// ——— UI strings ———

const zh = {
  notices: '申报通知',
  applications: '奖补申报',
  myApplications: '我的申报',
  openNotices: '正在申报的通知',
  queue: '审核队列',
  apply: '申报',
  newNotice: '发布申报通知',
  title: '通知标题',
  policy: '政策',
  year: '申报年度',
  window: '申报期',
  opensOn: '申报开始日期',
  closesOn: '申报截止日期',
  rules: '奖补规则',
  budget: '预算（元）',
  demoAmount: '新认定省级示范机构一次性补助（元）',
  demoAmountHelp: '区财政视财力情况每年确定；仅在选择该奖补规则时使用',
  overrides: '本批次参数',
  noticeDays: '公示工作日数',
  noticeCalendarIncomplete: '{years} 年的法定节假日安排尚未载入，公示期只扣除了周末，实际截止日可能更晚',
  noticeRecounted: '按现已载入的节假日安排，公示应至 {date}',
  issuer: '发布单位',
  contact: '异议受理联系方式',
  status: '状态',
  number: '申报编号',
  beneficiary: '申报主体',
  organization: '申报单位',
  award: '奖补金额',
  contracts: '申报合同（本单位已登记的技术合同）',
  registrationNumber: '登记编号',
  amount: '成交额',
  parties: '卖方 / 买方',
  payments: '到账记录',
  evidence: '证明文件',
  evidenceLabel: '文件名称',
  upload: '上传文件',
  related: '关联方申报',
  relatedName: '关联方名称',
  relation: '关联关系',
  relatedNote: '关联关系说明',
  funding: '已获其他财政资金支持',
  fundingProgramme: '项目（计划）名称',
  fundingLevel: '级别',
  fundingAmount: '金额（元）',
  fundingNote: '其他财政资金说明',
  contactName: '联系人',
  contactPhone: '联系电话',
  payeeBank: '收款开户银行',
  payeeAccount: '收款银行账号',
  commitment: '承诺书',
  commitmentAccept: '我已阅读并同意上述承诺',
  signer: '承诺人',
  signedBy: '承诺人 {signer}，签署于 {at}',
  save: '保存',
  submit: '签署承诺并提交',
  firstReview: '初审',
  secondReview: '复核',
  decision: '审核意见',
  reason: '理由',
  pass: '通过',
  return: '退回补正',
  reject: '不予支持',
  confirm: '确定',
  returnReason: '退回补正理由',
  rejectionReason: '不予支持理由',
  reviews: '审核记录',
  compute: '截止申报并核定奖补',
  computeConfirm: '截止后本通知不再接受新的申报，系统将按政策为已提交的 {count} 份申报核定奖补金额。此操作不能撤销，确定截止申报吗？',
  publicizeConfirm: '核定结果将在公示栏向社会公开 {days} 个工作日，公示期间任何人可提出异议。发布后不能撤回，确定发布公示吗？',
  approveConfirm: '审定后名单即为拨付依据，核定结果不能再修改。确定以财政部门名义审定名单吗？',
  publicize: '发布公示',
  approve: '财政审定名单',
  recordPayment: '登记拨付',
  paidOn: '拨付日期',
  bankReference: '银行流水号',
  paid: '已拨付',
  paymentList: '拨付清单',
  publicList: '公示名单',
  awardNotice: '奖补通知书',
  explanation: '核定说明',
  objections: '公示异议',
  objectionContent: '异议内容',
  submitter: '提出人',
  resolve: '处理',
  upheldRemove: '成立：取消该申报',
  dismissed: '不成立',
  resolution: '处理意见',
  publicNotice: '拟奖补名单公示',
  period: '公示期：{start} 至 {end}（{days}个工作日）',
  total: '合计',
  words: '大写',
  creditCode: '统一社会信用代码',
  objectionName: '姓名或单位',
  objectionContact: '联系电话或邮箱',
  sendObjection: '提出异议',
  objectionThanks: '异议已收到，我们将依规核查处理。',
  none: '暂无',
  viewPublic: '查看公示页面',
  all: '全部',
  download: '下载',
  amountsByRule: '按规则',
  consequence_first_pass: '初审通过后，申报转入复核，申报单位不能再修改。',
  consequence_second_pass: '复核通过后，申报等待核定奖补，不能再退回修改。',
  consequence_return: '退回后，申报单位可修改后重新提交。',
  consequence_reject: '不予支持后，本申报即告结束，不能恢复。',
  baseYearHint: '只计基准年度（{year} 年）内有转账凭证和发票的到账额；未登记的合同、基准年度没有到账的合同不计入。勾选要申报的合同。',
  prospective: '预计 {amount}（按今天的登记和到账情况测算，以核定为准）',
};
export type AppMessageKey = keyof typeof zh;

const en: Record<AppMessageKey, string> = {
  notices: 'Application notices',
  applications: 'Subsidy applications',
  myApplications: 'My applications',
  openNotices: 'Notices open now',
  queue: 'Review queue',
  apply: 'Apply',
  newNotice: 'Publish a notice',
  title: 'Title',
  policy: 'Policy',
  year: 'Application year',
  window: 'Window',
  opensOn: 'Opens on',
  closesOn: 'Closes on',
  rules: 'Rules',
  budget: 'Budget (yuan)',
  demoAmount: 'One-off amount for a new provincial demonstration institution (yuan)',
  demoAmountHelp: 'Set each year by finance; used only when that rule is selected',
  overrides: 'Parameters of this round',
  noticeDays: 'Public notice (working days)',
  noticeCalendarIncomplete: 'The statutory holidays of {years} are not loaded yet: the notice period skipped only weekends and may really end later',
  noticeRecounted: 'With the holidays loaded since, the notice period ends on {date}',
  issuer: 'Issuer',
  contact: 'Objection contact',
  status: 'Status',
  number: 'Number',
  beneficiary: 'Beneficiary',
  organization: 'Applicant',
  award: 'Award',
  contracts: 'Claimed contracts (your registered contracts)',
  registrationNumber: 'Registration no.',
  amount: 'Amount',
  parties: 'Sellers / buyers',
  payments: 'Payments',
  evidence: 'Evidence',
  evidenceLabel: 'Document',
  upload: 'Upload',
  related: 'Related parties',
  relatedName: 'Related party',
  relation: 'Relation',
  relatedNote: 'Note on related parties',
  funding: 'Other public funding received',
  fundingProgramme: 'Programme',
  fundingLevel: 'Level',
  fundingAmount: 'Amount (yuan)',
  fundingNote: 'Note on other funding',
  contactName: 'Contact person',
  contactPhone: 'Telephone',
  payeeBank: 'Payee bank',
  payeeAccount: 'Payee account',
  commitment: 'Commitment',
  commitmentAccept: 'I have read and accept the commitment',
  signer: 'Signed by',
  signedBy: 'Signed by {signer} at {at}',
  save: 'Save',
  submit: 'Sign and submit',
  firstReview: 'First review',
  secondReview: 'Second review',
  decision: 'Decision',
  reason: 'Reason',
  pass: 'Pass',
  return: 'Return for correction',
  reject: 'Reject',
  confirm: 'Confirm',
  returnReason: 'Returned because',
  rejectionReason: 'Rejected because',
  reviews: 'History',
  compute: 'Close the round and compute awards',
  computeConfirm: 'Once closed, the notice accepts no new applications and the awards of the {count} submitted applications are computed under the policy. This cannot be undone. Close the round?',
  publicizeConfirm: 'The computed awards will be shown publicly for {days} working days, during which anyone may object. It cannot be withdrawn. Publish?',
  approveConfirm: 'Once approved, the list is the basis for payment and the awards can no longer change. Approve the list on behalf of finance?',
  publicize: 'Publish the public notice',
  approve: 'Approve the list (finance)',
  recordPayment: 'Record payment',
  paidOn: 'Paid on',
  bankReference: 'Bank reference',
  paid: 'Paid',
  paymentList: 'Payment list',
  publicList: 'Public notice list',
  awardNotice: 'Award notice',
  explanation: 'How the award was computed',
  objections: 'Objections',
  objectionContent: 'Objection',
  submitter: 'By',
  resolve: 'Resolve',
  upheldRemove: 'Upheld: remove the application',
  dismissed: 'Dismissed',
  resolution: 'Resolution',
  publicNotice: 'Proposed awards — public notice',
  period: 'Notice period: {start} to {end} ({days} working days)',
  total: 'Total',
  words: 'In words',
  creditCode: 'Credit code',
  objectionName: 'Name or organization',
  objectionContact: 'Phone or e-mail',
  sendObjection: 'Object',
  objectionThanks: 'Your objection has been received.',
  none: 'None',
  viewPublic: 'View public page',
  all: 'All',
  download: 'Download',
  amountsByRule: 'By rule',
  consequence_first_pass: 'Once passed, the application goes to the second review; the applicant can no longer edit it.',
  consequence_second_pass: 'Once passed, the application waits for the award to be computed and cannot be returned.',
  consequence_return: 'Returned, the applicant may correct it and submit it again.',
  consequence_reject: 'Rejected, the application ends here and cannot be reopened.',
  baseYearHint: 'Only payments received in the base year ({year}) with voucher and invoice count; unregistered contracts and those without base-year payments do not. Tick the contracts to claim.',
  prospective: 'About {amount} (estimated from today\'s registrations and payments; the computed award is final)',
};

export function useAppText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: AppMessageKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { m, lang, vocab };
}

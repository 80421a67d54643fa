/** 成果定价公示 on the web: its words (zh-CN first, English second) and React Query hooks over server/modules/pricing. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractPricing, PricingObjection, PricingPublicity } from '../../../../common/pricing-api.js';
import { api, uploadFile } from '../../api.js';
import { useI18n } from '../../i18n.js';

const zh = {
  title: '成果定价公示',
  required: '本合同为高校、科研院所的技术转让（许可）合同：提交登记前，须将成果定价在门户公示，公示期满且异议均已答复后方可提交。',
  publish: '发布定价公示',
  method: '定价方式',
  price: '成交价格',
  valuation: '资产评估报告',
  valuationHint: '如有评估报告请上传（PDF、JPEG、PNG 或 OFD，不超过 20 MB）',
  upload: '上传文件',
  uploaded: '已上传',
  decisionBody: '决策机构',
  decisionBodyPlaceholder: '如：校长办公会、所务会',
  decidedOn: '决策日期',
  periodDays: '公示期（工作日）',
  startsOn: '公示开始日期',
  period: '公示期',
  periodText: '{start} 至 {end}（{days} 个工作日）',
  outcome: '公示结果',
  objections: '异议',
  noObjections: '暂无异议',
  submitter: '异议人',
  contact: '联系方式',
  content: '异议内容',
  answer: '答复',
  answerAction: '答复异议',
  answered: '已答复',
  awaiting: '待答复',
  withdraw: '撤回公示',
  withdrawReason: '撤回理由',
  withdrawConfirm: '撤回后本次公示将从门户撤下，如需继续须重新发布并重新计算公示期。',
  published: '定价公示已发布',
  answerSaved: '答复已保存',
  withdrawn: '公示已撤回',
  publicLink: '在门户查看',
  confirmPublish: '发布后将在门户公开定价方式、价格、评估报告和决策信息，公示期内任何人可提出异议。确定发布？',
  listTitle: '成果定价公示',
  exportList: '导出 Excel',
  listIntro: '高校、科研院所转让、许可科技成果的定价结果在此公示。公示期内，对定价有异议的可实名提出，单位将予以答复。',
  contract: '合同名称',
  institution: '转让方（许可方）',
  buyers: '受让方（被许可方）',
  contractType: '合同类别',
  download: '下载评估报告',
  none: '未提供',
  sendObjection: '提出异议',
  objectionName: '姓名或单位名称',
  objectionContact: '联系电话或邮箱',
  objectionContent: '异议内容（请写明理由）',
  objectionThanks: '异议已收到，单位将在公示期满前后予以答复。',
  answers: '异议及答复',
  empty: '暂无成果定价公示',
  notFound: '该成果定价公示不存在或已撤回',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Pricing publicity',
  required: 'This is a university’s or institute’s transfer (licence): before submitting it for registration, its price decision must be publicized on the portal; it may be submitted once the period has ended and every objection is answered.',
  publish: 'Publicize the price',
  method: 'Pricing method',
  price: 'Price',
  valuation: 'Valuation report',
  valuationHint: 'Upload the valuation report if there is one (PDF, JPEG, PNG or OFD, up to 20 MB)',
  upload: 'Upload',
  uploaded: 'Uploaded',
  decisionBody: 'Decided by',
  decisionBodyPlaceholder: 'e.g. the president’s office meeting',
  decidedOn: 'Decided on',
  periodDays: 'Period (working days)',
  startsOn: 'Starts on',
  period: 'Period',
  periodText: '{start} to {end} ({days} working days)',
  outcome: 'Outcome',
  objections: 'Objections',
  noObjections: 'No objections',
  submitter: 'Objector',
  contact: 'Contact',
  content: 'Objection',
  answer: 'Answer',
  answerAction: 'Answer',
  answered: 'Answered',
  awaiting: 'Awaiting answer',
  withdraw: 'Withdraw',
  withdrawReason: 'Reason for withdrawing',
  withdrawConfirm: 'The publicity leaves the portal; a new one starts a new period.',
  published: 'Price publicized',
  answerSaved: 'Answer saved',
  withdrawn: 'Publicity withdrawn',
  publicLink: 'View on the portal',
  confirmPublish: 'The method, price, valuation report and decision become public; anyone may object during the period. Publicize?',
  listTitle: 'Pricing publicity',
  exportList: 'Export to Excel',
  listIntro: 'Prices at which universities and institutes transfer or license their results. During the period anyone may object under their name; the institution answers.',
  contract: 'Contract',
  institution: 'Transferor (licensor)',
  buyers: 'Transferee (licensee)',
  contractType: 'Contract type',
  download: 'Download the valuation report',
  none: 'None',
  sendObjection: 'Object',
  objectionName: 'Name or organization',
  objectionContact: 'Phone or e-mail',
  objectionContent: 'Objection (with reasons)',
  objectionThanks: 'Your objection has been received; the institution will answer it.',
  answers: 'Objections and answers',
  empty: 'No pricing publicity yet',
  notFound: 'This publicity does not exist or was withdrawn',
};

export function usePricingText() {
  const { lang } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: Key, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { m, lang };
}

export const useContractPricing = (contractId: string) =>
  useQuery({ queryKey: ['pricing', 'contract', contractId], queryFn: () => api<ContractPricing>(`/api/contracts/${encodeURIComponent(contractId)}/pricing`) });

function useInvalidate(contractId?: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['pricing'] });
    if (contractId) void client.invalidateQueries({ queryKey: ['contracts', 'one', contractId] });
  };
}

export function useCreatePublicity(contractId: string) {
  const done = useInvalidate(contractId);
  return useMutation({ mutationFn: (body: Record<string, unknown>) => api<PricingPublicity>(`/api/contracts/${encodeURIComponent(contractId)}/pricing`, { method: 'POST', body }), onSuccess: done });
}

export function useWithdrawPublicity(contractId: string) {
  const done = useInvalidate(contractId);
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => api<PricingPublicity>(`/api/pricing/${encodeURIComponent(id)}/withdraw`, { method: 'POST', body }), onSuccess: done });
}

export function useAnswerObjection(contractId: string) {
  const done = useInvalidate(contractId);
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => api<PricingObjection>(`/api/pricing/objections/${encodeURIComponent(id)}/answer`, { method: 'POST', body }), onSuccess: done });
}

export function useUploadValuationReport() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadFile('/api/pricing/valuation-reports', file, onProgress).done as Promise<{ hash: string; fileName: string }>,
  });
}

export type PublicPricing = PricingPublicity & { answers: { content: string; answer: string; answeredAt: string }[] };
export const PUBLIC_PRICING_EXPORT_URL = '/api/public/pricing/export.xlsx';
export const usePublicPricingList = () => useQuery({ queryKey: ['pricing', 'public'], queryFn: () => api<PricingPublicity[]>('/api/public/pricing') });
export const usePublicPricing = (id: string) => useQuery({ queryKey: ['pricing', 'public', id], queryFn: () => api<PublicPricing>(`/api/public/pricing/${encodeURIComponent(id)}`), retry: false });
export function usePublicPricingObjection(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: Record<string, unknown>) => api<PricingObjection>(`/api/public/pricing/${encodeURIComponent(id)}/objections`, { method: 'POST', body }), onSuccess: done });
}
export const valuationReportUrl = (id: string) => `/api/public/pricing/${encodeURIComponent(id)}/valuation-report`;

/**
 * Services and finance (服务与金融) as the server presents them (server/modules/services): service
 * offerings and requests, financing products, needs, matches and offers, IP operation records; their
 * React Query hooks over `api()` (keys start with 'services'), and the pages' strings (Chinese first).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CollateralKind, FinanceProductKind, FinancePurpose, IpRecordKind, MatchCriterion, NeedStatus, OfferDecision, OfferingStatus, RequestStatus, ServiceCategory } from '../../../../common/services-vocabulary.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Page } from '../../types.js';

type Named = { id: string; name: string };

export interface Offering {
  id: string; organization: Named; category: ServiceCategory; title: string; description: string; priceTerms: string;
  contactName: string | null; contactPhone: string | null; status: OfferingStatus; isDemo: boolean; version: number;
}
export interface PublicAgency { id: string; name: string; kind: string; address: string | null; serviceTypes: string[]; contacts: { name: string; title?: string }[]; offerings: Offering[] }
export interface ServiceRequest {
  id: string; requester: Named; provider: Named; offering: { id: string; title: string } | null; category: ServiceCategory; title: string; description: string;
  status: RequestStatus; nextStatuses: RequestStatus[]; isDemo: boolean; version: number; createdAt: string;
  steps?: { seq: number; from: RequestStatus | null; to: RequestStatus; at: string; actorName: string; note: string | null }[];
}
export interface FinanceProduct {
  id: string; bank: Named; name: string; kind: FinanceProductKind; minAmountFen: number; maxAmountFen: number; minRateBp: number; maxRateBp: number;
  minTermMonths: number; maxTermMonths: number; requiredQualifications: string[]; collateralKinds: CollateralKind[]; description: string; status: OfferingStatus; isDemo: boolean; version: number;
}
export interface FinanceOffer { id: string; needId: string; product: Named; bank: Named; decision: OfferDecision; amountFen: number | null; rateBp: number | null; termMonths: number | null; note: string | null; authorName: string; createdAt: string }
export interface FinanceNeed {
  id: string; organization: Named; title: string; amountFen: number; purpose: FinancePurpose; termMonths: number; collateralKinds: CollateralKind[];
  contract: { id: string; name: string } | null; achievement: { id: string; title: string } | null; description: string; status: NeedStatus; isDemo: boolean; version: number; createdAt: string;
  offers?: FinanceOffer[];
}
export interface MatchReason { criterion: MatchCriterion; met: boolean; text: string }
export interface NeedMatch { product: FinanceProduct; matched: boolean; score: number; reasons: MatchReason[]; offer: FinanceOffer | null }
export interface BankMatch { need: FinanceNeed; product: FinanceProduct; reasons: MatchReason[]; offer: FinanceOffer | null }
export interface IpRecord {
  id: string; kind: IpRecordKind; ipKind: string; ipNumber: string | null; ipTitle: string; from: Named; to: Named; licenseScope: string | null;
  startsOn: string; endsOn: string | null; amountFen: number; equityShareBp: number | null; achievement: { id: string; title: string } | null;
  contract: { id: string; name: string } | null; note: string | null; isDemo: boolean; version: number;
}

type Filters = Record<string, string | number | undefined>;

function list<T>(key: string, path: string, filters: Filters, enabled = true) {
  return {
    queryKey: ['services', key, filters],
    queryFn: ({ signal }: { signal: AbortSignal }) => api<Page<T>>(path, { query: filters, signal }),
    placeholderData: keepPreviousData,
    enabled,
  };
}

export const usePublicOfferings = (f: Filters) => useQuery(list<Offering>('public-offerings', '/api/public/services/offerings', f));
export const usePublicAgency = (id: string | undefined) =>
  useQuery({ queryKey: ['services', 'agency', id], queryFn: ({ signal }) => api<PublicAgency>(`/api/public/services/agencies/${encodeURIComponent(id!)}`, { signal }), enabled: !!id });
export const useOfferings = (f: Filters, enabled = true) => useQuery(list<Offering>('offerings', '/api/services/offerings', f, enabled));
export const useServiceRequests = (f: Filters) => useQuery(list<ServiceRequest>('requests', '/api/services/requests', f));
export const useServiceRequest = (id: string | undefined) =>
  useQuery({ queryKey: ['services', 'request', id], queryFn: ({ signal }) => api<ServiceRequest>(`/api/services/requests/${encodeURIComponent(id!)}`, { signal }), enabled: !!id });
export const useProducts = (f: Filters) => useQuery(list<FinanceProduct>('products', '/api/finance/products', f));
export const useNeeds = (f: Filters) => useQuery(list<FinanceNeed>('needs', '/api/finance/needs', f));
export const useNeed = (id: string | undefined) =>
  useQuery({ queryKey: ['services', 'need', id], queryFn: ({ signal }) => api<FinanceNeed>(`/api/finance/needs/${encodeURIComponent(id!)}`, { signal }), enabled: !!id });
export const useNeedMatches = (id: string | undefined) =>
  useQuery({ queryKey: ['services', 'matches', id], queryFn: ({ signal }) => api<{ asOf: string; items: NeedMatch[] }>(`/api/finance/needs/${encodeURIComponent(id!)}/matches`, { signal }), enabled: !!id });
export const useMatchedNeeds = (enabled: boolean) =>
  useQuery({ queryKey: ['services', 'matched-needs'], queryFn: ({ signal }) => api<{ asOf: string; items: BankMatch[] }>('/api/finance/matched-needs', { signal }), enabled });
export const useIpRecords = (f: Filters) => useQuery(list<IpRecord>('ip', '/api/ip/records', f));

/** A mutation that refreshes every services query when it succeeds. */
export function useSend<B>(method: 'POST' | 'PATCH', path: (body: B) => string, strip: (body: B) => unknown = (b) => b) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<unknown>(path(body), { method, body: strip(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['services'] }),
  });
}

/** `{id, ...rest}` → rest, for routes that carry the id in the path. */
export const withoutId = <B extends { id: string }>({ id: _id, ...rest }: B) => rest;

/** Basis points → "3.85%". */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

/** Fen → "300万元" (dashboards and ranges); exact to the 元 in tables via formatFen. */
export function formatWan(fen: number): string {
  const wan = Math.trunc(fen / 1_000_000);
  const rest = Math.round((fen % 1_000_000) / 10_000);
  return rest ? `${wan}.${String(rest).padStart(2, '0').replace(/0$/, '')}万元` : `${wan}万元`;
}

const zh = {
  directory: '服务机构名录', directoryHint: '知识产权、科技金融、法律咨询、技术评估、文献情报、检验检测等专业服务（湛河区技术转移体系）',
  offerings: '服务项目', requests: '服务请求', products: '金融产品', needs: '融资需求', ip: '知识产权运营', matchedNeeds: '匹配的融资需求',
  category: '服务类别', agency: '服务机构', title: '名称', description: '说明', priceTerms: '收费方式', contact: '联系人', status: '状态', search: '搜索服务或机构',
  newOffering: '发布服务项目', withdraw: '下架', reactivate: '重新上架', newRequest: '提出服务请求', requester: '请求单位', provider: '服务机构',
  offering: '服务项目', note: '说明', createdAt: '提交时间', steps: '办理记录', requestHint: '请选择服务项目，或选择服务机构和服务类别', loginToRequest: '登录后通过平台联系',
  bank: '金融机构', kind: '产品类型', amountRange: '额度', rateRange: '年利率', termRange: '期限（月）', qualifications: '准入资质', collateral: '担保方式',
  newProduct: '发布金融产品', minAmount: '最低额度（元）', maxAmount: '最高额度（元）', minRate: '最低年利率（基点，1%=100）', maxRate: '最高年利率（基点）',
  minTerm: '最短期限（月）', maxTerm: '最长期限（月）', organization: '企业', amount: '融资金额（元）', purpose: '用途', term: '期限（月）',
  newNeed: '发布融资需求', contractId: '关联技术合同编号（可选）', achievementId: '关联科技成果编号（可选）', matches: '匹配的金融产品', matched: '匹配', partly: '部分符合',
  offers: '银行答复', respond: '答复', decision: '答复', rate: '年利率（基点）', close: '关闭需求', noOffer: '尚未答复',
  ipKind: '知识产权类型', ipNumber: '专利号/登记号', ipTitle: '知识产权名称', recordKind: '运营方式', from: '许可方/出资方', to: '被许可方/被投资企业',
  licenseScope: '许可方式', startsOn: '起始日期', endsOn: '终止日期', value: '许可费/作价金额（元）', share: '股权比例（基点，1%=100）', newRecord: '登记知识产权运营',
  achievement: '关联成果', contract: '关联合同', asOf: '资质按 {date} 有效计算',
  edit: '编辑', editOffering: '编辑服务项目', editProduct: '编辑金融产品', editNeed: '编辑融资需求', editRecord: '编辑知识产权运营记录', contactPhone: '联系电话',
};
const en: Record<keyof typeof zh, string> = {
  directory: 'Service directory', directoryHint: 'IP, finance, legal, appraisal, information and evaluation services',
  offerings: 'Service offerings', requests: 'Service requests', products: 'Financing products', needs: 'Financing needs', ip: 'IP operations', matchedNeeds: 'Matched needs',
  category: 'Category', agency: 'Agency', title: 'Title', description: 'Description', priceTerms: 'Price terms', contact: 'Contact', status: 'Status', search: 'Search',
  newOffering: 'New offering', withdraw: 'Withdraw', reactivate: 'Reactivate', newRequest: 'Request a service', requester: 'Requester', provider: 'Agency',
  offering: 'Offering', note: 'Note', createdAt: 'Submitted', steps: 'History', requestHint: 'Pick an offering, or an agency and a category', loginToRequest: 'Log in to contact',
  bank: 'Bank', kind: 'Kind', amountRange: 'Amount', rateRange: 'Annual rate', termRange: 'Term (months)', qualifications: 'Qualifications', collateral: 'Collateral',
  newProduct: 'New product', minAmount: 'Min amount (yuan)', maxAmount: 'Max amount (yuan)', minRate: 'Min rate (bp)', maxRate: 'Max rate (bp)',
  minTerm: 'Min term (months)', maxTerm: 'Max term (months)', organization: 'Enterprise', amount: 'Amount (yuan)', purpose: 'Purpose', term: 'Term (months)',
  newNeed: 'New need', contractId: 'Contract id (optional)', achievementId: 'Achievement id (optional)', matches: 'Matched products', matched: 'Matched', partly: 'Partly',
  offers: 'Offers', respond: 'Respond', decision: 'Decision', rate: 'Rate (bp)', close: 'Close', noOffer: 'No answer yet',
  ipKind: 'IP kind', ipNumber: 'Number', ipTitle: 'IP title', recordKind: 'Kind', from: 'Licensor / contributor', to: 'Licensee / company',
  licenseScope: 'Licence scope', startsOn: 'Starts', endsOn: 'Ends', value: 'Fee / valuation (yuan)', share: 'Equity share (bp)', newRecord: 'New record',
  achievement: 'Achievement', contract: 'Contract', asOf: 'Qualifications valid on {date}',
  edit: 'Edit', editOffering: 'Edit offering', editProduct: 'Edit product', editNeed: 'Edit need', editRecord: 'Edit IP record', contactPhone: 'Phone',
};
export type ServicesKey = keyof typeof zh;

export function useServicesText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const s = (key: ServicesKey, vars?: Record<string, string>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m) : text;
  };
  return { s, vocab };
}

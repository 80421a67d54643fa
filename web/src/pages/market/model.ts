/**
 * The technology market's listings on the web: the React Query hooks over `api()` (keys start with
 * 'market'; the shapes are common/market-api.ts), and the pages' strings (Chinese first). Kept
 * beside the pages so the module lands as one folder.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Inquiry, Listing, ListingDetail, PublicListing } from '../../../../common/market-api.js';
import type { ListingKind, ListingStatus } from '../../../../common/market-vocabulary.js';
import { api, uploadFile } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Page } from '../../types.js';

/** The API's shapes, for the pages that import them from here. */
export type { Attachment, Inquiry, Listing, PublicListing } from '../../../../common/market-api.js';

/** URL segment of a kind. */
export const SEGMENT: Record<ListingKind, 'achievements' | 'demands'> = { achievement: 'achievements', demand: 'demands' };
/** The workbench of a kind. */
export const WORKBENCH: Record<ListingKind, string> = { achievement: '/my-achievements', demand: '/my-demands' };
/** The public page of a listing. */
export const publicPath = (kind: ListingKind, id: string) => `/market/${SEGMENT[kind]}/${id}`;

export interface ListingFilters {
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useListings(kind: ListingKind, filters: ListingFilters) {
  return useQuery({
    queryKey: ['market', kind, 'list', filters],
    queryFn: ({ signal }) => api<Page<Listing>>(`/api/market/${SEGMENT[kind]}`, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useListing(kind: ListingKind, id: string | undefined) {
  return useQuery({
    queryKey: ['market', kind, 'one', id],
    queryFn: ({ signal }) => api<ListingDetail>(`/api/market/${SEGMENT[kind]}/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function usePublicListing(kind: ListingKind, id: string | undefined) {
  return useQuery({
    queryKey: ['market', kind, 'public', id],
    queryFn: ({ signal }) => api<PublicListing>(`/api/public/market/${SEGMENT[kind]}/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
    retry: false,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['market'] });
    void client.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useSaveListing(kind: ListingKind, id?: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id
        ? api<Listing>(`/api/market/${SEGMENT[kind]}/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Listing>(`/api/market/${SEGMENT[kind]}`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useTransition(kind: ListingKind) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; to: ListingStatus; version: number; reason?: string }) =>
      api<ListingDetail>(`/api/market/${SEGMENT[kind]}/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useInquiries(box: 'received' | 'sent', filters: { listingKind?: ListingKind; listingId?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: ['market', 'inquiries', box, filters],
    queryFn: ({ signal }) => api<Page<Inquiry>>('/api/market/inquiries', { query: { box, pageSize: 100, ...filters }, signal }),
    enabled,
  });
}

export function useSendInquiry() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { listingKind: ListingKind; listingId: string; message: string; contact?: string }) =>
      api<Inquiry>('/api/market/inquiries', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useAnswerInquiry() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; answer?: string; close?: boolean }) =>
      api<Inquiry>(`/api/market/inquiries/${encodeURIComponent(id)}/answer`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUploadAttachment() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadFile('/api/market/attachments', file, onProgress).done as Promise<{ hash: string; size: number; mime: string }>,
  });
}

export function useMarketImport(kind: ListingKind) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadFile(`/api/market/import/${SEGMENT[kind]}`, file, onProgress).done as Promise<{ total: number; created: number; updated: number; unchanged: number }>,
    onSuccess: refresh,
  });
}

export const exportUrl = (kind: ListingKind, format: 'jsonl' | 'csv' | 'xlsx') => `/api/market/export/${SEGMENT[kind]}?format=${format}`;
export const attachmentUrl = (kind: ListingKind, id: string, hash: string, publicPage: boolean) =>
  `/api${publicPage ? '/public' : ''}/market/${SEGMENT[kind]}/${encodeURIComponent(id)}/attachments/${hash}`;

// ——— strings ———

const zh = {
  myAchievements: '我的成果',
  myDemands: '我的需求',
  review: '成果审核',
  inquiries: '对接留言',
  newAchievement: '发布科技成果',
  newDemand: '发布技术需求',
  editAchievement: '修改科技成果',
  editDemand: '修改技术需求',
  title: '名称',
  achievementTitle: '成果名称',
  demandTitle: '需求名称',
  description: '成果简介',
  problem: '需求描述（要解决的问题）',
  indicators: '预期指标',
  keywords: '关键词',
  keywordsHelp: '输入后回车，可输入多个',
  field: '技术领域',
  industries: '产业',
  trl: '技术就绪度（TRL 1–9）',
  stage: '成熟度',
  ipItems: '知识产权',
  ipKind: '类型',
  ipNumber: '编号',
  ipTitle: '名称',
  modes: '转化方式',
  priceKind: '价格类型',
  price: '价格（元）',
  reserve: '拍卖保留价（元）',
  owner: '所属机构',
  demander: '需求单位',
  team: '团队',
  memberName: '姓名',
  memberRole: '角色',
  originCountry: '来源国家（地区）代码',
  originCountryHelp: '成果来自国外时填写两位代码，如 DE、KZ；来源地区据此与所属机构所在地自动推定',
  region: '来源地区',
  tags: '标签',
  attachments: '附件',
  upload: '上传附件',
  expiresOn: '有效期至',
  deadline: '截止日期',
  budget: '预算（元）',
  budgetMin: '预算下限（元）',
  budgetMax: '预算上限（元）',
  challenge: '揭榜挂帅',
  reward: '榜单奖励（元）',
  status: '状态',
  statusReason: '退回原因',
  updatedAt: '更新时间',
  publishedAt: '发布时间',
  steps: '审核记录',
  submit: '提交审核',
  withdraw: '撤回',
  publish: '审核通过并发布',
  return: '退回修改',
  returnReason: '退回原因',
  returnReasonRequired: '请写明退回原因',
  edit: '修改',
  save: '保存',
  saved: '已保存',
  view: '查看',
  viewPublic: '查看公开页面',
  search: '搜索名称或外部编号',
  pendingQueue: '待审核',
  achievements: '科技成果',
  demands: '技术需求',
  import: '导入',
  export: '导出',
  imported: '导入完成：共 {total} 条，新增 {created}，更新 {updated}，未变 {unchanged}',
  importTemplate: '下载导入模板',
  contact: '联系对接',
  contactHint: '留言经平台转给发布单位，发布单位的电话不公开；对方回复后可在“对接留言”中查看。',
  loginToContact: '登录后联系对接',
  message: '留言',
  messageRequired: '请填写留言（至少5个字）',
  yourContact: '您的联系方式（仅发布单位可见，可不填）',
  senderContact: '对方联系方式',
  send: '发送',
  sent: '留言已发送，发布单位回复后可在“对接留言”中查看',
  received: '收到的留言',
  sentBox: '发出的留言',
  from: '留言人',
  listing: '信息',
  answer: '回复',
  answerPlaceholder: '回复内容',
  close: '关闭',
  answered: '已回复',
  noOwner: '（无所属机构）',
  negotiable: '面议',
  demo: '演示数据',
  none: '无',
  notFound: '该信息不存在或已下架',
  marketTitle: '技术市场',
  publicFooter: '联系对接经平台转达，不公开电话。',
  confirmSubmit: '提交后由科技局审核，审核期间不能修改。确定提交？',
  confirmWithdraw: '撤回后将从技术市场下架，可修改后重新提交。确定撤回？',
  days: '{n} 天',
};

type MarketKey = keyof typeof zh;

const en: Record<MarketKey, string> = {
  myAchievements: 'My achievements',
  myDemands: 'My demands',
  review: 'Listing review',
  inquiries: 'Inquiries',
  newAchievement: 'Post an achievement',
  newDemand: 'Post a demand',
  editAchievement: 'Edit achievement',
  editDemand: 'Edit demand',
  title: 'Title',
  achievementTitle: 'Title',
  demandTitle: 'Title',
  description: 'Description',
  problem: 'Problem to solve',
  indicators: 'Expected indicators',
  keywords: 'Keywords',
  keywordsHelp: 'Press Enter after each keyword',
  field: 'Technical field',
  industries: 'Industries',
  trl: 'Technology readiness (TRL 1–9)',
  stage: 'Maturity',
  ipItems: 'Intellectual property',
  ipKind: 'Kind',
  ipNumber: 'Number',
  ipTitle: 'Title',
  modes: 'Transfer modes',
  priceKind: 'Price',
  price: 'Price (yuan)',
  reserve: 'Auction reserve (yuan)',
  owner: 'Owner',
  demander: 'Demanding organization',
  team: 'Team',
  memberName: 'Name',
  memberRole: 'Role',
  originCountry: 'Origin country code',
  originCountryHelp: 'Two-letter code when the achievement comes from abroad (DE, KZ); the origin region is derived',
  region: 'Origin region',
  tags: 'Tags',
  attachments: 'Attachments',
  upload: 'Upload attachment',
  expiresOn: 'Valid until',
  deadline: 'Deadline',
  budget: 'Budget (yuan)',
  budgetMin: 'Budget from (yuan)',
  budgetMax: 'Budget up to (yuan)',
  challenge: 'Open challenge (揭榜挂帅)',
  reward: 'Reward (yuan)',
  status: 'Status',
  statusReason: 'Reason returned',
  updatedAt: 'Updated',
  publishedAt: 'Published',
  steps: 'Review history',
  submit: 'Submit for review',
  withdraw: 'Withdraw',
  publish: 'Approve and publish',
  return: 'Return for changes',
  returnReason: 'Reason',
  returnReasonRequired: 'Give the reason',
  edit: 'Edit',
  save: 'Save',
  saved: 'Saved',
  view: 'View',
  viewPublic: 'Public page',
  search: 'Search title or external id',
  pendingQueue: 'Pending review',
  achievements: 'Achievements',
  demands: 'Demands',
  import: 'Import',
  export: 'Export',
  imported: 'Imported {total}: {created} new, {updated} updated, {unchanged} unchanged',
  importTemplate: 'Import template',
  contact: 'Contact the owner',
  contactHint: 'Your message goes to the owner through the platform; their phone is never shown.',
  loginToContact: 'Log in to contact',
  message: 'Message',
  messageRequired: 'Write a message (5 characters or more)',
  yourContact: 'Your contact (only the owner sees it; optional)',
  senderContact: 'Sender\'s contact',
  send: 'Send',
  sent: 'Sent; the answer will appear under Inquiries',
  received: 'Received',
  sentBox: 'Sent',
  from: 'From',
  listing: 'Listing',
  answer: 'Answer',
  answerPlaceholder: 'Your answer',
  close: 'Close',
  answered: 'Answered',
  noOwner: '(no owner)',
  negotiable: 'Negotiable',
  demo: 'Demo data',
  none: 'None',
  notFound: 'This listing does not exist or is no longer on the market',
  marketTitle: 'Technology market',
  publicFooter: 'Contact goes through the platform; phone numbers are never public.',
  confirmSubmit: 'The S&T bureau reviews it; you cannot edit it meanwhile. Submit?',
  confirmWithdraw: 'It leaves the market; you may edit and submit it again. Withdraw?',
  days: '{n} days',
};

export function useMarketText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: MarketKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { m, lang, vocab };
}

/**
 * Deals (对接项目), matchmaking events (对接活动) and the outcome funnel (成效漏斗) on the web: the
 * React Query hooks over `api()` (keys start with 'deals' or 'events'; the shapes are
 * common/deal-api.ts), and the pages' strings (Chinese first).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Deal, DealDetail, EventDetail, EventRegistration, Funnel, MarketEvent } from '../../../../common/deal-api.js';
import type { DealStage, EventKind } from '../../../../common/deal-vocabulary.js';
import type { ListingKind, TransferMode } from '../../../../common/market-vocabulary.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Page } from '../../types.js';

/** The API's shapes, for the pages that import them from here. */
export type { Deal, DealDetail, EventDetail, EventRegistration, Funnel, FunnelCounts, MarketEvent } from '../../../../common/deal-api.js';

function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: ['deals'] }),
    client.invalidateQueries({ queryKey: ['events'] }),
  ]);
}

export function useDeals(filters: { stage?: string; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['deals', 'list', filters],
    queryFn: ({ signal }) => api<Page<Deal>>('/api/deals', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDeal(id: string | undefined) {
  return useQuery({
    queryKey: ['deals', 'one', id],
    queryFn: ({ signal }) => api<DealDetail>(`/api/deals/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateDeal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { demandId?: string; achievementId?: string; brokerPersonId?: string; eventId?: string; inquiryId?: string; note?: string }) =>
      api<Deal>('/api/deals', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDealTransition() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; to: DealStage; version: number; reason?: string; note?: string }) =>
      api<DealDetail>(`/api/deals/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useSignDeal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; amountFen: number; signedOn?: string; transferMode?: TransferMode; licenseYears?: number }) =>
      api<DealDetail>(`/api/deals/${encodeURIComponent(id)}/sign`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useAddDealNote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; text: string; nextStep?: string; dueOn?: string }) =>
      api<unknown>(`/api/deals/${encodeURIComponent(id)}/notes`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useEvents(filters: { when?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['events', 'list', filters],
    queryFn: ({ signal }) => api<Page<MarketEvent>>('/api/events', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: ['events', 'one', id],
    queryFn: ({ signal }) => api<EventDetail>(`/api/events/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateEvent() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { title: string; kind: EventKind; heldOn: string; place: string; organizerName?: string; organizerOrganizationId?: string; description?: string }) =>
      api<MarketEvent>('/api/events', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRegister() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; organizationId?: string; personId?: string }) =>
      api<EventRegistration>(`/api/events/${encodeURIComponent(id)}/registrations`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useMarkAttendance() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, registrationId, ...body }: { id: string; registrationId: string; version: number; attended: boolean }) =>
      api<EventRegistration>(`/api/events/${encodeURIComponent(id)}/registrations/${encodeURIComponent(registrationId)}/attendance`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useFunnel(from: string, to: string) {
  return useQuery({
    queryKey: ['deals', 'funnel', from, to],
    queryFn: ({ signal }) => api<Funnel>('/api/market/funnel', { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Published listings of a kind matching `q`, from the market's public search. */
export function useListingOptions(kind: ListingKind, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['deals', 'listing-options', kind, q],
    queryFn: ({ signal }) =>
      api<{ hits: { entityId: string; title: string }[] }>('/api/public/market/search', { query: { kind, q: q || undefined, sort: 'date', limit: 20 }, signal }),
    enabled,
  });
}

/** The organizations the user acts for (an "own" role reads only these), with their names. */
export function useMyOrganizations(enabled: boolean) {
  return useQuery({
    queryKey: ['deals', 'my-organizations'],
    queryFn: ({ signal }) => api<Page<{ id: string; name: string }>>('/api/organizations', { query: { pageSize: 100 }, signal }),
    enabled,
  });
}

/** People of the registry with the broker role (技术经纪（经理）人). */
export function useBrokerPeople(enabled: boolean) {
  return useQuery({
    queryKey: ['deals', 'broker-people'],
    queryFn: ({ signal }) => api<Page<{ id: string; name: string }>>('/api/people', { query: { role: 'broker', pageSize: 100 }, signal }),
    enabled,
  });
}

// ——— strings ———

const zh = {
  deals: '对接项目',
  events: '对接活动',
  funnel: '成效漏斗',
  startDeal: '发起对接',
  startDealHint: '由技术经纪人跟进：对接 → 洽谈 → 签约，签约后生成技术合同登记草稿。',
  pickDemand: '对接的技术需求（可不选）',
  pickAchievement: '对接的科技成果（可不选）',
  searchListings: '输入名称搜索已发布的信息',
  editFeatured: '选择展示项目',
  featuredAchievements: '展示的科技成果',
  featuredDemands: '展示的技术需求',
  brokerPerson: '技术经纪人（人员库）',
  firstNote: '备注（可不填）',
  created: '已发起对接',
  open: '查看',
  title: '项目名称',
  stage: '阶段',
  demand: '技术需求',
  achievement: '科技成果',
  buyer: '买方（需求方）',
  seller: '卖方（成果方）',
  broker: '技术经纪人',
  event: '来源活动',
  field: '技术领域',
  amount: '成交额（元）',
  signedOn: '签订日期',
  createdAt: '发起时间',
  steps: '阶段记录',
  notes: '跟进记录',
  noteText: '记录内容',
  nextStep: '下一步',
  dueOn: '完成期限',
  addNote: '添加记录',
  noteRequired: '请填写记录内容',
  toNegotiating: '进入洽谈',
  terminate: '终止对接',
  terminateReason: '终止原因',
  terminateNote: '说明',
  reasonRequired: '请选择终止原因',
  sign: '签约',
  signHint: '填写双方约定的成交额，系统据此生成预填的技术合同登记草稿（买卖双方、技术领域、经纪人、知识产权）。',
  amountRequired: '请填写成交额（元，最多两位小数）',
  transferMode: '转化方式（决定合同类别）',
  licenseYears: '许可年限',
  contract: '技术合同',
  contractDraft: '合同登记草稿',
  contractName: '合同名称',
  contractByParties: '由买卖双方核对并提交登记',
  openContract: '打开合同',
  registrationStatus: '登记状态',
  registrationNumber: '合同登记编号',
  registeredOn: '登记日期',
  turnover: '技术交易额（元）',
  terminated: '已终止',
  all: '全部',
  search: '搜索项目名称',
  kind: '类型',
  heldOn: '举办日期',
  place: '地点',
  organizer: '主办单位',
  description: '活动介绍',
  registrations: '报名',
  attended: '出席',
  attendedCount: '出席 {n}',
  register: '报名参加',
  registerOther: '代为报名',
  pickOrganization: '选择机构',
  registered: '已报名',
  markAttended: '签到',
  unmark: '取消签到',
  newEvent: '新建活动',
  featured: '展示的成果与需求',
  eventDeals: '来自本活动的对接项目',
  upcoming: '即将举办',
  past: '已举办',
  registeredBy: '报名人',
  registeredAt: '报名时间',
  from: '起始日期',
  to: '截止日期',
  totals: '总体',
  byField: '按技术领域',
  byBroker: '按技术经纪人',
  listings: '发布信息',
  contacts: '联系对接',
  dealsStarted: '对接项目',
  signedDeals: '签约',
  signedAmount: '签约额（元）',
  registeredContracts: '登记合同',
  registeredTurnover: '登记技术交易额（元）',
  funnelHint: '各环节统计期间内发生的数量：信息按发布日、留言与项目按发起日、签约按签订日、合同按登记日。',
  notStated: '未填写',
  demo: '演示数据',
  none: '无',
};

type DealKey = keyof typeof zh;

const en: Record<DealKey, string> = {
  deals: 'Deals',
  events: 'Matchmaking events',
  funnel: 'Outcome funnel',
  startDeal: 'Start a deal',
  startDealHint: 'A broker follows it up: contacting → negotiating → signed; signing creates a contract registration draft.',
  pickDemand: 'Demand (optional)',
  pickAchievement: 'Achievement (optional)',
  searchListings: 'Type to search published listings',
  editFeatured: 'Choose featured listings',
  featuredAchievements: 'Featured achievements',
  featuredDemands: 'Featured demands',
  brokerPerson: 'Broker (registry)',
  firstNote: 'Note (optional)',
  created: 'Deal started',
  open: 'Open',
  title: 'Title',
  stage: 'Stage',
  demand: 'Demand',
  achievement: 'Achievement',
  buyer: 'Buyer',
  seller: 'Seller',
  broker: 'Broker',
  event: 'From event',
  field: 'Technical field',
  amount: 'Amount (yuan)',
  signedOn: 'Signed on',
  createdAt: 'Started',
  steps: 'Stages',
  notes: 'Notes',
  noteText: 'Note',
  nextStep: 'Next step',
  dueOn: 'Due',
  addNote: 'Add note',
  noteRequired: 'Write the note',
  toNegotiating: 'Start negotiating',
  terminate: 'Terminate',
  terminateReason: 'Reason',
  terminateNote: 'Explanation',
  reasonRequired: 'Choose a reason',
  sign: 'Sign',
  signHint: 'Enter the agreed amount; a pre-filled contract registration draft is created (parties, field, broker, IP).',
  amountRequired: 'Enter the amount in yuan (at most 2 decimals)',
  transferMode: 'Transfer mode (sets the contract type)',
  licenseYears: 'Licence years',
  contract: 'Contract',
  contractDraft: 'Contract draft',
  contractName: 'Contract name',
  contractByParties: 'The parties check and submit it for registration',
  openContract: 'Open contract',
  registrationStatus: 'Registration status',
  registrationNumber: 'Registration number',
  registeredOn: 'Registered on',
  turnover: 'Technology turnover (yuan)',
  terminated: 'Terminated',
  all: 'All',
  search: 'Search title',
  kind: 'Kind',
  heldOn: 'Date',
  place: 'Place',
  organizer: 'Organizer',
  description: 'Description',
  registrations: 'Registrations',
  attended: 'Attended',
  attendedCount: '{n} attended',
  register: 'Register',
  registerOther: 'Register an organization',
  pickOrganization: 'Choose an organization',
  registered: 'Registered',
  markAttended: 'Check in',
  unmark: 'Undo check-in',
  newEvent: 'New event',
  featured: 'Featured listings',
  eventDeals: 'Deals from this event',
  upcoming: 'Upcoming',
  past: 'Past',
  registeredBy: 'Registered by',
  registeredAt: 'Registered at',
  from: 'From',
  to: 'To',
  totals: 'Totals',
  byField: 'By technical field',
  byBroker: 'By broker',
  listings: 'Listings',
  contacts: 'Contacts',
  dealsStarted: 'Deals',
  signedDeals: 'Signed',
  signedAmount: 'Signed amount (yuan)',
  registeredContracts: 'Registered contracts',
  registeredTurnover: 'Registered turnover (yuan)',
  funnelHint: 'Each stage counts what happened in the period: listings by publication, contacts and deals by start, signatures by signing date, contracts by registration date.',
  notStated: 'Not stated',
  demo: 'Demo data',
  none: 'None',
};

export function useDealText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const d = (key: DealKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { d, lang, vocab };
}

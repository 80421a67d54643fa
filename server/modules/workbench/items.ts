/**
 * Each role's 待办: one count per item, taken from the very list use case its link opens, with the
 * same filter — so the count is what the list shows, scoped the same way (an enterprise counts its
 * own, the operator its jurisdiction's). An item whose permission the user lacks is not asked.
 */
import type { UserRole } from '../../../common/vocabulary.js';
import type { WorkbenchItem } from '../../../common/workbench-api.js';
import type { Ctx } from '../../context.js';
import { scopeFor, type Action } from '../access/permissions.js';
import { listApplications } from '../applications/applications.js';
import { listNotices } from '../applications/notices.js';
import { listObjections } from '../applications/objections.js';
import { listContracts } from '../contracts/contracts.js';
import { listDeals } from '../deals/list-deals.js';
import { listRegistrations } from '../registration/list-registrations.js';
import { listChangeRequests } from '../registry/change-requests.js';
import { listServiceRequests } from '../services/list-service-requests.js';
import { matchedNeedsForBank } from '../services/list-matched-needs.js';
import { getBoard } from '../supervision/board.js';
import { listPlans } from '../supervision/plans.js';

const ONE = { page: 1, pageSize: 1 } as const;

interface ItemDef {
  key: string;
  label: string;
  roles: readonly UserRole[];
  /** The permission the linked list needs. */
  permission: Action;
  tone: WorkbenchItem['tone'];
  link: string;
  count: (ctx: Ctx) => Promise<number>;
}

/** Items that expand to one per record (a plan, a notice): the definition gives the list of items. */
interface ItemGroup {
  roles: readonly UserRole[];
  permission: Action;
  items: (ctx: Ctx) => Promise<WorkbenchItem[]>;
}

const REVIEWERS = ['operator', 'admin'] as const;
const APPLICANTS = ['enterprise', 'institution', 'broker'] as const;
const UNITS = ['enterprise', 'institution'] as const;

const applications = (status: Parameters<typeof listApplications>[1]['status']) => async (ctx: Ctx) => (await listApplications(ctx, { ...ONE, status })).total;
const contracts = (status: Parameters<typeof listContracts>[1]['status']) => async (ctx: Ctx) => (await listContracts(ctx, { ...ONE, status })).total;

const ITEMS: ItemDef[] = [
  // 科技局运营人员 (and the administrator, who may do all of it)
  { key: 'registrations.pending', label: '待审核的单位注册', roles: REVIEWERS, permission: 'registration.review', tone: 'todo', link: '/registrations?status=pending', count: async (ctx) => (await listRegistrations(ctx, { ...ONE, status: 'pending' })).total },
  { key: 'change_requests.pending', label: '待审核的变更申请', roles: REVIEWERS, permission: 'registry.change_request.review', tone: 'todo', link: '/change-requests?status=pending', count: async (ctx) => (await listChangeRequests(ctx, { ...ONE, status: 'pending' })).total },
  { key: 'contracts.submitted', label: '待登记的技术合同', roles: REVIEWERS, permission: 'contracts.contract.review', tone: 'todo', link: '/contracts?status=submitted', count: contracts('submitted') },
  { key: 'applications.submitted', label: '待初审的奖补申报', roles: REVIEWERS, permission: 'applications.application.first_review', tone: 'todo', link: '/applications?status=submitted', count: applications('submitted') },
  { key: 'applications.first_passed', label: '待复核的奖补申报', roles: REVIEWERS, permission: 'applications.application.second_review', tone: 'todo', link: '/applications?status=first_passed', count: applications('first_passed') },
  // 企业、高校院所、技术经纪人
  { key: 'applications.draft', label: '未提交的申报草稿', roles: APPLICANTS, permission: 'applications.application.update', tone: 'todo', link: '/applications?status=draft', count: applications('draft') },
  { key: 'applications.returned', label: '退回补正的申报', roles: APPLICANTS, permission: 'applications.application.update', tone: 'todo', link: '/applications?status=returned', count: applications('returned') },
  { key: 'contracts.draft', label: '未提交登记的合同草稿', roles: [...UNITS, 'agency'], permission: 'contracts.contract.submit', tone: 'todo', link: '/contracts?status=draft', count: contracts('draft') },
  { key: 'contracts.materials_requested', label: '待补正材料的合同', roles: [...UNITS, 'agency'], permission: 'contracts.contract.update', tone: 'todo', link: '/contracts?status=materials_requested', count: contracts('materials_requested') },
  { key: 'notices.open', label: '可申报的奖补通知', roles: APPLICANTS, permission: 'applications.notice.read', tone: 'todo', link: '/notices?open=true', count: async (ctx) => (await listNotices(ctx, { ...ONE, open: 'true' })).total },
  { key: 'applications.awarded', label: '已核定奖补的申报', roles: APPLICANTS, permission: 'applications.application.read', tone: 'info', link: '/applications?status=awarded', count: applications('awarded') },
  { key: 'applications.publicized', label: '公示中的申报', roles: APPLICANTS, permission: 'applications.application.read', tone: 'info', link: '/applications?status=publicized', count: applications('publicized') },
  { key: 'applications.approved', label: '财政已审定待拨付', roles: APPLICANTS, permission: 'applications.application.read', tone: 'info', link: '/applications?status=approved', count: applications('approved') },
  { key: 'applications.paid', label: '已拨付的奖补', roles: APPLICANTS, permission: 'applications.application.read', tone: 'info', link: '/applications?status=paid', count: applications('paid') },
  // 技术经纪人、服务机构: deals in progress
  { key: 'deals.contacting', label: '对接中的项目', roles: ['broker', 'agency'], permission: 'deals.deal.update', tone: 'todo', link: '/deals?stage=contacting', count: async (ctx) => (await listDeals(ctx, { ...ONE, stage: 'contacting' })).total },
  { key: 'deals.negotiating', label: '洽谈中的项目', roles: ['broker', 'agency'], permission: 'deals.deal.update', tone: 'todo', link: '/deals?stage=negotiating', count: async (ctx) => (await listDeals(ctx, { ...ONE, stage: 'negotiating' })).total },
  // 服务机构: requests addressed to it
  { key: 'service_requests.submitted', label: '待受理的服务请求', roles: ['agency'], permission: 'services.request.update', tone: 'todo', link: '/service-requests?status=submitted', count: async (ctx) => (await listServiceRequests(ctx, { ...ONE, status: 'submitted' })).total },
  // 财政局
  { key: 'notices.publicized', label: '公示中待审定的名单', roles: ['finance'], permission: 'applications.notice.approve', tone: 'todo', link: '/notices?status=publicized', count: async (ctx) => (await listNotices(ctx, { ...ONE, status: 'publicized' })).total },
  { key: 'applications.to_pay', label: '已审定待拨付的申报', roles: ['finance'], permission: 'applications.payment.record', tone: 'todo', link: '/applications?status=approved', count: applications('approved') },
  // 金融机构
  {
    key: 'finance.matched_needs',
    label: '匹配本机构产品、尚未答复的融资需求',
    roles: ['bank'],
    permission: 'finance.offer.write',
    tone: 'todo',
    link: '/finance-products',
    count: async (ctx) => (await matchedNeedsForBank(ctx)).items.filter((m) => !m.offer).length,
  },
];

const GROUPS: ItemGroup[] = [
  // Open objections of each list on 公示: the notice's page lists them.
  {
    roles: REVIEWERS,
    permission: 'applications.objection.resolve',
    items: async (ctx) => {
      const publicized = await listNotices(ctx, { status: 'publicized', page: 1, pageSize: 100 });
      const out: WorkbenchItem[] = [];
      for (const n of publicized.items) {
        const open = await listObjections(ctx, n.id, 'open');
        out.push({ key: `objections.${n.id}`, label: `「${n.title}」待处理的公示异议`, count: open.length, link: `/notices/${n.id}`, tone: 'todo' });
      }
      return out;
    },
  },
  // 督办: the operator's overdue cells, a department's due, overdue and returned reports — per plan, as its board shows them.
  {
    roles: ['operator', 'admin', 'department'],
    permission: 'supervision.board.read',
    items: async (ctx) => {
      const own = scopeFor(ctx.actor.roles, 'supervision.board.read') === 'own';
      const out: WorkbenchItem[] = [];
      for (const plan of await listPlans(ctx)) {
        const board = await getBoard(ctx, plan.id, {});
        const count = own ? board.totals.due + board.totals.overdue + board.totals.returned : board.totals.overdue;
        out.push({
          key: `supervision.${own ? 'due' : 'overdue'}.${plan.id}`,
          label: own ? `「${plan.title}」待报送的进度报告` : `「${plan.title}」逾期未报的进度报告`,
          count,
          link: `/supervision?plan=${plan.id}`,
          tone: 'todo',
        });
      }
      return out;
    },
  },
];

const applies = (roles: readonly UserRole[], ctx: Ctx, permission: Action) => ctx.actor.roles.some((r) => roles.includes(r)) && scopeFor(ctx.actor.roles, permission) !== null;

/** The user's 待办, in the table's order, each once (a user of two roles sees an item both give once). */
export async function workbenchItems(ctx: Ctx): Promise<WorkbenchItem[]> {
  const out: WorkbenchItem[] = [];
  const seen = new Set<string>();
  for (const def of ITEMS) {
    if (!applies(def.roles, ctx, def.permission) || seen.has(def.link)) continue;
    seen.add(def.link);
    out.push({ key: def.key, label: def.label, count: await def.count(ctx), link: def.link, tone: def.tone });
  }
  for (const g of GROUPS) if (applies(g.roles, ctx, g.permission)) out.push(...(await g.items(ctx)));
  return out;
}

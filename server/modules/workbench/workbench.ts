/**
 * 工作台: where every role lands after login — its 待办 with counts that open the filtered lists
 * (items.ts), its latest notifications, and shortcuts to what it uses most.
 */
import { USER_ROLES } from '../../../common/vocabulary.js';
import type { Workbench, WorkbenchShortcut } from '../../../common/workbench-api.js';
import type { Ctx } from '../../context.js';
import { assertCan } from '../access/policy.js';
import { scopeFor, type Action } from '../access/permissions.js';
import { listNotifications } from '../notifications/notifications.js';
import { workbenchItems } from './items.js';

/** Shortcuts in order of use; each shown when the user has its permission (the page it opens needs it too). */
const SHORTCUTS: (WorkbenchShortcut & { permission: Action; roles?: readonly string[] })[] = [
  { label: '申报奖补', link: '/notices?open=true', permission: 'applications.application.create' },
  { label: '登记技术合同', link: '/contracts/new', permission: 'contracts.contract.create', roles: ['enterprise', 'institution', 'agency'] },
  { label: '我的申报', link: '/applications', permission: 'applications.application.create' },
  { label: '发布技术需求', link: '/my-demands', permission: 'market.listing.create', roles: ['enterprise'] },
  { label: '发布科技成果', link: '/my-achievements', permission: 'market.listing.create', roles: ['institution', 'broker'] },
  { label: '对接项目', link: '/deals', permission: 'deals.deal.update', roles: ['broker', 'agency'] },
  { label: '服务请求', link: '/service-requests', permission: 'services.request.read', roles: ['agency', 'enterprise', 'institution'] },
  { label: '金融产品', link: '/finance-products', permission: 'finance.product.write', roles: ['bank'] },
  { label: '注册审核', link: '/registrations', permission: 'registration.review' },
  { label: '合同登记审核', link: '/contracts?status=submitted', permission: 'contracts.contract.review' },
  { label: '申报审核', link: '/applications?status=submitted', permission: 'applications.application.first_review' },
  { label: '申报通知', link: '/notices', permission: 'applications.notice.create' },
  { label: '公示名单审定', link: '/notices?status=publicized', permission: 'applications.notice.approve' },
  { label: '督办看板', link: '/supervision', permission: 'supervision.board.read' },
  { label: '目标监测', link: '/indicators', permission: 'indicators.read' },
  { label: '年度评估报告', link: '/evaluation', permission: 'evaluation.report.read' },
  { label: '奖补结算', link: '/settlements', permission: 'subsidies.settlement.read', roles: ['operator', 'finance', 'evaluator', 'admin'] },
  { label: '审计日志', link: '/audit', permission: 'audit.read', roles: ['admin', 'evaluator'] },
];

export async function getWorkbench(ctx: Ctx): Promise<Workbench> {
  assertCan(ctx.actor, 'workbench.read');
  const [items, notifications] = await Promise.all([workbenchItems(ctx), listNotifications(ctx, { unread: false, page: 1, pageSize: 8 })]);
  const shortcuts = SHORTCUTS.filter((s) => scopeFor(ctx.actor.roles, s.permission) !== null && (!s.roles || ctx.actor.roles.some((r) => s.roles!.includes(r))))
    .slice(0, 8)
    .map(({ label, link }) => ({ label, link }));
  return {
    roleLabels: ctx.actor.roles.map((r) => USER_ROLES.label(r)),
    items,
    notifications: notifications.items,
    unread: notifications.unread,
    shortcuts,
    prospects: ctx.actor.roles.some((r) => r === 'enterprise' || r === 'institution' || r === 'broker') && scopeFor(ctx.actor.roles, 'applications.application.create') !== null,
  };
}

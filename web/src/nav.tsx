/**
 * The one navigation table. A module of the platform is one entry: its path, menu label,
 * icon, the permission that shows it, and its lazily loaded routes (a component rendering
 * `<Routes>` relative to `path`). The menu and the router are both built from this table.
 *
 * Later modules add one entry each, e.g.
 *   { path: '/market', label: 'nav.market', icon: <ShopOutlined />, permission: 'market.read',
 *     routes: lazy(() => import('./pages/market/routes.js')) }   // 技术市场
 * and likewise 奖补 (subsidies), 督办 (supervision).
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AimOutlined,
  ShopOutlined,
  CustomerServiceOutlined,
  MoneyCollectOutlined,
  FundOutlined,
  SafetyCertificateOutlined,
  AuditOutlined,
  BulbOutlined,
  CheckSquareOutlined,
  MessageOutlined,
  BellOutlined,
  FundProjectionScreenOutlined,
  DashboardOutlined,
  CalculatorOutlined,
  BankOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  FileProtectOutlined,
  FunnelPlotOutlined,
  PartitionOutlined,
  ScheduleOutlined,
  TeamOutlined,
  IdcardOutlined,
  ReadOutlined,
  DiffOutlined,
  SafetyOutlined,
  SolutionOutlined,
  UsergroupAddOutlined,
  KeyOutlined,
  GlobalOutlined,
  HomeOutlined,
} from '@ant-design/icons';
import type { MessageKey } from './i18n.js';
import { PERMISSIONS } from './permissions.js';

/** The menu's sections, in the order they appear. */
export const NAV_GROUPS = ['workbench', 'registry', 'market', 'contracts', 'subsidies', 'supervision', 'talent', 'services', 'system'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavEntry {
  path: string;
  /** The menu section it is listed under. */
  group: NavGroup;
  label: MessageKey;
  icon: ReactNode;
  permission: string;
  routes: LazyExoticComponent<ComponentType>;
}

export const NAV: NavEntry[] = [
  {
    path: '/organizations',
    group: 'registry',
    label: 'nav.organizations',
    icon: <BankOutlined />,
    permission: PERMISSIONS.organizationRead,
    routes: lazy(() => import('./pages/registry/organization-routes.js')),
  },
  {
    path: '/people',
    group: 'registry',
    label: 'nav.people',
    icon: <TeamOutlined />,
    permission: PERMISSIONS.personRead,
    routes: lazy(() => import('./pages/registry/person-routes.js')),
  },
  {
    path: '/platforms',
    group: 'registry',
    label: 'nav.platforms',
    icon: <ExperimentOutlined />,
    permission: PERMISSIONS.platformRead,
    routes: lazy(() => import('./pages/registry/platform-routes.js')),
  },
  {
    path: '/contracts',
    group: 'contracts',
    label: 'nav.contracts',
    icon: <FileProtectOutlined />,
    permission: PERMISSIONS.contractRead,
    routes: lazy(() => import('./pages/contracts/contract-routes.js')),
  },
  {
    path: '/settlements',
    group: 'subsidies',
    label: 'nav.settlements',
    icon: <CalculatorOutlined />,
    permission: PERMISSIONS.settlementRead,
    routes: lazy(() => import('./pages/subsidies/settlement-routes.js')),
  },
  {
    path: '/notices',
    group: 'subsidies',
    label: 'nav.notices',
    icon: <NotificationOutlined />,
    permission: 'applications.notice.read',
    routes: lazy(() => import('./pages/applications/notice-routes.js')),
  },
  {
    path: '/applications',
    group: 'subsidies',
    label: 'nav.applications',
    icon: <FileDoneOutlined />,
    permission: 'applications.application.read',
    routes: lazy(() => import('./pages/applications/application-routes.js')),
  },
  // 技术市场 (the public search /market is the search module's; listing pages /market/achievements/:id and /market/demands/:id are public routes in app.tsx).
  {
    path: '/my-achievements',
    group: 'market',
    label: 'nav.myAchievements',
    icon: <BulbOutlined />,
    permission: 'market.listing.create',
    routes: lazy(() => import('./pages/market/achievement-routes.js')),
  },
  {
    path: '/my-demands',
    group: 'market',
    label: 'nav.myDemands',
    icon: <AimOutlined />,
    permission: 'market.listing.create',
    routes: lazy(() => import('./pages/market/demand-routes.js')),
  },
  {
    path: '/market-review',
    group: 'market',
    label: 'nav.marketReview',
    icon: <CheckSquareOutlined />,
    permission: 'market.listing.moderate',
    routes: lazy(() => import('./pages/market/review-page.js')),
  },
  {
    path: '/inquiries',
    group: 'market',
    label: 'nav.inquiries',
    icon: <MessageOutlined />,
    permission: 'market.inquiry.create',
    routes: lazy(() => import('./pages/market/inquiries.js')),
  },
  {
    path: '/deals',
    group: 'market',
    label: 'nav.deals',
    icon: <PartitionOutlined />,
    permission: 'deals.deal.read',
    routes: lazy(() => import('./pages/deals/deal-routes.js')),
  },
  {
    path: '/events',
    group: 'market',
    label: 'nav.events',
    icon: <ScheduleOutlined />,
    permission: 'events.event.read',
    routes: lazy(() => import('./pages/deals/event-routes.js')),
  },
  {
    path: '/market-funnel',
    group: 'market',
    label: 'nav.funnel',
    icon: <FunnelPlotOutlined />,
    permission: 'market.funnel.read',
    routes: lazy(() => import('./pages/deals/funnel-page.js')),
  },
  // 人才 (server/modules/talent): practitioners and T2, training courses with certificates, contributions.
  {
    path: '/practitioners',
    group: 'talent',
    label: 'nav.practitioners',
    icon: <IdcardOutlined />,
    permission: 'talent.practitioner.read',
    routes: lazy(() => import('./pages/talent/practitioner-routes.js')),
  },
  {
    path: '/trainings',
    group: 'talent',
    label: 'nav.trainings',
    icon: <ReadOutlined />,
    permission: 'talent.course.read',
    routes: lazy(() => import('./pages/talent/course-routes.js')),
  },
  // 服务与金融 (server/modules/services): agencies' offerings and requests (七), banks' products and enterprises' needs (十五),
  // IP licences and 作价入股 (十六). The public directory /services is a public route in app.tsx.
  {
    path: '/service-offerings',
    group: 'services',
    label: 'nav.serviceOfferings',
    icon: <ShopOutlined />,
    permission: 'services.offering.read',
    routes: lazy(() => import('./pages/services/offering-routes.js')),
  },
  {
    path: '/service-requests',
    group: 'services',
    label: 'nav.serviceRequests',
    icon: <CustomerServiceOutlined />,
    permission: 'services.request.read',
    routes: lazy(() => import('./pages/services/request-routes.js')),
  },
  {
    path: '/finance-products',
    group: 'services',
    label: 'nav.financeProducts',
    icon: <MoneyCollectOutlined />,
    permission: 'finance.product.read',
    routes: lazy(() => import('./pages/services/finance-routes.js').then((m) => ({ default: m.ProductRoutes }))),
  },
  {
    path: '/finance-needs',
    group: 'services',
    label: 'nav.financeNeeds',
    icon: <FundOutlined />,
    permission: 'finance.need.read',
    routes: lazy(() => import('./pages/services/finance-routes.js')),
  },
  {
    path: '/ip-records',
    group: 'services',
    label: 'nav.ipRecords',
    icon: <SafetyCertificateOutlined />,
    permission: 'ip.record.read',
    routes: lazy(() => import('./pages/services/ip-routes.js')),
  },
  {
    path: '/supervision',
    group: 'supervision',
    label: 'nav.supervision',
    icon: <FundProjectionScreenOutlined />,
    permission: 'supervision.board.read',
    routes: lazy(() => import('./pages/supervision/supervision-routes.js')),
  },
  // 目标监测 (server/modules/indicators): targets against actuals, trends, drill-downs; ECharts loads with this page only.
  {
    path: '/indicators',
    group: 'supervision',
    label: 'nav.indicators',
    icon: <DashboardOutlined />,
    permission: 'indicators.read',
    routes: lazy(() => import('./pages/indicators/indicator-routes.js')),
  },
  // 年度评估 (server/modules/evaluation): the annual evaluation report (二十一), previewed and downloaded as PDF / XLSX.
  {
    path: '/evaluation',
    group: 'supervision',
    label: 'nav.evaluation',
    icon: <FileSearchOutlined />,
    permission: 'evaluation.report.read',
    routes: lazy(() => import('./pages/evaluation/evaluation-page.js')),
  },
  {
    path: '/notifications',
    group: 'system',
    label: 'nav.notifications',
    icon: <BellOutlined />,
    permission: 'notifications.read',
    routes: lazy(() => import('./pages/notifications/notification-routes.js')),
  },
  {
    path: '/import',
    group: 'system',
    label: 'nav.import',
    icon: <CloudUploadOutlined />,
    permission: PERMISSIONS.registryImport,
    routes: lazy(() => import('./pages/import/import-page.js')),
  },
  {
    path: '/audit',
    group: 'system',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: PERMISSIONS.auditRead,
    routes: lazy(() => import('./pages/audit/audit-page.js')),
  },
  // 变更申请 (server/modules/registry/change-requests.ts): the operator's review queue; an organization's own requests.
  {
    path: '/change-requests',
    group: 'registry',
    label: 'nav.changeRequests',
    icon: <DiffOutlined />,
    permission: 'registry.change_request.read',
    routes: lazy(() => import('./pages/registry/change-request-routes.js')),
  },
  // 单位注册 (server/modules/registration): the operator's 注册审核 queue, a unit admin's 单位用户. The public
  // /register, /register/status and /join are public routes in app.tsx.
  {
    path: '/registrations',
    group: 'registry',
    label: 'nav.registrations',
    icon: <SolutionOutlined />,
    permission: 'registration.review',
    routes: lazy(() => import('./pages/registration/review-routes.js')),
  },
  {
    path: '/unit-users',
    group: 'system',
    label: 'nav.unitUsers',
    icon: <UsergroupAddOutlined />,
    permission: 'registration.unit.manage',
    routes: lazy(() => import('./pages/registration/unit-routes.js')),
  },
  // 门户 (server/modules/portal): the bureau writes and publishes the public portal's news, policy documents,
  // interpretations and guides; the portal itself is public (app.tsx).
  {
    path: '/portal-content',
    group: 'system',
    label: 'nav.portalContent',
    icon: <GlobalOutlined />,
    permission: 'portal.post.read',
    routes: lazy(() => import('./pages/portal/admin.js')),
  },
  // 信用记录 (server/modules/credit): the jurisdiction's records for government roles; a unit's own, with 信用修复.
  {
    path: '/credit',
    group: 'registry',
    label: 'nav.credit',
    icon: <SafetyOutlined />,
    permission: 'credit.record.read',
    routes: lazy(() => import('./pages/credit/credit-routes.js')),
  },
  // 复查 (server/modules/reexamination): reviewers' decisions re-examined (容错纠错, 尽职免责); the evaluator reads them.
  {
    path: '/reexaminations',
    group: 'supervision',
    label: 'nav.reexaminations',
    icon: <FileSearchOutlined />,
    permission: 'reexamination.case.read',
    routes: lazy(() => import('./pages/reexamination/routes.js')),
  },
  // 工作台 (server/modules/workbench): every role's landing page — its 待办, 免申即享 estimates, notifications, shortcuts.
  {
    path: '/workbench',
    group: 'workbench',
    label: 'nav.workbench',
    icon: <HomeOutlined />,
    permission: 'workbench.read',
    routes: lazy(() => import('./pages/workbench/workbench-page.js')),
  },
  // 用户与权限 (server/modules/users): the admin's accounts of its jurisdiction.
  {
    path: '/users',
    group: 'system',
    label: 'nav.users',
    icon: <KeyOutlined />,
    permission: 'users.user.read',
    routes: lazy(() => import('./pages/users/user-routes.js')),
  },
];

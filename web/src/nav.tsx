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
  AuditOutlined,
  BulbOutlined,
  CheckSquareOutlined,
  MessageOutlined,
  BellOutlined,
  FundProjectionScreenOutlined,
  CalculatorOutlined,
  BankOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  FileProtectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MessageKey } from './i18n.js';
import { PERMISSIONS } from './permissions.js';

export interface NavEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission: string;
  routes: LazyExoticComponent<ComponentType>;
}

export const NAV: NavEntry[] = [
  {
    path: '/organizations',
    label: 'nav.organizations',
    icon: <BankOutlined />,
    permission: PERMISSIONS.organizationRead,
    routes: lazy(() => import('./pages/registry/organization-routes.js')),
  },
  {
    path: '/people',
    label: 'nav.people',
    icon: <TeamOutlined />,
    permission: PERMISSIONS.personRead,
    routes: lazy(() => import('./pages/registry/person-routes.js')),
  },
  {
    path: '/platforms',
    label: 'nav.platforms',
    icon: <ExperimentOutlined />,
    permission: PERMISSIONS.platformRead,
    routes: lazy(() => import('./pages/registry/platform-routes.js')),
  },
  {
    path: '/contracts',
    label: 'nav.contracts',
    icon: <FileProtectOutlined />,
    permission: PERMISSIONS.contractRead,
    routes: lazy(() => import('./pages/contracts/contract-routes.js')),
  },
  {
    path: '/settlements',
    label: 'nav.settlements',
    icon: <CalculatorOutlined />,
    permission: PERMISSIONS.settlementRead,
    routes: lazy(() => import('./pages/subsidies/settlement-routes.js')),
  },
  {
    path: '/notices',
    label: 'nav.notices',
    icon: <NotificationOutlined />,
    permission: 'applications.notice.read',
    routes: lazy(() => import('./pages/applications/notice-routes.js')),
  },
  {
    path: '/applications',
    label: 'nav.applications',
    icon: <FileDoneOutlined />,
    permission: 'applications.application.read',
    routes: lazy(() => import('./pages/applications/application-routes.js')),
  },
  // 技术市场 (the public search /market is the search module's; listing pages /market/achievements/:id and /market/demands/:id are public routes in app.tsx).
  {
    path: '/my-achievements',
    label: 'nav.myAchievements',
    icon: <BulbOutlined />,
    permission: 'market.listing.create',
    routes: lazy(() => import('./pages/market/achievement-routes.js')),
  },
  {
    path: '/my-demands',
    label: 'nav.myDemands',
    icon: <AimOutlined />,
    permission: 'market.listing.create',
    routes: lazy(() => import('./pages/market/demand-routes.js')),
  },
  {
    path: '/market-review',
    label: 'nav.marketReview',
    icon: <CheckSquareOutlined />,
    permission: 'market.listing.moderate',
    routes: lazy(() => import('./pages/market/review-page.js')),
  },
  {
    path: '/inquiries',
    label: 'nav.inquiries',
    icon: <MessageOutlined />,
    permission: 'market.inquiry.create',
    routes: lazy(() => import('./pages/market/inquiries.js')),
  },
  {
    path: '/supervision',
    label: 'nav.supervision',
    icon: <FundProjectionScreenOutlined />,
    permission: 'supervision.board.read',
    routes: lazy(() => import('./pages/supervision/supervision-routes.js')),
  },
  {
    path: '/notifications',
    label: 'nav.notifications',
    icon: <BellOutlined />,
    permission: 'notifications.read',
    routes: lazy(() => import('./pages/notifications/notification-routes.js')),
  },
  {
    path: '/import',
    label: 'nav.import',
    icon: <CloudUploadOutlined />,
    permission: PERMISSIONS.registryImport,
    routes: lazy(() => import('./pages/import/import-page.js')),
  },
  {
    path: '/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: PERMISSIONS.auditRead,
    routes: lazy(() => import('./pages/audit/audit-page.js')),
  },
];

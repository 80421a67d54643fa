import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { FullPageSpin, UnauthorizedBridge } from './auth.js';

const LoginPage = lazy(() => import('./pages/login.js'));
const LoggedInApp = lazy(() => import('./logged-in-app.js'));
/** The public 公示 (no login). */
const PublicNoticeRoutes = lazy(() => import('./pages/applications/public-notice.js'));
const PublicPricingRoutes = lazy(() => import('./pages/pricing/public-pricing.js'));
/** Public statistics (统计公开) with the open data downloads (no login). */
const PublicStatisticsPage = lazy(() => import('./pages/indicators/public-statistics.js'));
/** Public pages of published listings (no login); the search page /market is the search module's. */
const PublicAchievementPage = lazy(() => import('./pages/market/public-listing.js').then((m) => ({ default: m.PublicAchievementPage })));
const MarketSearchPage = lazy(() => import('./pages/market/search-page.js'));
/** 服务机构名录 (the public service directory, plan (七)); requests are made after login. */
const PublicServicesRoutes = lazy(() => import('./pages/services/directory.js'));
const PublicDemandPage = lazy(() => import('./pages/market/public-listing.js').then((m) => ({ default: m.PublicDemandPage })));
/** 单位注册 (no login): the form, the applicant's status page, joining a unit with an invitation code. */
const RegisterPage = lazy(() => import('./pages/registration/register-page.js'));
const RegistrationStatusPage = lazy(() => import('./pages/registration/status-page.js'));
const JoinPage = lazy(() => import('./pages/registration/join-page.js'));
/** The steps a session must pass before anything else (账号安全, server/modules/auth): outside the logged-in shell. */
const ChangePasswordPage = lazy(() => import('./pages/account/forced-pages.js').then((m) => ({ default: m.ChangePasswordPage })));
const EnrolTotpPage = lazy(() => import('./pages/account/forced-pages.js').then((m) => ({ default: m.EnrolTotpPage })));
/** 门户: the public frame (header, breadcrumbs, footer) around every public page, the home page and the portal's columns. */
const PortalLayout = lazy(() => import('./pages/portal/layout.js'));
const PortalHomePage = lazy(() => import('./pages/portal/home.js'));
const portalPage = <K extends 'AnnouncementsPage' | 'ColumnPage' | 'PolicyLibraryPage' | 'PostPage' | 'SubsidyPolicyPage' | 'CallPage'>(name: K) =>
  lazy(() => import('./pages/portal/pages.js').then((m) => ({ default: m[name] })));
const PortalAnnouncements = portalPage('AnnouncementsPage');
const PortalColumn = portalPage('ColumnPage');
const PortalPolicyLibrary = portalPage('PolicyLibraryPage');
const PortalPost = portalPage('PostPage');
const PortalSubsidyPolicy = portalPage('SubsidyPolicyPage');
const PortalCall = portalPage('CallPage');

export function App() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <UnauthorizedBridge />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<PortalLayout />}>
          <Route index element={<PortalHomePage />} />
          <Route path="/announcements" element={<PortalAnnouncements />} />
          <Route path="/news" element={<PortalColumn kind="news" />} />
          <Route path="/news/:id" element={<PortalPost kind="news" />} />
          <Route path="/policies" element={<PortalPolicyLibrary />} />
          <Route path="/policies/subsidy/:id" element={<PortalSubsidyPolicy />} />
          <Route path="/policies/:id" element={<PortalPost kind="policy" />} />
          <Route path="/interpretations" element={<PortalColumn kind="interpretation" />} />
          <Route path="/interpretations/:id" element={<PortalPost kind="interpretation" />} />
          <Route path="/guides" element={<PortalColumn kind="guide" />} />
          <Route path="/guides/:id" element={<PortalPost kind="guide" />} />
          <Route path="/calls/:id" element={<PortalCall />} />
          <Route path="/public/notices/*" element={<PublicNoticeRoutes />} />
          <Route path="/public/pricing/*" element={<PublicPricingRoutes />} />
          <Route path="/public/statistics" element={<PublicStatisticsPage />} />
          <Route path="/market" element={<MarketSearchPage />} />
          <Route path="/market/achievements/:id" element={<PublicAchievementPage />} />
          <Route path="/market/demands/:id" element={<PublicDemandPage />} />
          <Route path="/services/*" element={<PublicServicesRoutes />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/register/status" element={<RegistrationStatusPage />} />
          <Route path="/join" element={<JoinPage />} />
        </Route>
        {/* The logged-in shell (menu, layout, every module) loads only behind its routes. */}
        <Route path="/account/change-password" element={<ChangePasswordPage />} />
        <Route path="/account/enrol-totp" element={<EnrolTotpPage />} />
        <Route path="*" element={<LoggedInApp />} />
      </Routes>
    </Suspense>
  );
}

import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { FullPageSpin, RequireAuth, RequirePermission, UnauthorizedBridge, useUser } from './auth.js';
import { NAV } from './nav.js';
import { can } from './permissions.js';
import { ForbiddenPage, NotFoundPage } from './pages/errors.js';

const LoginPage = lazy(() => import('./pages/login.js'));
const AppLayout = lazy(() => import('./layout/app-layout.js'));
const HomePage = lazy(() => import('./pages/home.js'));
/** The public 公示 (no login). */
const PublicNoticeRoutes = lazy(() => import('./pages/applications/public-notice.js'));
/** Public statistics (统计公开) with the open data downloads (no login). */
const PublicStatisticsPage = lazy(() => import('./pages/indicators/public-statistics.js'));
/** Public pages of published listings (no login); the search page /market is the search module's. */
const PublicAchievementPage = lazy(() => import('./pages/market/public-listing.js').then((m) => ({ default: m.PublicAchievementPage })));
const MarketSearchPage = lazy(() => import('./pages/market/search-page.js'));
/** 服务机构名录 (the public service directory, plan (七)); requests are made after login. */
const PublicServicesRoutes = lazy(() => import('./pages/services/directory.js'));
const PublicDemandPage = lazy(() => import('./pages/market/public-listing.js').then((m) => ({ default: m.PublicDemandPage })));

/** `/` opens the first module the user may use. */
function Home() {
  const user = useUser();
  const first = NAV.find((entry) => can(user, entry.permission));
  return first ? <Navigate to={first.path} replace /> : <HomePage />;
}

export function App() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <UnauthorizedBridge />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/public/notices/*" element={<PublicNoticeRoutes />} />
        <Route path="/public/statistics" element={<PublicStatisticsPage />} />
        <Route path="/market" element={<MarketSearchPage />} />
        <Route path="/market/achievements/:id" element={<PublicAchievementPage />} />
        <Route path="/market/demands/:id" element={<PublicDemandPage />} />
        <Route path="/services/*" element={<PublicServicesRoutes />} />
        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            <Route index element={<Home />} />
            {NAV.map((entry) => (
              <Route
                key={entry.path}
                path={`${entry.path}/*`}
                element={
                  <RequirePermission permission={entry.permission}>
                    <entry.routes />
                  </RequirePermission>
                }
              />
            ))}
            <Route path="/403" element={<ForbiddenPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

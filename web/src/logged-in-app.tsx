/**
 * The logged-in application: the menu (nav.tsx with its icons), the layout and every module.
 * app.tsx loads it lazily so the public portal's first load does not carry it.
 */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequirePermission } from './auth.js';
import { NAV } from './nav.js';
import { ForbiddenPage, NotFoundPage } from './pages/errors.js';

const AppLayout = lazy(() => import('./layout/app-layout.js'));
/** 账号安全: the user's own page (password, 动态验证码, 登录设备). */
const SecurityPage = lazy(() => import('./pages/account/security-page.js'));

export default function LoggedInApp() {
  return (
    <Routes>
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
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
          <Route path="/account/security" element={<SecurityPage />} />
          <Route path="/403" element={<ForbiddenPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

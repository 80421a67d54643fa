/**
 * Route guards. `RequireAuth` waits for /api/auth/me and sends anonymous visitors to /login
 * (remembering where they were going); `RequirePermission` shows the 403 page.
 */
import { useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { setUnauthorizedHandler } from './api.js';
import { useI18n } from './i18n.js';
import { can } from './permissions.js';
import { forgetSession, useMe } from './queries.js';
import type { User } from './types.js';
import { ForbiddenPage } from './pages/errors.js';

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', height: '60vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Any 401 from the API (session expired) forgets the user; the guard then redirects. */
export function UnauthorizedBridge() {
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => forgetSession(client));
    return () => setUnauthorizedHandler(null);
  }, [client]);
  return null;
}

export function loginPath(location: { pathname: string; search: string }): string {
  const next = location.pathname + location.search;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me.data) return <Navigate to={loginPath(location)} replace />;
  // A session that must first change its password or enrol TOTP reaches only that page.
  if (me.data.stage === 'must_change') return <Navigate to="/account/change-password" replace />;
  if (me.data.stage === 'enrol') return <Navigate to="/account/enrol-totp" replace />;
  return <Outlet />;
}

/** The logged-in user; only under RequireAuth. */
export function useUser(): User {
  const me = useMe();
  if (!me.data) throw new Error('useUser outside RequireAuth');
  return me.data;
}

export function RequirePermission({ permission, children }: { permission: string | boolean; children: ReactNode }) {
  const user = useUser();
  const allowed = typeof permission === 'boolean' ? permission : can(user, permission);
  return allowed ? <>{children}</> : <ForbiddenPage />;
}

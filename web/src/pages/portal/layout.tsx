/**
 * The one frame of every public page, in the manner of a government service portal: the site's name
 * over a navigation bar (首页 … 登录, 单位注册 — or 进入工作台 for a logged-in user), breadcrumbs, and a
 * footer with the host, the contact and the ICP / 公安 record numbers from configuration. Plain
 * markup and CSS rather than antd's Menu, Breadcrumb and Layout: the frame is on every visitor's
 * first load, and those would bring their dropdowns and overflow machinery with them.
 */
import { createContext, Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useI18n, type Lang, type MessageKey } from '../../i18n.js';
import { useMe } from '../../queries.js';
import { Loading } from './bits.js';
import { useSite } from './model.js';

export interface Crumb {
  title: string;
  path?: string;
}

const CrumbContext = createContext<(crumbs: Crumb[] | null) => void>(() => {});

/** A page names where it sits below 首页; the frame draws the breadcrumb. */
export function usePortalCrumbs(crumbs: Crumb[] | null): void {
  const set = useContext(CrumbContext);
  // Pages pass a new array each render: the effect follows its contents, not its identity.
  const key = JSON.stringify(crumbs);
  useEffect(() => {
    set(JSON.parse(key) as Crumb[] | null);
    return () => set(null);
  }, [key, set]);
}

const NAV: { path: string; label: MessageKey }[] = [
  { path: '/', label: 'portal.home' },
  { path: '/announcements', label: 'portal.announcements' },
  { path: '/policies', label: 'portal.policies' },
  { path: '/guides', label: 'portal.guides' },
  { path: '/market', label: 'portal.market' },
  { path: '/services', label: 'portal.services' },
  { path: '/public/statistics', label: 'portal.statistics' },
];

/** Where the pages of other modules sit, for their breadcrumb. */
const SECTIONS: { prefix: string; label: MessageKey }[] = [
  { prefix: '/public/notices', label: 'portal.publicNotices' },
  { prefix: '/public/statistics', label: 'portal.statistics' },
  { prefix: '/market', label: 'portal.market' },
  { prefix: '/services', label: 'portal.services' },
  { prefix: '/register', label: 'portal.register' },
  { prefix: '/join', label: 'portal.register' },
];

function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  if (pathname.startsWith('/interpretations')) return '/policies';
  if (pathname.startsWith('/news') || pathname.startsWith('/calls') || pathname.startsWith('/public/notices') || pathname.startsWith('/public/pricing')) return '/announcements';
  return NAV.find((n) => n.path !== '/' && pathname.startsWith(n.path))?.path ?? '';
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const site = useSite();
  const me = useMe();
  const location = useLocation();
  const selected = selectedKey(location.pathname);
  return (
    <header className="tt-portal-header">
      <div className="tt-portal-banner">
        <div className="tt-portal-inner">
          <Link to="/" className="tt-portal-title" data-testid="portal-title">
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <span>{site.data?.title ?? t('app.title')}</span>
          </Link>
          <div className="tt-portal-account">
            <span className="tt-portal-lang" role="group" aria-label="语言 Language">
              {(['zh-CN', 'en'] as Lang[]).map((l) => (
                <button key={l} type="button" aria-pressed={lang === l} onClick={() => setLang(l)}>{l === 'en' ? 'EN' : '中文'}</button>
              ))}
            </span>
            {me.data ? (
              <Link to="/workbench" className="tt-portal-button" data-testid="portal-workbench">{t('portal.workbench')}</Link>
            ) : (
              <>
                <Link to="/login" data-testid="portal-login">{t('portal.login')}</Link>
                <Link to="/register" className="tt-portal-button" data-testid="portal-register">{t('portal.register')}</Link>
              </>
            )}
          </div>
        </div>
      </div>
      <nav className="tt-portal-nav" data-testid="portal-nav">
        <div className="tt-portal-inner">
          {NAV.map((n) => (
            <Link key={n.path} to={n.path} className={n.path === selected ? 'tt-portal-nav-on' : undefined} aria-current={n.path === selected ? 'page' : undefined}>{t(n.label)}</Link>
          ))}
        </div>
      </nav>
    </header>
  );
}

function Footer() {
  const { t } = useI18n();
  const site = useSite().data;
  return (
    <footer className="tt-portal-footer" data-testid="portal-footer">
      <div className="tt-portal-inner">
        <div className="tt-portal-footer-links">
          <Link to="/announcements">{t('portal.announcements')}</Link>
          <Link to="/policies">{t('portal.policies')}</Link>
          <Link to="/guides">{t('portal.guides')}</Link>
          <Link to="/public/notices">{t('portal.publicNotices')}</Link>
          <Link to="/public/statistics">{t('portal.statistics')}</Link>
        </div>
        {site && (
          <div className="tt-portal-footer-lines">
            <div>{t('portal.hostOrg')}：{site.hostOrg}　{t('portal.contact')}：{site.contact}</div>
            <div>
              {site.icp && <a href="https://beian.miit.gov.cn/" target="_blank" rel="noreferrer" data-testid="portal-icp">{site.icp}</a>}
              {site.icp && site.psbRecord && '　'}
              {site.psbRecord && <span data-testid="portal-psb">{site.psbRecord}</span>}
            </div>
          </div>
        )}
      </div>
    </footer>
  );
}

function Crumbs({ crumbs }: { crumbs: Crumb[] | null }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const items = useMemo(() => {
    if (pathname === '/') return null;
    const section = SECTIONS.find((s) => pathname.startsWith(s.prefix));
    const trail: Crumb[] = crumbs ?? (section ? [{ title: t(section.label), path: section.prefix === pathname ? undefined : section.prefix }] : []);
    return [{ title: t('portal.home'), path: '/' }, ...trail];
  }, [crumbs, pathname, t]);
  if (!items) return null;
  return (
    <nav className="tt-portal-inner tt-portal-crumbs" aria-label={t('portal.here')} data-testid="portal-breadcrumb">
      {items.map((c, i) => (
        <span key={i}>
          {i > 0 && <span className="tt-portal-crumb-sep"> / </span>}
          {c.path && i < items.length - 1 ? <Link to={c.path}>{c.title}</Link> : <span aria-current="page">{c.title}</span>}
        </span>
      ))}
    </nav>
  );
}

export function PortalLayout({ children }: { children?: ReactNode }) {
  const [crumbs, setCrumbs] = useState<Crumb[] | null>(null);
  return (
    <CrumbContext.Provider value={setCrumbs}>
      <div className="tt-portal">
        <Header />
        <Crumbs crumbs={crumbs} />
        <main className="tt-portal-main">
          <Suspense fallback={<div className="tt-portal-inner"><Loading /></div>}>{children ?? <Outlet />}</Suspense>
        </main>
        <Footer />
      </div>
    </CrumbContext.Provider>
  );
}

export default PortalLayout;

/**
 * 首页 of the public portal: 通知公告 (申报通知, 公示, news), 政策文件 and 政策解读, 办事指南, a search
 * box into the technology market, 服务机构 and 统计公开 figures — each block linking to its column.
 * Blocks are plain markup (tt-portal-block): this page is every visitor's first load.
 */
import { Link, useNavigate } from 'react-router';
import type { FormEvent, ReactNode } from 'react';
import { Loading } from './bits.js';
import { useQuery } from '@tanstack/react-query';
import type { IndicatorReport } from '../../../../common/indicator-api.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { ItemList } from './bits.js';
import { useHome } from './model.js';

const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('zh-CN');

function More({ to }: { to: string }) {
  const { t } = useI18n();
  return <Link to={to}>{t('portal.more')} »</Link>;
}

function Block({ title, extra, children, testId, className }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`tt-portal-block${className ? ` ${className}` : ''}`} data-testid={testId}>
      <header><h2>{title}</h2>{extra}</header>
      <div className="tt-portal-block-body">{children}</div>
    </section>
  );
}

function Figures() {
  const { t, lang } = useI18n();
  const stats = useQuery({ queryKey: ['public-statistics', 'portal'], queryFn: () => api<IndicatorReport>('/api/public/statistics') });
  const shown = (stats.data?.indicators ?? []).filter((i) => i.value !== null).slice(0, 4);
  return (
    <Block title={t('portal.statistics')} extra={<Link to="/public/statistics">{t('portal.statisticsMore')} »</Link>} testId="portal-figures" className="tt-portal-wide">
      {stats.isPending ? <Loading /> : (
        <div className="tt-portal-figures">
          {shown.map((i) => (
            <div key={i.id}>
              <div className="tt-portal-figure-name">{lang === 'en' ? i.nameEn : i.name}</div>
              <div className="tt-portal-figure">
                {i.unit === 'fen' ? wan.format(i.value! / 1_000_000) : count.format(i.value!)}
                <small>{i.unit === 'fen' ? '万元' : i.unitLabel}</small>
              </div>
            </div>
          ))}
        </div>
      )}
    </Block>
  );
}

export default function PortalHomePage() {
  const { t } = useI18n();
  const home = useHome();
  const navigate = useNavigate();
  const h = home.data;
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    navigate(q ? `/market?q=${encodeURIComponent(q)}` : '/market');
  };
  return (
    <div className="tt-portal-inner">
      <div className="tt-portal-hero">
        <div className="tt-portal-hero-search">
          <h2>{t('portal.market')}</h2>
          <form role="search" className="tt-portal-search" data-testid="portal-market-search" onSubmit={search}>
            <input name="q" type="search" placeholder={t('portal.marketSearch')} aria-label={t('portal.marketSearch')} />
            <button type="submit">{t('common.search')}</button>
          </form>
          <p>{t('portal.marketHint')}</p>
        </div>
        <div className="tt-portal-shortcuts">
          <Link to="/guides">{t('portal.guides')}</Link>
          <Link to="/register">{t('portal.register')}</Link>
          <Link to="/public/notices">{t('portal.publicNotices')}</Link>
          <Link to="/services">{t('portal.services')}</Link>
        </div>
      </div>
      <div className="tt-portal-grid">
        <Block title={t('portal.announcements')} extra={<More to="/announcements" />} testId="portal-announcements">
          {h ? <ItemList items={h.announcements} testId="portal-announcement-list" /> : <Loading />}
        </Block>
        <Block title={t('portal.policies')} extra={<More to="/policies" />} testId="portal-policies">
          {h ? <ItemList showCategory={false} items={h.policies.map((p) => ({ category: p.source, title: p.title, date: p.effectiveOn ?? '', path: p.path, abstract: null, isDemo: p.isDemo }))} /> : <Loading />}
        </Block>
        <Block title={t('portal.guides')} extra={<More to="/guides" />} testId="portal-guides">
          {h ? (
            <div className="tt-portal-guides">
              {h.guides.map((g) => (
                <Link key={g.path} to={g.path}>
                  <strong>{g.title}</strong>
                  <span>{g.abstract}</span>
                </Link>
              ))}
            </div>
          ) : <Loading />}
        </Block>
        <div>
          <Block title={t('portal.interpretations')} extra={<More to="/interpretations" />} testId="portal-interpretations">
            {h ? <ItemList showCategory={false} items={h.interpretations} /> : <Loading />}
          </Block>
          <Block title={t('portal.services')} extra={<More to="/services" />}>
            <p className="tt-portal-muted">{t('portal.servicesHint')}</p>
            <Link to="/services">{t('portal.servicesGo')} »</Link>
          </Block>
        </div>
        <Figures />
      </div>
    </div>
  );
}
